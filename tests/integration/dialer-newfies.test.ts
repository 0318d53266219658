import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallFate } from "@/server/pbx/sim/outcome-model";
import { allPages, bothPbxsConnected, callLogOf, campaignCompleted, campaignWithNumbers, dialerCampaign, dialerRig, eachDialerHoldingOnePbx, scriptedNumbers, uniqueNumbers, waitFor, zonesWithLocalHour, type DialerRig } from "../support/dialer";
import { onPostgres, type Client } from "../support/api";

/**
 * Newfies' campaign and gateway settings against the simulator over ARI and ESL at once: the call
 * rate (`frequency`), the maximum call duration, and a trunk's number rewriting. Every figure is
 * read from the switch's own call log (what it was really asked to dial, and when), not from what
 * Pacer says it did.
 */

type LogEntry = { channelId: string; number: string; endpoint: string; trunk: string | null; at: Date };

/** The most starts inside any `windowMs` (half-open) of the switch's log. */
function mostStartsWithin(log: LogEntry[], windowMs: number): number {
  const at = log.map((c) => c.at.getTime()).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j] - at[i] >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

const human = (talkSec: number): CallFate => ({ kind: "human", ringSec: 5, talkSec, dtmf: [] });

describe("Newfies settings in the dialer", () => {
  let rig: DialerRig;
  let api: Client;
  let cookie = "";
  let zone = "UTC";

  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 31 });
    // Two calls a tick at most, so that the calls are spread over both PBXs (the least loaded takes each claim).
    ({ api, cookie } = await rig.start({ driver: "both", env: { DIALER_MAX_CPS: "8" } }));
    zone = zonesWithLocalHour(10, 18)[0];
    await bothPbxsConnected(api);
  });
  afterAll(() => rig?.close());

  /** Numbers unique to one test, each given `fate` on the simulator. */
  const numbers = uniqueNumbers(() => rig, 300);
  /** Names this run's trunks apart from any an earlier run left. */
  const tag = Date.now().toString(36);

  const campaign = (phones: string[], over: Record<string, unknown> = {}) =>
    campaignWithNumbers(api, dialerCampaign(`Newfies ${Math.random().toString(36).slice(2, 7)}`, { concurrent_calls: 10, timezone: zone, ...over }), phones);
  const logOf = (phones: string[]) => callLogOf(rig.sim, phones);
  const completed = (id: number, ms?: number) => campaignCompleted(api, id, ms);
  const count = async (path: string) => (await api.get(path)).body.data.length as number;

  it("refuses bad settings with a 400 naming the field, and writes nothing", async () => {
    const before = await count("/campaigns");
    const base = { name: "Bad newfies", trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100" };
    for (const [field, value, message] of [
      ["frequency", -5, /at least 1/],
      ["frequency", 0, /at least 1/],
      ["frequency", 2.5, /whole number/],
      ["frequency", "fast", /whole number from 1 to 10000/],
      ["call_max_duration", -1, /at least 0/],
      ["call_max_duration", 90_000, /at most 86400/],
    ] as const) {
      const r = await api.post("/campaigns", { ...base, [field]: value });
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(r.body.success).toBe(false);
      expect(r.body.errors?.[field]?.join(" "), `${field}=${value}: ${JSON.stringify(r.body)}`).toMatch(message);
    }
    expect(await count("/campaigns")).toBe(before);

    const good = await api.post("/campaigns", { ...base, frequency: 30, call_max_duration: 120 });
    expect(good.status).toBe(201);
    expect(good.body.data).toMatchObject({ frequency: 30, call_max_duration: 120 });
    const id = good.body.data.id;
    const bad = await api.put(`/campaigns/${id}`, { frequency: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.frequency).toBeDefined();
    expect((await api.get(`/campaigns/${id}`)).body.data).toMatchObject({ frequency: 30, call_max_duration: 120 });
    // null (or empty) lifts the limit.
    expect((await api.put(`/campaigns/${id}`, { frequency: null })).body.data.frequency).toBeNull();
    expect((await api.del(`/campaigns/${id}`)).status).toBe(200);

    const trunksBefore = (await api.get("/trunks?per_page=100")).body.pagination.total;
    for (const [field, value] of [
      ["remove_prefix", "abc"],
      ["remove_prefix", "1-555"],
      ["add_prefix", "9 1"],
      ["add_prefix", "0044x"],
      ["add_prefix", 44],
      ["add_prefix", "1".repeat(21)],
    ] as const) {
      const r = await api.post("/trunks", { name: `bad-prefix-${tag}`, type: "pjsip", value: "carrier", [field]: value });
      expect(r.status, `${field}=${JSON.stringify(value)}`).toBe(400);
      expect(r.body.errors?.[field], `${field}=${JSON.stringify(value)}: ${JSON.stringify(r.body)}`).toBeDefined();
    }
    expect((await api.get("/trunks?per_page=100")).body.pagination.total).toBe(trunksBefore);
    const t = await api.post("/trunks", { name: `prefix-ok-${tag}`, type: "pjsip", value: "carrier", remove_prefix: "+1", add_prefix: "0044" });
    expect(t.status).toBe(201);
    expect(t.body.data).toMatchObject({ remove_prefix: "+1", add_prefix: "0044" });
    const put = await api.put(`/trunks/${t.body.data.id}`, { remove_prefix: "one" });
    expect(put.status).toBe(400);
    expect((await api.get(`/trunks/${t.body.data.id}`)).body.data).toMatchObject({ remove_prefix: "+1", add_prefix: "0044" });
    expect((await api.del(`/trunks/${t.body.data.id}`)).status).toBe(200);
  });

  it("rewrites each number on its trunk before dialing, on both PBXs, and records the number dialed", { timeout: 180_000 }, async () => {
    const value = `rewrite_${tag}`;
    const t = await api.post("/trunks", { name: `rewrite-${tag}`, type: "pjsip", value, remove_prefix: "1555", add_prefix: "9" });
    expect(t.status).toBe(201);
    const phones = numbers(20, human(20));
    // What the switch sees is the rewritten number: its fate is scripted under that.
    const dialedOf = (n: string) => `9${n.slice(4)}`;
    for (const n of phones) rig.sim.engine.sampler.script(dialedOf(n), human(20));
    const id = await campaign(phones);
    expect((await api.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: t.body.data.id }] })).status).toBe(200);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id);

    const log = logOf(phones.map(dialedOf));
    expect(log).toHaveLength(phones.length);
    // Nobody was dialed under the number as stored.
    expect(logOf(phones)).toHaveLength(0);
    for (const c of log) {
      expect(c.trunk).toBe(value);
      expect(c.endpoint === `PJSIP/${c.number}@${value}` || c.endpoint === `sofia/gateway/${value}/${c.number}`, c.endpoint).toBe(true);
    }
    expect(new Set(log.map((c) => c.endpoint.split("/")[0]))).toEqual(new Set(["PJSIP", "sofia"]));

    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(phones.length);
    for (const r of cdr) expect(r).toMatchObject({ destination: expect.stringMatching(/^1555/), dialed_number: dialedOf(r.destination), disposition: "answered" });
    const csv = await (await fetch(`${rig.pacers[0].url}/api/cdr/export?campaign_id=${id}`, { headers: { Cookie: cookie } })).text();
    const [header, ...rows] = csv.trim().split("\r\n").map((l) => l.split(","));
    const at = header.indexOf("dialed_number");
    expect(at).toBeGreaterThan(-1);
    expect(rows.map((r) => r[at]).sort()).toEqual(phones.map(dialedOf).sort());
  });

  it("hangs up an answered call at call_max_duration on both PBXs, and the CDR says why", { timeout: 180_000 }, async () => {
    // People who would talk for 60 s (6000 simulated seconds at this time scale); the campaign allows 2.
    const phones = numbers(12, human(6000));
    const id = await campaign(phones, { call_max_duration: 2 });
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id, 60_000);
    const log = logOf(phones);
    expect(log).toHaveLength(phones.length);
    expect(new Set(log.map((c) => c.endpoint.split("/")[0]))).toEqual(new Set(["PJSIP", "sofia"]));
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(phones.length);
    for (const r of cdr) {
      expect(r).toMatchObject({ disposition: "answered", hangup_cause_text: "max call duration reached (2 s): hung up by Pacer" });
      // Cut well short of the minute the person would have talked.
      expect(r.billsec).toBeLessThan(30);
    }
    // A campaign without the limit lets the same kind of call run its course.
    const free = numbers(2, human(300));
    const other = await campaign(free);
    expect((await api.post(`/campaigns/${other}/start`)).status).toBe(200);
    await completed(other, 60_000);
    for (const r of await allPages(api, `/cdr?campaign_id=${other}`)) expect(r.hangup_cause_text ?? "").not.toMatch(/max call duration/);
  });

  it("starts no more calls than frequency allows, spread evenly, while concurrent_calls would allow many more", { timeout: 120_000 }, async () => {
    // 12 a minute: one every 5 s. Ten lines and short calls could start dozens in that time.
    const phones = numbers(40, human(50));
    const id = await campaign(phones, { frequency: 12 });
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("four calls started", async () => logOf(phones).length >= 4, 60_000, 100);
    expect((await api.post(`/campaigns/${id}/stop`)).status).toBe(200);
    const log = logOf(phones);
    // Slots 5 s apart: any 8 s holds at most two starts, any 60 s at most 12.
    expect(mostStartsWithin(log, 8000)).toBeLessThanOrEqual(2);
    expect(mostStartsWithin(log, 60_000)).toBeLessThanOrEqual(12);
    // The attempts' own start times say the same.
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    const starts = cdr.map((r) => ({ at: new Date(r.start_time) })) as LogEntry[];
    expect(mostStartsWithin(starts, 8000)).toBeLessThanOrEqual(2);
  });
});

