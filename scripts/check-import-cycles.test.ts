import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkImportCycles, importSpecifiers } from "./check-import-cycles";

const projectRoot = path.resolve(__dirname, "..");

describe("import cycle check", () => {
  it("finds no import cycle under server/, type imports included", () => {
    const cycles = checkImportCycles(["server"], projectRoot).map((c) => c.map((f) => path.relative(projectRoot, f)).join(" -> "));
    expect(cycles).toEqual([]);
  });

  describe("on a small project with cycles", () => {
    const root = mkdtempSync(path.join(tmpdir(), "pacer-cycles-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    write("server/a.ts", `import { b } from "./b";\nexport const a = () => b;\n`);
    // A type-only import closes the ring as surely as a value import.
    write("server/b.ts", `import type { C } from "@/server/c";\nexport const b = 1;\nexport type B = C;\n`);
    write("server/c/index.ts", `export type { A } from "../a.js";\nexport type C = number;\n`);
    // Not cycles: a dynamic import, an import in a comment, a package.
    write("server/d.ts", `// import { e } from "./e";\nexport const d = () => import("./e");\nimport { z } from "zod";\n`);
    write("server/e.ts", `/* import { d } from "./d"; */\nimport { d } from "./d";\nexport const e = d;\n`);
    write("lib/x.ts", `import { y } from "@/server/y";\nexport const x = 1;\n`);
    write("server/y.ts", `import { x } from "../lib/x";\nexport const y = x;\n`);

    it("prints each cycle, through relative, @/ and index paths and out of the folder and back", () => {
      const cycles = checkImportCycles(["server"], root).map((c) => c.map((f) => path.relative(root, f)));
      expect(cycles).toHaveLength(2);
      expect(cycles).toContainEqual(["server/a.ts", "server/b.ts", "server/c/index.ts", "server/a.ts"]);
      expect(cycles).toContainEqual(["server/y.ts", "lib/x.ts", "server/y.ts"]);
    });

    it("reads every static form of import and export", () => {
      const src = [
        `import a from "./a";`,
        `import type { B } from "./b";`,
        `import {\n  c,\n  type D as E,\n} from "./c";`,
        `export * from "./f";`,
        `export * as g from "./g";`,
        `export type { H } from "./h";`,
        `import "./side-effect";`,
        `const later = await import("./lazy");`,
      ].join("\n");
      expect(importSpecifiers(src)).toEqual(["./a", "./b", "./c", "./f", "./g", "./h", "./side-effect"]);
    });
  });
});
