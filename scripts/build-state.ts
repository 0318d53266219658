import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

/**
 * `npm start` and the test suites need a production build of the current sources. The build is
 * redone only when the sources changed since the last one: a fingerprint of every input file is
 * kept beside the build.
 */
const ROOT = path.resolve(__dirname, "..");
const INPUTS = ["app", "components", "hooks", "lib", "server", "db", "public"];
const FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json"];
const STAMP = path.join(ROOT, ".next", "pacer-sources.sha256");

function walk(dir: string, out: string[]) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!entry.name.endsWith(".test.ts")) out.push(full);
  }
}

export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const d of INPUTS) walk(path.join(ROOT, d), files);
  for (const f of FILES) if (existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  const hash = createHash("sha256");
  for (const f of files.sort()) {
    hash.update(path.relative(ROOT, f));
    hash.update(readFileSync(f));
  }
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")) || !existsSync(STAMP)) return false;
  return readFileSync(STAMP, "utf8").trim() === sourceFingerprint();
}

const LOCK = path.join(ROOT, ".next-build.lock");

/**
 * Two builds into one .next corrupt it (a test run and `npm start` at once, say): one process
 * builds, the others wait for it and then use its build. A lock left by a killed build goes stale.
 */
function withBuildLock(fn: () => void): void {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = existsSync(LOCK) ? Date.now() - statSync(LOCK).mtimeMs : 0;
      if (age > 15 * 60_000 || Date.now() - started > 20 * 60_000) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      spawnSync("sleep", ["1"]);
    }
  }
  try {
    fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function ensureBuild(log: (line: string) => void = console.log): void {
  if (buildIsCurrent()) return;
  withBuildLock(() => build(log));
}

function build(log: (line: string) => void): void {
  if (buildIsCurrent()) return;
  log("Pacer: building the web app (first start or sources changed)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(STAMP, sourceFingerprint() + "\n");
  log(`Pacer: build done in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (require.main === module) ensureBuild();
