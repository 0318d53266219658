import { describe, expect, it } from "vitest";
import type { Client } from "../support/api";
import { agentUser, allPages, dialerCampaign, waitFor } from "../support/dialer";
import { parsePrometheus, total } from "../support/prometheus";
import { rigForSuite } from "../support/rig-suite";

/**
 * /metrics on a Pacer of its own that dials through the simulator (real sockets, real database):
 * who may scrape, and that the counters and gauges agree with the CDR and the agents' states.
 * TRUST_PROXY lets a request name its address (X-Forwarded-For), so one server shows both an
 * allowed and a refused address.
 */
const suite = rigForSuite({ timeScale: 0.01, seed: 13 }, { driver: "ari", env: { METRICS_ALLOW: "10.0.0.0/8, ::1", TRUST_PROXY: "1" } });

async function scrape(headers: Record<string, string> = {}, path = "/metrics") {
  const res = await fetch(`${suite.base}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

async function tokenFor(api: Client, permissions?: string[]) {
  const r = await api.post("/tokens", { name: `metrics ${Math.random().toString(36).slice(2, 7)}`, permissions });
  expect(r.status).toBe(201);
  return r.body.data.token as string;
}

let metricsToken: string | undefined;
async function samples() {
  metricsToken ??= await tokenFor(suite.api, ["metrics/read"]);
  const r = await scrape({ Authorization: `Bearer ${metricsToken}` });
  expect(r.status).toBe(200);
  return parsePrometheus(r.text).samples;
}

const numbersFrom = (start: number, n: number) => Array.from({ length: n }, (_, i) => ({ phone_number: `1555${String(start + i)}` }));

describe("/metrics access", () => {
  it("answers a token with metrics/read, a supervisor's session and an allowed address; refuses everyone else clearly", async () => {
    const { api, cookie } = suite;
    const ok = await scrape({ Authorization: `Bearer ${await tokenFor(api, ["metrics/read"])}` });
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.text).toContain("# TYPE pacer_dialer_originates_total counter");
    expect(ok.text).toContain("# TYPE pacer_dialer_tick_duration_seconds histogram");
    expect((await scrape({ Cookie: cookie })).status).toBe(200);
    expect((await scrape({ Authorization: `Bearer ${await tokenFor(api, ["metrics/*"])}` }, "/api/metrics")).status).toBe(200);
    expect((await scrape({ "X-Forwarded-For": "10.20.30.40" })).status).toBe(200);

    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toEqual({
      success: false,
      code: 401,
      message: "Unauthorized: send 'Authorization: Bearer <token>' (a token with 'metrics/read'), or scrape from an address listed in METRICS_ALLOW",
    });
    expect((await scrape({ "X-Forwarded-For": "192.168.1.5" })).status).toBe(401);

    const refused = async (headers: Record<string, string>, status: number, message: string) => {
      const r = await scrape(headers);
      expect(r.status).toBe(status);
      expect(JSON.parse(r.text).message).toBe(message);
    };
    await refused({ Authorization: "Bearer not-a-token" }, 401, "Unauthorized: invalid token");
    await refused({ Authorization: "Basic YWRtaW46YWRtaW4=" }, 401, "Unauthorized: Authorization header must be 'Bearer <token>'");
    await refused({ Authorization: `Bearer ${"ab".repeat(32)}` }, 401, "Unauthorized: invalid or revoked token");
    // A bad token is refused even from an allowed address: credentials that are sent are checked.
    await refused({ Authorization: `Bearer ${"cd".repeat(32)}`, "X-Forwarded-For": "10.0.0.9" }, 401, "Unauthorized: invalid or revoked token");
    await refused({ Authorization: `Bearer ${await tokenFor(api, ["campaigns/*", "monitoring/*"])}` }, 403, "Forbidden: token lacks the 'metrics/read' permission");

    // Agents never read metrics, whatever their token says.
    const agent = await agentUser(api, suite.base, "Metrics Agent", "2901");
    const agentToken = await tokenFor(agent.api);
    await refused({ Authorization: `Bearer ${agentToken}` }, 403, "Forbidden: the agent role cannot use this endpoint");
    await refused({ Cookie: agent.cookie }, 403, "Forbidden: the agent role cannot use this endpoint");

    const badScope = await api.post("/tokens", { name: "bad", permissions: ["metrics/write"] });
    expect(badScope.status).toBe(400);
  });

  it("is described in /api/openapi.json with its permission and media type", async () => {
    const doc = await (await fetch(`${suite.base}/api/openapi.json`)).json();
    const op = doc.paths["/metrics"].get;
    expect(op.description).toContain("`metrics/read`");
    expect(op.description).not.toContain("agent");
    expect(Object.keys(op.responses["200"].content)).toEqual(["text/plain; version=0.0.4"]);
  });
});

describe("/metrics while campaigns dial through the simulator", () => {
  it("counts originates and outcomes by cause as the CDR records them", { timeout: 180_000 }, async () => {
    const { api } = suite;
    const before = await samples();
    const id = (await api.post("/campaigns", dialerCampaign("Metrics agentless", { concurrent_calls: 5 }))).body.data.id as number;
    const numbers = numbersFrom(7_100_000, 40);
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).status).toBe(201);
    const campaign = String(id);
    expect(total(before, "pacer_dialer_originates_total", { campaign })).toBe(0);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 150_000, 500);

    const after = await samples();
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr.length).toBeGreaterThanOrEqual(numbers.length);
    expect(total(after, "pacer_dialer_originates_total", { campaign })).toBeGreaterThanOrEqual(cdr.length);

    const fromCdr = new Map<string, number>();
    for (const r of cdr) {
      const key = `${r.disposition}/${r.hangup_cause ?? "none"}`;
      fromCdr.set(key, (fromCdr.get(key) ?? 0) + 1);
    }
    const fromMetrics = new Map<string, number>();
    for (const s of after.filter((s) => s.name === "pacer_call_outcomes_total" && s.labels.campaign === campaign)) {
      const key = `${s.labels.disposition}/${s.labels.cause}`;
      fromMetrics.set(key, (fromMetrics.get(key) ?? 0) + s.value);
    }
    expect(Object.fromEntries(fromMetrics)).toEqual(Object.fromEntries(fromCdr));
    // The simulator's outcome model gives more than one kind of ending.
    expect(fromCdr.size).toBeGreaterThan(1);

    expect(total(after, "pacer_dialer_tick_duration_seconds_count")).toBeGreaterThan(total(before, "pacer_dialer_tick_duration_seconds_count"));
    expect(after.filter((s) => s.name === "pacer_pbx_connected" && s.labels.kind === "asterisk").map((s) => s.value)).toEqual([1]);
    expect(total(after, "pacer_dialer_up")).toBe(1);
    // The API's latency by route template (the campaign was polled by id above), never by raw path.
    expect(total(after, "pacer_http_request_duration_seconds_count", { route: "/api/campaigns/{id}", method: "GET", status: "200" })).toBeGreaterThan(0);
    expect(total(after, "pacer_http_request_duration_seconds_count", { route: "/api/campaigns", method: "POST", status: "201" })).toBeGreaterThan(0);
    expect(after.some((s) => s.name.startsWith("pacer_http_request_duration_seconds") && /\d/.test(s.labels.route ?? ""))).toBe(false);
  });

  it("reports the agents' states and the abandon rate per window the dialer works with", { timeout: 180_000 }, async () => {
    const { api, rig } = suite;
    const id = (await api.post("/campaigns", dialerCampaign("Metrics agents", { dial_mode: "progressive", wrapup_sec: 0, dial_timeout: 300, abandon_cap: 0.025 }))).body.data.id as number;
    const campaign = String(id);
    const agents: number[] = [];
    for (const ext of ["2101", "2102"]) {
      const r = await api.post("/agents", { name: `Metrics ${ext}`, extension: ext });
      expect(r.status).toBe(201);
      agents.push(r.body.data.id);
      expect((await api.post(`/agents/${r.body.data.id}/login`, { campaign_id: id })).status).toBe(200);
    }
    const agentStates = async () => {
      const list = (await api.get(`/agents?campaign_id=${id}`)).body.data as { state: string }[];
      const counts: Record<string, number> = {};
      for (const a of list) counts[a.state] = (counts[a.state] ?? 0) + 1;
      return counts;
    };
    const gaugeStates = (s: Awaited<ReturnType<typeof samples>>) =>
      Object.fromEntries(s.filter((x) => x.name === "pacer_agents" && x.labels.campaign === campaign && x.value > 0).map((x) => [x.labels.state, x.value]));
    await waitFor("agents available", async () => (await agentStates()).available === 2, 20_000);
    expect(gaugeStates(await samples())).toEqual(await agentStates());

    // Everyone answers after a long ring (2.8 s here); both agents go on break while the two
    // calls ring, so both people find nobody and are abandoned. The third number stays pending,
    // which keeps the campaign running (and its figures on /metrics).
    const numbers = numbersFrom(7_200_000, 3);
    for (const n of numbers) rig.sim.engine.sampler.script(n.phone_number, { kind: "human", ringSec: 280, talkSec: 600, dtmf: [] });
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).status).toBe(201);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("two calls ringing", async () => (await api.get(`/campaigns/${id}/runtime`)).body.data.cc === 2, 20_000, 50);
    for (const agent of agents) expect((await api.post(`/agents/${agent}/state`, { state: "on_break" })).status).toBe(200);
    await waitFor("agents on break", async () => (await agentStates()).on_break === 2, 10_000, 50);
    const cdr = await waitFor("two calls recorded", async () => {
      const rows = await allPages(api, `/cdr?campaign_id=${id}`);
      return rows.length === 2 && rows;
    }, 60_000, 300);
    expect(cdr.map((r) => [r.disposition, r.abandoned])).toEqual([["answered", 1], ["answered", 1]]);
    await waitFor("no live calls", async () => (await api.get(`/campaigns/${id}/runtime`)).body.data.cc === 0, 30_000);

    const s = await samples();
    expect(gaugeStates(s)).toEqual({ on_break: 2 });
    expect(gaugeStates(s)).toEqual(await agentStates());
    expect(total(s, "pacer_dialer_live_calls", { campaign })).toBe(0);
    expect(total(s, "pacer_campaign_abandon_cap", { campaign })).toBe(0.025);
    expect(total(s, "pacer_call_outcomes_total", { campaign, outcome: "abandoned" })).toBe(2);

    // The dialer re-reads its abandonment windows every few seconds: the gauges settle on the CDR's rate, 2 of 2.
    const runtime = (await api.get(`/campaigns/${id}/runtime`)).body.data;
    expect([runtime.abandon_rate_24h, runtime.abandon_rate_30d]).toEqual([1, 1]);
    const rates = await waitFor("abandon rates as the CDR has them", async () => {
      const now = await samples();
      const rate = (window: string) => now.find((x) => x.name === "pacer_campaign_abandon_rate" && x.labels.campaign === campaign && x.labels.window === window)?.value;
      const all = Object.fromEntries(["60s", "1h", "24h", "30d"].map((w) => [w, rate(w)]));
      return all["24h"] === 1 && all;
    }, 20_000, 500);
    expect(rates).toEqual({ "60s": 1, "1h": 1, "24h": 1, "30d": 1 });
    await api.post(`/campaigns/${id}/stop`);
  });

  it("counts CSV import rows by result and the imports by status", { timeout: 180_000 }, async () => {
    const { api } = suite;
    const before = await samples();
    const campaignId = (await api.post("/campaigns", dialerCampaign("Metrics import", { schedule: { from: "2099-01-01" } }))).body.data.id as number;
    const list = (await api.post("/lists", { name: "Metrics list", campaign_id: campaignId })).body.data as { id: number };
    const token = await tokenFor(api, ["lists/*"]);
    const csv = ["phone,name", "+15557300001,A", "+15557300002,B", "+15557300003,C", "not-a-phone,D", "+15557300001,A again"].join("\n");
    const res = await fetch(`${suite.base}/api/lists/${list.id}/import`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" }, body: csv });
    expect(res.status).toBe(202);
    const importId = (await res.json()).data.id as number;
    const job = await waitFor("import finished", async () => {
      const j = (await api.get(`/imports/${importId}`)).body.data;
      return j.status === "completed" && j;
    }, 30_000, 100);
    expect(job).toMatchObject({ inserted: 3, errors: 1, duplicates: 1 });

    const after = await samples();
    const delta = (result: string) => total(after, "pacer_list_import_rows_total", { result }) - total(before, "pacer_list_import_rows_total", { result });
    expect({ inserted: delta("inserted"), error: delta("error"), duplicate: delta("duplicate"), dnc: delta("dnc") }).toEqual({ inserted: 3, error: 1, duplicate: 1, dnc: 0 });
    expect(total(after, "pacer_list_imports", { status: "completed" }) - total(before, "pacer_list_imports", { status: "completed" })).toBe(1);
    // Progress gauges are for unfinished imports only.
    expect(after.some((s) => s.name === "pacer_list_import_rows" && s.labels.import === String(importId))).toBe(false);

    // A bigger import shows its progress while it runs: its total, and the rows done so far.
    const N = 30_000;
    const big = ["phone", ...Array.from({ length: N }, (_, i) => `+155574${String(i).padStart(5, "0")}`)].join("\n");
    const bigRes = await fetch(`${suite.base}/api/lists/${list.id}/import`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" }, body: big });
    expect(bigRes.status).toBe(202);
    const bigId = String((await bigRes.json()).data.id);
    const progress = await waitFor("import progress on /metrics", async () => {
      const now = await samples();
      const rows = (kind: string) => now.find((s) => s.name === "pacer_list_import_rows" && s.labels.import === bigId && s.labels.kind === kind)?.value;
      return rows("total") !== undefined && { total: rows("total")!, done: rows("done")! };
    }, 30_000, 20);
    expect(progress.total).toBe(N);
    expect(progress.done).toBeLessThanOrEqual(N);
    await waitFor("big import finished", async () => (await api.get(`/imports/${bigId}`)).body.data.status === "completed", 120_000, 200);
  });
});
