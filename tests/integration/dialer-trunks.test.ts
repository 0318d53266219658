import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallFate } from "@/server/pbx/sim/outcome-model";
import { allPages, bothPbxsConnected, callLogOf, campaignCompleted, campaignWithNumbers, dialerCampaign, dialerRig, eachDialerHoldingOnePbx, scriptedNumbers, waitFor, zonesWithLocalHour, type DialerRig } from "../support/dialer";
import { onPostgres, type Client } from "../support/api";

/**
 * Trunks against the simulator over ARI and ESL at once (the rig's Pacer holds both, and spreads
 * calls over them): weights, channel and CPS caps shared by campaigns, failover. Every figure is
 * read from the switch's own call log, not from what Pacer says it did.
 */
describe("trunks in the dialer", () => {
  let rig: DialerRig;
  let api: Client;
  /** When each simulated channel ended, by channel id. */
  const ended = new Map<string, number>();
  let zone = "UTC";
  let prefix = 200;

  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 21 });
    rig.sim.engine.on("hangup", (ch) => ended.set(ch.id, Date.now()));
    ({ api } = await rig.start({ driver: "both" }));
    zone = zonesWithLocalHour(10, 18)[0];
    await bothPbxsConnected(api);
  });
  afterAll(() => rig?.close());

  /** Numbers unique to one test, each given `fate` on the simulator. */
  function numbers(n: number, fate: CallFate): string[] {
    prefix += 1;
    return scriptedNumbers(rig.sim, `1555${prefix}`, n, fate);
  }
  const human = (talkSec: number): CallFate => ({ kind: "human", ringSec: 5, talkSec, dtmf: [] });

  async function trunk(body: Record<string, unknown>) {
    const r = await api.post("/trunks", { type: "pjsip", ...body });
    expect(r.status).toBe(201);
    return r.body.data as { id: number; name: string; value: string };
  }

  async function campaign(phones: string[], trunks: { trunk_id: number; weight?: number; priority?: number }[], over: Record<string, unknown> = {}) {
    const id = await campaignWithNumbers(api, dialerCampaign(`Trunks ${Math.random().toString(36).slice(2, 7)}`, { trunk_value: "contract_trunk", concurrent_calls: 40, timezone: zone, ...over }), phones);
    expect((await api.put(`/campaigns/${id}/trunks`, { trunks })).status).toBe(200);
    return id;
  }

  const completed = (id: number, ms?: number) => campaignCompleted(api, id, ms);
  const logOf = (phones: string[]) => callLogOf(rig.sim, phones);

  /** The most calls up at once on a trunk, from the switch's start and end times. */
  function peakConcurrency(trunkName: string): number {
    const edges: [number, number][] = [];
    for (const c of rig.sim.engine.callLog) {
      if (c.trunk !== trunkName) continue;
      edges.push([c.at.getTime(), 1]);
      edges.push([ended.get(c.channelId) ?? Date.now(), -1]);
    }
    // An end and a start at the same millisecond: the end first.
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let up = 0;
    let peak = 0;
    for (const [, d] of edges) peak = Math.max(peak, (up += d));
    return peak;
  }

  it("splits a campaign's calls by weight, 3:1, and never fails over a busy or unallocated number", { timeout: 180_000 }, async () => {
    const a = await trunk({ name: `w3-${prefix}`, value: `w3_${prefix}` });
    const b = await trunk({ name: `w1-${prefix}`, value: `w1_${prefix}`, type: "gateway" });
    const people = numbers(160, human(100));
    const busy = numbers(20, { kind: "busy", ringSec: 5 });
    const unallocated = numbers(20, { kind: "unallocated", ringSec: 5 });
    const all = [...people, ...busy, ...unallocated];
    const id = await campaign(all, [{ trunk_id: a.id, weight: 3 }, { trunk_id: b.id, weight: 1 }]);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id);

    const log = logOf(all);
    const onA = log.filter((c) => c.trunk === a.value).length;
    const onB = log.filter((c) => c.trunk === b.value).length;
    expect(onA + onB).toBe(all.length);
    expect(onA / onB).toBeGreaterThan(2.6);
    expect(onA / onB).toBeLessThan(3.4);
    // Each number once: a busy line or a number that does not exist is an answer, not a trunk fault.
    const counts = new Map<string, number>();
    for (const c of log) counts.set(c.number, (counts.get(c.number) ?? 0) + 1);
    for (const n of all) expect(counts.get(n), n).toBe(1);

    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(all.length);
    expect(cdr.filter((r) => r.trunk === a.name).length).toBe(onA);
    expect(cdr.every((r) => r.trunk_id === (r.trunk === a.name ? a.id : b.id))).toBe(true);
    expect(cdr.filter((r) => r.disposition === "busy")).toHaveLength(busy.length);
  });

  it("keeps a trunk's channel cap across two running campaigns sharing it", { timeout: 180_000 }, async () => {
    const shared = await trunk({ name: `cap-${prefix}`, value: `cap_${prefix}`, max_channels: 6 });
    const one = numbers(40, human(150));
    const two = numbers(40, human(150));
    const c1 = await campaign(one, [{ trunk_id: shared.id }], { concurrent_calls: 20 });
    const c2 = await campaign(two, [{ trunk_id: shared.id }], { concurrent_calls: 20 });
    expect((await api.post(`/campaigns/${c1}/start`)).status).toBe(200);
    expect((await api.post(`/campaigns/${c2}/start`)).status).toBe(200);
    // While both run, the trunk shows its calls in monitoring, never past its cap.
    const seen = await waitFor("calls up on the shared trunk", async () => {
      const t = (await api.get("/monitoring/dialer")).body.data.trunks.find((x: { id: number }) => x.id === shared.id);
      return t && t.live_channels > 0 && t;
    }, 30_000, 100);
    expect(seen.live_channels).toBeLessThanOrEqual(6);
    expect(seen.max_channels).toBe(6);
    await completed(c1);
    await completed(c2);

    const log = logOf([...one, ...two]);
    expect(log).toHaveLength(80);
    expect(log.every((c) => c.trunk === shared.value)).toBe(true);
    const peak = peakConcurrency(shared.value);
    expect(peak).toBeLessThanOrEqual(6);
    // The cap was what limited them (each campaign alone would have run 20 at once).
    expect(peak).toBeGreaterThanOrEqual(5);
    // Both campaigns dialed while the other did: the cap was shared, not taken by one.
    const firstOfTwo = Math.min(...log.filter((c) => two.includes(c.number)).map((c) => c.at.getTime()));
    const lastOfOne = Math.max(...log.filter((c) => one.includes(c.number)).map((c) => c.at.getTime()));
    expect(firstOfTwo).toBeLessThan(lastOfOne);
  });

  it("never starts more than max_cps calls a second on a trunk", { timeout: 180_000 }, async () => {
    const slow = await trunk({ name: `cps-${prefix}`, value: `cps_${prefix}`, max_cps: 4 });
    const phones = numbers(36, human(20));
    const id = await campaign(phones, [{ trunk_id: slow.id }], { concurrent_calls: 50 });
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id);
    const perSecond = new Map<number, number>();
    for (const c of logOf(phones)) perSecond.set(Math.floor(c.at.getTime() / 1000), (perSecond.get(Math.floor(c.at.getTime() / 1000)) ?? 0) + 1);
    const counts = [...perSecond.values()];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(36);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    // The cap was reached, not merely never approached: 36 calls took at least 9 seconds.
    expect(Math.max(...counts)).toBe(4);
    expect(perSecond.size).toBeGreaterThanOrEqual(9);
  });

  it("fails a congested trunk's calls over to the other trunk: one CDR per attempt, on the trunk that carried it", { timeout: 180_000 }, async () => {
    const bad = await trunk({ name: `congested-${prefix}`, value: `congested_${prefix}` });
    const good = await trunk({ name: `good-${prefix}`, value: `good_${prefix}`, type: "gateway" });
    rig.sim.engine.setTrunkCondition(bad.value, "congested");
    const people = numbers(60, human(100));
    const busy = numbers(10, { kind: "busy", ringSec: 5 });
    const all = [...people, ...busy];
    const id = await campaign(all, [{ trunk_id: bad.id }, { trunk_id: good.id }]);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id);
    rig.sim.engine.setTrunkCondition(bad.value, null);

    const log = logOf(all);
    const legs = new Map<string, (typeof log)[number][]>();
    for (const c of log) legs.set(c.number, [...(legs.get(c.number) ?? []), c]);
    let failedOver = 0;
    for (const n of all) {
      const l = legs.get(n)!;
      // Either straight to the good trunk, or the congested one first and then the good one: never twice on one trunk.
      expect(l.map((c) => c.trunk), n).toSatisfy((t: (string | null)[]) => (t.length === 1 && t[0] === good.value) || (t.length === 2 && t[0] === bad.value && t[1] === good.value));
      if (l.length === 2) failedOver += 1;
    }
    // Half went to the congested trunk first (equal weights) and all of those failed over.
    expect(failedOver).toBeGreaterThanOrEqual(all.length * 0.4);
    expect(log.some((c) => c.trunk === bad.value && c.endpoint.startsWith("PJSIP/"))).toBe(true);
    expect(log.some((c) => c.trunk === bad.value && c.endpoint.startsWith("sofia/gateway/"))).toBe(true);

    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(all.length);
    expect(new Set(cdr.map((r) => r.campaign_number_id)).size).toBe(all.length);
    for (const r of cdr) expect(r).toMatchObject({ trunk: good.name, trunk_id: good.id });
    expect(cdr.filter((r) => r.disposition === "answered")).toHaveLength(people.length);
    expect(cdr.filter((r) => r.disposition === "busy")).toHaveLength(busy.length);
    // The CDR's channel is the leg that carried the call.
    const lastLeg = new Map([...legs].map(([n, l]) => [n, l[l.length - 1].channelId]));
    for (const r of cdr) expect(r.channel_id).toBe(lastLeg.get(r.destination));
  });

  it("fails over from an unreachable trunk (no channel on either PBX) to the next priority", { timeout: 120_000 }, async () => {
    const down = await trunk({ name: `down-${prefix}`, value: `down_${prefix}`, type: "gateway" });
    const backup = await trunk({ name: `backup-${prefix}`, value: `backup_${prefix}` });
    rig.sim.engine.setTrunkCondition(down.value, "unavailable");
    const phones = numbers(30, human(50));
    const id = await campaign(phones, [{ trunk_id: down.id }, { trunk_id: backup.id, priority: 1 }]);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await completed(id);
    rig.sim.engine.setTrunkCondition(down.value, null);
    const log = logOf(phones);
    expect(log).toHaveLength(phones.length);
    expect(log.every((c) => c.trunk === backup.value)).toBe(true);
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(phones.length);
    for (const r of cdr) expect(r).toMatchObject({ trunk: backup.name, disposition: "answered" });
  });

  it("leaves leads untouched when its trunks have no room, and a campaign without trunks dials its own trunk_value", { timeout: 120_000 }, async () => {
    const off = await trunk({ name: `off-${prefix}`, value: `off_${prefix}` });
    expect((await api.put(`/trunks/${off.id}`, { enabled: false })).status).toBe(200);
    const held = numbers(10, human(20));
    const blocked = await campaign(held, [{ trunk_id: off.id }]);
    const plain = numbers(10, human(20));
    const contract = await campaign(plain, []);
    expect((await api.post(`/campaigns/${blocked}/start`)).status).toBe(200);
    expect((await api.post(`/campaigns/${contract}/start`)).status).toBe(200);
    await completed(contract);
    const plainLog = logOf(plain);
    expect(plainLog).toHaveLength(10);
    expect(plainLog.every((c) => c.trunk === "contract_trunk")).toBe(true);
    expect((await allPages(api, `/cdr?campaign_id=${contract}`)).every((r) => r.trunk === "contract_trunk" && r.trunk_id === null)).toBe(true);
    // Meanwhile the other campaign, whose only trunk is off, called nobody and counted nothing.
    expect(logOf(held)).toHaveLength(0);
    const leads = await allPages(api, `/campaigns/${blocked}/numbers`);
    for (const l of leads) expect(l).toMatchObject({ status: "pending", attempts: 0 });
    expect((await api.get(`/campaigns/${blocked}`)).body.data.status).toBe("running");
    // Enabled again, it dials through it.
    expect((await api.put(`/trunks/${off.id}`, { enabled: true })).status).toBe(200);
    await completed(blocked);
    expect(logOf(held).every((c) => c.trunk === off.value)).toBe(true);
  });
});

