import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * `npm run check:cycles [dir…]`: finds import cycles among the project's TypeScript modules,
 * type-only imports included (a type cycle still ties two modules together for a reader, and
 * becomes a runtime cycle the day one side imports a value). Walks every `.ts`/`.tsx` file under
 * the given folders (default `server`), follows their static imports wherever they lead in the
 * project (so `server → db → server` counts), and prints each cycle that touches those folders.
 * Exits 1 when there is one. Dynamic `import()` is not followed: it loads on demand, which is how
 * a module may legitimately reach back.
 */

const SOURCE_EXT = [".ts", ".tsx"];

/** `import … from "x"`, `import type … from "x"`, `export … from "x"`, `import "x"`. */
const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?(?:[\w*$\s{},]*?\s+from\s+)?["']([^"']+)["']/g;

export type ImportGraph = Map<string, string[]>;

/** Source text without comments, so an import shown in a doc comment is not taken for one. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of stripComments(source).matchAll(STATIC_IMPORT)) out.push(m[1]);
  return out;
}

/** The project file a specifier names, or null for a package (or a file that does not exist). */
export function resolveSpecifier(spec: string, fromFile: string, projectRoot: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(projectRoot, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  const stem = base.replace(/\.(js|jsx|mjs)$/, "");
  const candidates = [base, ...SOURCE_EXT.map((e) => stem + e), ...SOURCE_EXT.map((e) => path.join(base, "index" + e))];
  for (const c of candidates) if (SOURCE_EXT.includes(path.extname(c)) && existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) sourceFiles(full, out);
    } else if (SOURCE_EXT.includes(path.extname(entry.name)) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Every module reachable from the files under `roots`, with the project modules each imports. */
export function importGraph(roots: string[], projectRoot: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const todo = roots.flatMap((r) => sourceFiles(r));
  while (todo.length) {
    const file = todo.pop()!;
    if (graph.has(file)) continue;
    const deps = [...new Set(importSpecifiers(readFileSync(file, "utf8")).map((s) => resolveSpecifier(s, file, projectRoot)).filter((f): f is string => f !== null))];
    graph.set(file, deps);
    for (const d of deps) if (!graph.has(d)) todo.push(d);
  }
  return graph;
}

/** Groups of modules that import each other round (Tarjan's strongly connected components of two or more, or a self-import). */
function tangledGroups(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return groups;
}

/** The shortest way round from `start` back to itself, inside its group. */
function shortestCycle(graph: ImportGraph, start: string, group: Set<string>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const pathBack = [v];
        while (pathBack[0] !== start) pathBack.unshift(from.get(pathBack[0])!);
        return [...pathBack, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * Each cycle, as the files round it (first file repeated at the end), one per tangled group and
 * per member file of the group that is under `roots`, duplicates dropped.
 */
export function findCycles(graph: ImportGraph, roots: string[] = []): string[][] {
  const inRoots = (f: string) => roots.length === 0 || roots.some((r) => f === r || f.startsWith(r + path.sep));
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const group of tangledGroups(graph)) {
    const members = new Set(group);
    for (const start of group.filter(inRoots)) {
      const cycle = shortestCycle(graph, start, members);
      // The same ring found from another of its files.
      const ring = cycle.slice(0, -1);
      const key = [...ring].sort().join("\n") + "|" + ring.length;
      if (seen.has(key)) continue;
      seen.add(key);
      cycles.push(cycle);
    }
  }
  return cycles;
}

export function checkImportCycles(dirs: string[], projectRoot: string): string[][] {
  const roots = dirs.map((d) => path.resolve(projectRoot, d));
  return findCycles(importGraph(roots, projectRoot), roots);
}

function main() {
  const projectRoot = path.resolve(__dirname, "..");
  const dirs = process.argv.slice(2);
  const scanned = dirs.length ? dirs : ["server"];
  const cycles = checkImportCycles(scanned, projectRoot);
  if (cycles.length === 0) {
    console.log(`no import cycles under ${scanned.join(", ")}`);
    return;
  }
  for (const c of cycles) console.log(`cycle: ${c.map((f) => path.relative(projectRoot, f)).join(" -> ")}`);
  console.log(`${cycles.length} import cycle(s) under ${scanned.join(", ")}`);
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) main();
