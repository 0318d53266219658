import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DOCS_SETUP, freeswitchConfig } from "../server/integrations/freeswitch-config";

/**
 * `npm run docs:integrations`: writes docs/integrations/freeswitch/ from the same templates
 * `GET /api/integrations/freeswitch` renders, with the documentation's placeholders, so the guide
 * and the API never disagree (integration-docs.test.ts fails when the files are stale).
 */
export const FREESWITCH_DOCS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "integrations", "freeswitch");

/** Each documented file and the text it must hold. */
export function freeswitchDocs(): { file: string; content: string }[] {
  return freeswitchConfig(DOCS_SETUP).map((f) => ({ file: path.join(FREESWITCH_DOCS_DIR, f.path), content: f.content }));
}

export function staleFreeswitchDocs(): string[] {
  return freeswitchDocs()
    .filter(({ file, content }) => {
      try {
        return readFileSync(file, "utf8") !== content;
      } catch {
        return true;
      }
    })
    .map(({ file }) => file);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const { file, content } of freeswitchDocs()) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
}