/**
 * Two dialer processes, each holding one PBX, dialing one campaign with a call rate: the rate is
 * the campaign's, not each process's, so together they start no more than it allows.
 */
describe.runIf(onPostgres())("a campaign's call rate across two dialer processes on one PostgreSQL", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("holds frequency while both processes dial the campaign", { timeout: 240_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 47 });
    const a = await rig.start({ driver: "both" });
    const b = await rig.start({ driver: "both" });
    await eachDialerHoldingOnePbx(a.api);
    const phones = scriptedNumbers(rig.sim, "1555930", 60, human(50));
    // 20 a minute, one every 3 s; each process alone could start ten at once.
    const id = await campaignWithNumbers(a.api, dialerCampaign("Shared rate", { concurrent_calls: 10, frequency: 20 }), phones);
    expect((await b.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("eight calls started", async () => rig.sim.engine.callLog.length >= 8, 90_000, 100);
    expect((await a.api.post(`/campaigns/${id}/stop`)).status).toBe(200);
    const log = rig.sim.engine.callLog;
    // Slots 3 s apart: any 5 s holds at most two starts. Each process keeping its own rate would start two per slot.
    expect(mostStartsWithin(log, 5000), JSON.stringify(log.map((l) => [l.at.getTime(), l.endpoint.split("/")[0]]))).toBeLessThanOrEqual(2);
    expect(mostStartsWithin(log, 60_000)).toBeLessThanOrEqual(20);
  });
});
