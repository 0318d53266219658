import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Asterisk (and the simulator) describe ARI in Swagger 1.1, which swagger-client 2.0 greets on
 * every connect with "This API is using a deprecated version of Swagger!". Run in a process of
 * its own, at the most talkative log level, connecting must print nothing of the sort, and no
 * Node deprecation warning either.
 */
describe("ari-client's swagger-client", () => {
  it("connecting to a Swagger 1.1 ARI prints no deprecation notice, even at debug level", () => {
    const root = path.resolve(__dirname, "../../..");
    const run = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(__dirname, "__fixtures__/connect-once.ts")], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "debug", NODE_OPTIONS: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toContain("connected twice; swagger-client log history: 0");
    expect(output).not.toMatch(/deprecated version of Swagger/i);
    expect(output).not.toMatch(/DeprecationWarning|\(node:\d+\) \[DEP/);
  });
});