/**
 * Two dialer processes, each holding one PBX, dialing the same campaigns through shared trunks.
 * The load is set so that neither process can reach a trunk's cap alone: a campaign's
 * concurrent_calls bounds each process's own calls (4 here), so the 6-channel trunk is full only
 * when both dial at once; and a call lasts over a second, so 4 lines start at most 4 calls in any
 * second, and the 5-a-second trunk reaches its rate only with both. Both wanting 8 keeps each trunk
 * at its cap, so the test sees the caps hold under real contention every run, not by luck.
 */
describe.runIf(onPostgres())("trunk caps across two dialer processes on one PostgreSQL", () => {
  let rig: DialerRig;
  const ended = new Map<string, number>();
  afterAll(() => rig?.close());

  it("hold a trunk's channel cap and CPS cap while both processes dial the same campaigns", { timeout: 240_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 43 });
    rig.sim.engine.on("hangup", (ch) => ended.set(ch.id, Date.now()));
    const a = await rig.start({ driver: "both" });
    const b = await rig.start({ driver: "both" });
    await eachDialerHoldingOnePbx(a.api);
    const zone = zonesWithLocalHour(10, 18)[0];
    const PER_PROCESS = 4;
    const script = (prefix: string, n: number, talkSec: number) => {
      const out = Array.from({ length: n }, (_, i) => `1555${prefix}${String(i).padStart(4, "0")}`);
      for (const num of out) rig.sim.engine.sampler.script(num, { kind: "human", ringSec: 5, talkSec, dtmf: [] });
      return out;
    };
    const channels = (await a.api.post("/trunks", { name: "shared-channels", type: "pjsip", value: "shared_channels", max_channels: 6 })).body.data;
    const rate = (await a.api.post("/trunks", { name: "shared-rate", type: "pjsip", value: "shared_rate", max_cps: 5 })).body.data;
    // 1.5 s calls; and 1.05 s calls (ring 0.05 s + talk 1 s at this time scale): a line starts at most one a second.
    const long = script("910", 48, 150);
    const short = script("920", 48, 100);
    const ids: number[] = [];
    for (const [phones, t] of [[long, channels], [short, rate]] as const) {
      const c = await a.api.post("/campaigns", { name: `Shared ${t.name}`, trunk_type: "pjsip", trunk_value: "unused", agent_dest_type: "exten", agent_dest_value: "100", concurrent_calls: PER_PROCESS, timezone: zone });
      const id = c.body.data.id as number;
      ids.push(id);
      expect((await a.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: phones.map((phone_number) => ({ phone_number })) })).status).toBe(201);
      expect((await a.api.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: t.id }] })).status).toBe(200);
    }
    for (const id of ids) expect((await b.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    for (const id of ids) await waitFor(`campaign ${id} completed`, async () => (await a.api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);

    const log = rig.sim.engine.callLog;
    const counts = new Map<string, number>();
    for (const c of log) counts.set(c.number, (counts.get(c.number) ?? 0) + 1);
    const undialed = [...long, ...short].filter((n) => counts.get(n) !== 1);
    if (undialed.length) {
      const cdr = [...(await allPages(a.api, `/cdr?campaign_id=${ids[0]}`)), ...(await allPages(a.api, `/cdr?campaign_id=${ids[1]}`))];
      expect(undialed, JSON.stringify(cdr.filter((r) => undialed.includes(r.destination)).slice(0, 5))).toEqual([]);
    }
    // Both processes dialed each trunk (one holds the Asterisk connection, the other the FreeSWITCH one).
    for (const t of ["shared_channels", "shared_rate"]) {
      const techs = new Set(log.filter((c) => c.trunk === t).map((c) => c.endpoint.split("/")[0]));
      const byTech = JSON.stringify(Object.fromEntries(["PJSIP", "sofia"].map((x) => [x, log.filter((c) => c.trunk === t && c.endpoint.startsWith(x)).length])));
      expect([...techs].sort(), `${t}: ${byTech}\n${a.server.output().slice(-3000)}\n----\n${b.server.output().slice(-3000)}`).toEqual(["PJSIP", "sofia"]);
    }
    // Each process on its own, by PBX: never more than its 4 lines, on either trunk.
    const peakOf = (calls: typeof log) => {
      const edges: [number, number][] = calls.flatMap((c) => [[c.at.getTime(), 1], [ended.get(c.channelId) ?? Date.now(), -1]] as [number, number][]);
      edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let up = 0;
      let peak = 0;
      for (const [, d] of edges) peak = Math.max(peak, (up += d));
      return peak;
    };
    const onChannels = log.filter((c) => c.trunk === "shared_channels");
    for (const tech of ["PJSIP", "sofia"]) expect(peakOf(onChannels.filter((c) => c.endpoint.startsWith(tech)))).toBeLessThanOrEqual(PER_PROCESS);
    // Together they wanted 8 at once: past what one process can hold, never past the trunk's cap.
    expect(peakOf(onChannels)).toBeGreaterThan(PER_PROCESS);
    expect(peakOf(onChannels)).toBeLessThanOrEqual(6);
    const perSecond = (calls: typeof log) => {
      const m = new Map<number, number>();
      for (const c of calls) m.set(Math.floor(c.at.getTime() / 1000), (m.get(Math.floor(c.at.getTime() / 1000)) ?? 0) + 1);
      return Math.max(...m.values());
    };
    const onRate = log.filter((c) => c.trunk === "shared_rate");
    for (const tech of ["PJSIP", "sofia"]) expect(perSecond(onRate.filter((c) => c.endpoint.startsWith(tech)))).toBeLessThanOrEqual(PER_PROCESS);
    // Together they wanted up to 8 a second: 5 went out in some second (more than one process can start), and never more.
    expect(perSecond(onRate)).toBe(5);
  });
});
