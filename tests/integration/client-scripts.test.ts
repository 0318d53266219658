import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baseUrl, createToken } from "../support/api";

const CLIENTS = path.resolve(__dirname, "../clients");
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;

describe("integrator scripts against /adial/api", () => {
  it.runIf(has("curl", ["--version"]) && has("jq", ["--version"]))("a curl + jq shell script drives a campaign end to end", async () => {
    const { token } = await createToken({ name: "shell" });
    const run = spawnSync("bash", [path.join(CLIENTS, "campaign-flow.sh")], {
      env: { ...process.env, API_TOKEN: token, BASE_URL: `${baseUrl()}/adial/api` },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n");
    const id = Number(lines[0].replace("campaign=", ""));
    expect(id).toBeGreaterThan(0);
    expect(JSON.parse(lines[1])).toEqual({ m: "2 numbers added successfully", d: { campaign_id: id, count: 2 } });
    expect(JSON.parse(lines[2])).toEqual({ campaign_id: id, status: "running" });
    expect(JSON.parse(lines[3]).running).toContain(id);
    expect(JSON.parse(lines[4])).toBe(0);
    expect(JSON.parse(lines[5])).toEqual({ campaign_id: id, status: "stopped" });
  });

  it.runIf(has("python3", ["-c", "import requests"]))("a Python requests client gets the documented replies", async () => {
    const { token } = await createToken({ name: "python" });
    const run = spawnSync("python3", [path.join(CLIENTS, "campaign_flow.py")], {
      env: { ...process.env, PACER_TOKEN: token, PACER_BASE_URL: `${baseUrl()}/adial/api` },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const steps = Object.fromEntries(run.stdout.trim().split("\n").map((l) => JSON.parse(l)).map((s) => [s.step, s.reply]));
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
