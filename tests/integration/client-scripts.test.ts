import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseUrl, createToken } from "../support/api";

const CLIENTS = path.resolve(__dirname, "../clients");
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;

/**
 * Runs one of the clients with a new token, `env` naming the token and the contract's base URL as
 * that client reads them; it must exit 0 and write nothing to stderr. Gives its output's lines.
 */
async function runClient(command: string, script: string, env: (token: string, base: string) => Record<string, string>): Promise<string[]> {
  const { token } = await createToken({ name: script });
  const run = spawnSync(command, [path.join(CLIENTS, script)], { env: { ...process.env, ...env(token, `${baseUrl()}/adial/api`) }, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout.trim().split("\n");
}

describe("integrator scripts against /adial/api", () => {
  it.runIf(has("curl", ["--version"]) && has("jq", ["--version"]))("a curl + jq shell script drives a campaign end to end", async () => {
    const lines = await runClient("bash", "campaign-flow.sh", (token, base) => ({ API_TOKEN: token, BASE_URL: base }));
    const id = Number(lines[0].replace("campaign=", ""));
    expect(id).toBeGreaterThan(0);
    expect(JSON.parse(lines[1])).toEqual({ m: "2 numbers added successfully", d: { campaign_id: id, count: 2 } });
    expect(JSON.parse(lines[2])).toEqual({ campaign_id: id, status: "running" });
    expect(JSON.parse(lines[3]).running).toContain(id);
    expect(JSON.parse(lines[4])).toBe(0);
    expect(JSON.parse(lines[5])).toEqual({ campaign_id: id, status: "stopped" });
  });

  it.runIf(has("python3", ["-c", "import requests"]))("a Python requests client gets the documented replies", async () => {
    const lines = await runClient("python3", "campaign_flow.py", (token, base) => ({ PACER_TOKEN: token, PACER_BASE_URL: base }));
    const steps = Object.fromEntries(lines.map((l) => JSON.parse(l)).map((s) => [s.step, s.reply]));
    const id = steps.create.data.id;
    expect(steps.create).toMatchObject({ success: true, code: 201, data: { name: "Python Campaign", concurrent_calls: 3 } });
    expect(steps.add.data).toEqual({ campaign_id: id, count: 2 });
    expect(steps.start.data).toEqual({ campaign_id: id, status: "running" });
    expect(steps.running.data.map((c: { id: number }) => c.id)).toContain(id);
    expect(steps.cdr).toMatchObject({ success: true, data: [], pagination: { total: 0, per_page: 20, current_page: 1 } });
    expect(steps.realtime.data.campaigns.map((c: { id: number }) => c.id)).toContain(id);
    expect(steps.stop.data).toEqual({ campaign_id: id, status: "stopped" });
  });
});
