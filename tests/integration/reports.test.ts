import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { agentUser, allPages, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import { client, type Client } from "../support/api";

/**
 * Reports over a small agentless campaign dialed through the simulator (on a trunk), checked
 * against a recount of its call records and leads.
 */
const NUMBERS = 60;
/** Not a whole-hour offset, so a wrong grouping cannot pass by luck. */
const ZONE = "Asia/Kathmandu";

function localParts(utc: string, tz: string) {
  const d = new Date(`${utc.replace(" ", "T")}Z`);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.year}-${p.month}-${p.day}`, hour: `${p.year}-${p.month}-${p.day} ${p.hour}:00` };
}

async function csvOf(base: string, token: string, path: string, accept?: string) {
  const res = await fetch(`${base}/api${path}`, { headers: { Authorization: `Bearer ${token}`, ...(accept ? { Accept: accept } : {}) } });
  return { status: res.status, type: res.headers.get("content-type") ?? "", disposition: res.headers.get("content-disposition") ?? "", rows: parseCsv(await res.text()).map((r) => r.fields) };
}

describe("reports", () => {
  let rig: DialerRig;
  let api: Client;
  let base: string;
  let token: string;
  let id: number;
  let cdr: any[];
  let days: string;
  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 21 });
    const started = await rig.start();
    api = started.api;
    base = started.server.url;
    token = (await api.post("/tokens", { name: "reports csv" })).body.data.token;
    const trunk = await api.post("/trunks", { name: "reports-carrier", type: "pjsip", value: "carrier" });
    expect(trunk.status).toBe(201);
    const created = await api.post("/campaigns", dialerCampaign("Reports", { concurrent_calls: 20, retry_times: 1, retry_delay: 1 }));
    expect(created.status).toBe(201);
    id = created.body.data.id;
    expect((await api.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: trunk.body.data.id }] })).status).toBe(200);
    const numbers = Array.from({ length: NUMBERS }, (_, i) => ({ phone_number: `1555${String(8_100_000 + i)}` }));
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).status).toBe(201);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);
    cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr.length).toBeGreaterThanOrEqual(NUMBERS);
    // The calls' local days (UTC and the zone may differ): the range covers them all.
    const locals = cdr.map((c) => localParts(c.start_time, ZONE).day).sort();
    days = `from=${locals[0]}&to=${locals[locals.length - 1]}`;
  }, 240_000);
  afterAll(() => rig?.close());

  it("summarises attempts, connects and abandonment by hour in the zone asked, as a recount of the CDR", async () => {
    const r = await api.get(`/reports/summary?campaign_id=${id}&tz=${ZONE}&group=hour&${days}`);
    expect(r.status).toBe(200);
    const data = r.body.data;
    expect(data).toMatchObject({ campaign_id: id, tz: ZONE, group: "hour", abandon_cap: 0.03 });
    const answered = cdr.filter((c) => c.disposition === "answered");
    const live = answered.filter((c) => c.amd_result !== "MACHINE");
    expect(data.totals).toMatchObject({ attempts: cdr.length, connects: answered.length, live_answers: live.length, abandoned: cdr.filter((c) => c.abandoned).length });
    expect(data.totals.answer_rate).toBeCloseTo(answered.length / cdr.length, 4);
    const byHour = new Map<string, number>();
    for (const c of cdr) byHour.set(localParts(c.start_time, ZONE).hour, (byHour.get(localParts(c.start_time, ZONE).hour) ?? 0) + 1);
    const reported = new Map<string, number>(data.rows.filter((x: any) => x.attempts > 0).map((x: any) => [x.bucket, x.attempts]));
    expect(reported).toEqual(byHour);
    // Every hour of the range is there, empty ones as zeros.
    expect(data.rows.length % 24).toBe(0);
    console.log("summary totals", JSON.stringify(data.totals));
  });

  it("uses the campaign's own zone by default, and UTC for all campaigns", async () => {
    const campaign = (await api.get(`/campaigns/${id}`)).body.data;
    const own = (await api.get(`/reports/summary?campaign_id=${id}`)).body.data;
    expect(own.tz).toBe(campaign.timezone);
    const all = (await api.get(`/reports/summary?${days}`)).body.data;
    expect(all).toMatchObject({ campaign_id: null, tz: "UTC", group: "day" });
  });

  it("gives the same rows as CSV, with a header row, for format=csv and for Accept: text/csv", async () => {
    const json = (await api.get(`/reports/summary?campaign_id=${id}&tz=${ZONE}&${days}`)).body.data;
    const csv = await csvOf(base, token, `/reports/summary?campaign_id=${id}&tz=${ZONE}&${days}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/attachment; filename="report-summary_campaign-\d+_.*\.csv"/);
    expect(csv.rows[0]).toEqual(["bucket", "attempts", "connects", "live_answers", "abandoned", "answer_rate", "abandon_rate", "abandon_rate_24h", "abandon_rate_30d"]);
    expect(csv.rows.slice(1)).toEqual(json.rows.map((x: any) => csv.rows[0].map((k) => String(x[k]))));
    const accepted = await csvOf(base, token, `/reports/dispositions?campaign_id=${id}&${days}`, "text/csv");
    expect(accepted.type).toMatch(/^text\/csv/);
    expect(accepted.rows[0]).toEqual(["bucket", "answered", "no_answer", "busy", "failed", "cancelled", "amd_human", "amd_machine", "amd_notsure"]);
  });

  it("counts dispositions, AMD outcomes and talk time as the CDR does", async () => {
    const data = (await api.get(`/reports/dispositions?campaign_id=${id}&tz=${ZONE}&${days}`)).body.data;
    const sum = (k: string) => data.rows.reduce((n: number, x: any) => n + x[k], 0);
    for (const d of ["answered", "no_answer", "busy", "failed", "cancelled"]) expect(sum(d), d).toBe(cdr.filter((c) => c.disposition === d).length);
    expect(sum("amd_machine")).toBe(cdr.filter((c) => c.amd_result === "MACHINE").length);
    const answered = cdr.filter((c) => c.disposition === "answered");
    expect(data.averages.answered).toBe(answered.length);
    expect(data.averages.talk_sec).toBeCloseTo(answered.reduce((n, c) => n + c.billsec, 0) / Math.max(1, answered.length), 1);
  });

  it("reports the trunk's attempts, ASR, ACD, post-dial delay and failure causes", async () => {
    const data = (await api.get(`/reports/trunks?campaign_id=${id}&tz=${ZONE}&${days}`)).body.data;
    expect(data.rows).toHaveLength(1);
    const answered = cdr.filter((c) => c.disposition === "answered");
    expect(data.rows[0]).toMatchObject({ trunk: "reports-carrier", attempts: cdr.length, answered: answered.length, failures: cdr.length - answered.length });
    expect(data.rows[0].asr).toBeCloseTo(answered.length / cdr.length, 4);
    // Post-dial delay: every call that rang has one on its record, and the trunk's is their mean.
    const rang = cdr.filter((c) => c.post_dial_delay_ms !== null);
    expect(rang.length).toBeGreaterThanOrEqual(answered.length);
    for (const c of rang) expect(c.post_dial_delay_ms).toBeGreaterThanOrEqual(0);
    expect(data.rows[0].pdd_ms).toBe(Math.round(rang.reduce((n, c) => n + c.post_dial_delay_ms, 0) / rang.length));
    const failed = cdr.filter((c) => c.disposition !== "answered");
    expect(data.causes.reduce((n: number, x: any) => n + x.calls, 0)).toBe(failed.length);
    for (const cause of data.causes) {
      expect(cause.calls).toBe(failed.filter((c) => c.sip_code === cause.sip_code && c.hangup_cause === cause.hangup_cause && c.disposition === cause.disposition).length);
    }
  });

  it("shows list penetration as a recount of the leads", async () => {
    const data = (await api.get(`/reports/lists?campaign_id=${id}`)).body.data;
    const leads = await allPages(api, `/campaigns/${id}/numbers`);
    expect(data.rows).toHaveLength(1);
    expect(data.rows[0]).toMatchObject({
      campaign_id: id,
      leads: NUMBERS,
      dialed: leads.filter((l) => l.attempts > 0).length,
      remaining: leads.filter((l) => l.status === "pending" || l.status === "calling").length,
      exhausted: leads.filter((l) => l.status !== "pending" && l.status !== "calling").length,
      callbacks_due: 0,
    });
    const csv = await csvOf(base, token, `/reports/lists?campaign_id=${id}&format=csv`);
    expect(csv.rows[0]).toEqual(["list_id", "list", "campaign_id", "active", "leads", "dialed", "remaining", "exhausted", "callbacks_due", "penetration"]);
    expect(csv.rows[1].slice(4, 6)).toEqual([String(NUMBERS), String(data.rows[0].dialed)]);
  });

  it("gives each agent's calls, talk, wrap-up, idle time and occupancy, from the CDR and the agents' state log", { timeout: 180_000 }, async () => {
    const created = await api.post("/campaigns", dialerCampaign("Reports progressive", { dial_mode: "progressive", wrapup_sec: 1 }));
    expect(created.status).toBe(201);
    const pid = created.body.data.id as number;
    const agentIds: number[] = [];
    for (const i of [1, 2]) {
      const r = await api.post("/agents", { name: `Reporter ${i}`, extension: String(2100 + i) });
      expect(r.status).toBe(201);
      agentIds.push(r.body.data.id);
      expect((await api.post(`/agents/${r.body.data.id}/login`, { campaign_id: pid })).status).toBe(200);
    }
    await waitFor("agents available", async () => ((await api.get(`/agents?campaign_id=${pid}`)).body.data as any[]).filter((a) => a.state === "available").length === 2, 20_000);
    const numbers = Array.from({ length: 16 }, (_, i) => ({ phone_number: `1555${String(8_200_000 + i)}` }));
    expect((await api.post(`/campaigns/${pid}/numbers/bulk`, { numbers })).status).toBe(201);
    expect((await api.post(`/campaigns/${pid}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${pid}`)).body.data.status === "completed", 150_000, 500);
    // The last wrap-up ends a second after the last call.
    await new Promise((r) => setTimeout(r, 1500));
    const calls = await allPages(api, `/cdr?campaign_id=${pid}`);
    const report = (await api.get(`/reports/agents?campaign_id=${pid}`)).body.data;
    expect(report.rows.map((r: any) => r.agent_id).sort()).toEqual([...agentIds].sort());
    for (const row of report.rows) {
      const taken = calls.filter((c) => c.agent_id === row.agent_id);
      expect(taken.length, row.agent).toBeGreaterThan(0);
      expect(row).toMatchObject({ calls: taken.length, talk_sec: taken.reduce((n, c) => n + c.billsec, 0) });
      const dispositions: Record<string, number> = {};
      for (const c of taken) dispositions[c.lead_disposition ?? "none"] = (dispositions[c.lead_disposition ?? "none"] ?? 0) + 1;
      expect(row.dispositions).toEqual(dispositions);
      // One second of wrap-up after each call it took (give or take the rounding of each stretch).
      expect(row.wrap_sec, row.agent).toBeGreaterThanOrEqual(Math.floor(taken.length * 0.5));
      expect(row.wrap_sec, row.agent).toBeLessThanOrEqual(taken.length * 2 + 1);
      expect(row.idle_sec).toBeGreaterThan(0);
      expect(row.occupancy).toBeGreaterThan(0);
      expect(row.occupancy).toBeLessThan(1);
    }
    console.log("agents report", JSON.stringify(report.rows));
    const csv = await csvOf(base, token, `/reports/agents?campaign_id=${pid}&format=csv`);
    expect(csv.rows[0]).toEqual(["agent_id", "agent", "calls", "talk_sec", "avg_talk_sec", "wrap_sec", "idle_sec", "break_sec", "break_by_reason", "occupancy", "dispositions"]);
    expect(csv.rows).toHaveLength(3);
    for (const id of agentIds) expect((await api.post(`/agents/${id}/logout`)).status).toBe(200);
  });

  it("answers 400 per field on bad parameters", async () => {
    const cases: [string, string][] = [
      ["from=2024-13-01", "from"],
      ["to=yesterday", "to"],
      ["from=2024-02-02&to=2024-02-01", "to"],
      ["from=2024-01-01&to=2024-03-01&group=hour", "to"],
      ["tz=Mars/Olympus", "tz"],
      ["group=week", "group"],
      ["campaign_id=x", "campaign_id"],
      ["campaign_id=999999", "campaign_id"],
      ["format=xml", "format"],
    ];
    for (const [q, field] of cases) {
      const r = await api.get(`/reports/summary?${q}`);
      expect(r.status, q).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), q).toEqual([field]);
    }
    expect((await api.get("/reports/lists?campaign_id=0")).status).toBe(400);
  });

  it("is for admins and supervisors: an agent gets 403, a token needs reports/read", async () => {
    const agent = await agentUser(api, base, "Report Reader", "7301");
    for (const path of ["summary", "dispositions", "agents", "trunks", "lists"]) {
      const r = await agent.api.get(`/reports/${path}`);
      expect(r.status, path).toBe(403);
    }
    const narrow = await api.post("/tokens", { name: "cdr only", permissions: ["cdr/list"] });
    const wide = await api.post("/tokens", { name: "reports", permissions: ["reports/read"] });
    expect((await client({ token: narrow.body.data.token }, "/api", base).get("/reports/summary")).status).toBe(403);
    const ok = await client({ token: wide.body.data.token }, "/api", base).get(`/reports/agents?campaign_id=${id}`);
    expect(ok.status).toBe(200);
    expect(ok.body.data.rows).toEqual([]);
  });
});
