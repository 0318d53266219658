import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { TrunkRotationEvent } from "@/lib/realtime-events";
import type { CallFate } from "@/server/pbx/sim/outcome-model";
import { adminClient, baseUrl, clientAs, onPostgres, type Client } from "../support/api";
import { allPages, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";
import { connectSocket } from "../support/socket";
import { webhookReceiver } from "../support/webhook-receiver";

let seq = 0;
const uniqueName = (base: string) => `${base}-${Date.now().toString(36)}-${++seq}`;

async function auditTotal(api: Client): Promise<number> {
  return (await api.get("/audit?per_page=1")).body.pagination.total;
}

describe("provider health API", () => {
  it("is described in /api/openapi.json with its permissions", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    expect(doc.paths["/providers/health"].get.description).toContain("trunks/health");
    expect(doc.paths["/providers/{id}/health"].get.responses["200"]).toBeDefined();
    expect(doc.paths["/providers/{id}/probe"].post.description).toContain("trunks/probe");
    const trunk = doc.paths["/trunks"].post.requestBody.content["application/json"].schema.properties;
    expect(Object.keys(trunk)).toEqual(expect.arrayContaining(["min_asr_pct", "max_consecutive_failures", "min_samples", "probe_number", "probe_interval_sec"]));
  });

  it("lists every trunk's health with its windows and thresholds", async () => {
    const api = await adminClient();
    const name = uniqueName("healthy");
    const t = (await api.post("/trunks", { name, type: "pjsip", value: "h_carrier", max_cps: 12, min_asr_pct: 30, max_consecutive_failures: 5, min_samples: 10, probe_number: "15550001111" })).body.data;
    expect(t).toMatchObject({ min_asr_pct: 30, max_consecutive_failures: 5, min_samples: 10, probe_number: "15550001111", probe_interval_sec: 60 });
    const all = await api.get("/providers/health");
    expect(all.status).toBe(200);
    expect(all.body.message).toBe("Provider health retrieved successfully");
    const mine = all.body.data.find((x: { id: number }) => x.id === t.id);
    expect(mine).toMatchObject({
      name,
      enabled: true,
      in_rotation: true,
      consecutive_failures: 0,
      asr_5m: 0,
      pdd_ms: null,
      sip: {},
      cps: 0,
      cps_max: 12,
      min_asr_pct: 30,
      max_consecutive_failures: 5,
      last_probe: null,
      probe_pending: false,
      windows: { "5m": { attempts: 0, answered: 0, asr: 0, sip: {}, q850: {} }, "1h": { attempts: 0 } },
    });
    expect((await api.get(`/providers/${t.id}/health`)).body.data).toEqual(mine);
    expect((await api.get(`/providers/999999/health`)).status).toBe(404);
    expect((await api.get(`/providers/abc/health`)).status).toBe(404);
    // Supervisors read health; probes are the admin's.
    const supervisor = await clientAs("supervisor");
    expect((await supervisor.get("/providers/health")).status).toBe(200);
    expect((await supervisor.post(`/providers/${t.id}/probe`)).status).toBe(403);
    await api.del(`/trunks/${t.id}`);
  });

  it("refuses bad thresholds and impossible probes with a 4xx, writing nothing", async () => {
    const api = await adminClient();
    const before = await auditTotal(api);
    const bad = await api.post("/trunks", { name: uniqueName("bad"), type: "pjsip", value: "x", min_asr_pct: 0, max_consecutive_failures: -2, min_samples: 0, probe_number: "call me", probe_interval_sec: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors!).sort()).toEqual(["max_consecutive_failures", "min_asr_pct", "min_samples", "probe_interval_sec", "probe_number"]);
    const tooHigh = await api.post("/trunks", { name: uniqueName("bad"), type: "pjsip", value: "x", min_asr_pct: 101, probe_number: "1555" });
    expect(tooHigh.body.errors).toHaveProperty("min_asr_pct");
    // A rule with nothing to probe it back with.
    const noProbe = await api.post("/trunks", { name: uniqueName("bad"), type: "pjsip", value: "x", max_consecutive_failures: 3 });
    expect(noProbe.status).toBe(400);
    expect(noProbe.body.errors!.probe_number[0]).toContain("required");
    expect(await auditTotal(api)).toBe(before);

    const t = (await api.post("/trunks", { name: uniqueName("plain"), type: "pjsip", value: "x" })).body.data;
    const afterCreate = await auditTotal(api);
    expect((await api.put(`/trunks/${t.id}`, { min_asr_pct: 40 })).status).toBe(400);
    expect((await api.put(`/trunks/${t.id}`, { min_samples: "many" })).status).toBe(400);
    expect((await api.post(`/providers/999999/probe`)).status).toBe(404);
    expect((await api.post(`/providers/abc/probe`)).status).toBe(404);
    const noNumber = await api.post(`/providers/${t.id}/probe`);
    expect(noNumber.status).toBe(409);
    expect(noNumber.body.message).toContain("probe number");
    expect(await auditTotal(api)).toBe(afterCreate);
    expect((await api.get(`/trunks/${t.id}`)).body.data).toMatchObject({ min_asr_pct: null, max_consecutive_failures: null, min_samples: 20, probe_number: null });
    expect((await api.get(`/providers/${t.id}/health`)).body.data).toMatchObject({ probe_pending: false, last_probe: null });
    await api.del(`/trunks/${t.id}`);
  });
});

/**
 * The rotation against the simulator over ARI and ESL at once: a trunk that fails its calls is
 * taken out after N failures and the calls go to the other trunk; probes keep it out while it
 * still fails and bring it back when it recovers. Figures are read from the switch's own call log.
 */
describe("trunk rotation in the dialer", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 31 }, { driver: "both" });
  let prefix = 300;

  function numbers(n: number, fate: CallFate): string[] {
    prefix += 1;
    const out = Array.from({ length: n }, (_, i) => `1555${prefix}${String(i).padStart(4, "0")}`);
    for (const num of out) suite.rig.sim.engine.sampler.script(num, fate);
    return out;
  }
  const human: CallFate = { kind: "human", ringSec: 3, talkSec: 20, dtmf: [] };

  async function trunk(api: Client, body: Record<string, unknown>) {
    const r = await api.post("/trunks", { type: "pjsip", ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data as { id: number; name: string; value: string };
  }

  async function campaignOn(api: Client, phones: string[], trunks: { trunk_id: number }[]) {
    const r = await api.post("/campaigns", dialerCampaign(uniqueName("Rotation"), { concurrent_calls: 2 }));
    expect(r.status).toBe(201);
    const id = r.body.data.id as number;
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: phones.map((phone_number) => ({ phone_number })) })).status).toBe(201);
    expect((await api.put(`/campaigns/${id}/trunks`, { trunks })).status).toBe(200);
    return id;
  }
  const completed = (api: Client, id: number) => waitFor(`campaign ${id} completed`, async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 300);

  it("takes a failing trunk out after N failures in a row, sends the calls to the other, and probes it back in once it recovers", { timeout: 240_000 }, async () => {
    const { api, base, cookie, rig } = suite;
    await waitFor("both PBX connections up", async () => {
      const servers = (await api.get("/pbx")).body.data?.servers ?? [];
      return servers.length === 2 && servers.every((s: { health: { connected: boolean } | null }) => s.health?.connected);
    }, 30_000);
    const probeNumber = numbers(1, human)[0];
    const bad = await trunk(api, { name: uniqueName("failing"), value: `failing_${prefix}`, max_consecutive_failures: 3, probe_number: probeNumber, probe_interval_sec: 3600 });
    const good = await trunk(api, { name: uniqueName("steady"), value: `steady_${prefix}`, type: "gateway" });
    rig.sim.engine.setTrunkCondition(bad.value, "congested");

    const socket = await connectSocket(base, { cookie });
    const events: TrunkRotationEvent[] = [];
    socket.on("trunk.rotation", (e: TrunkRotationEvent) => events.push(e));
    // An integrator subscribed to the trunk leaving the rotation hears of it, signed.
    const hook = await webhookReceiver();
    const sub = await api.post("/webhooks", { name: uniqueName("rotation hook"), url: hook.url, event_types: ["trunk.out_of_rotation"] });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    hook.useSecret(sub.body.data.secret);
    try {
      const phones = numbers(40, human);
      const id = await campaignOn(api, phones, [{ trunk_id: bad.id }, { trunk_id: good.id }]);
      expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
      const out = await waitFor("the failing trunk out of rotation", async () => {
        const h = (await api.get(`/providers/${bad.id}/health`)).body.data;
        return h.in_rotation === false && h;
      }, 60_000);
      expect(out.rotation_reason).toContain("in a row");
      const delivered = await waitFor("the webhook for the trunk out of rotation", async () => hook.of("trunk.out_of_rotation").find((r) => r.json.data.trunk_id === bad.id), 20_000);
      expect(delivered.signatureValid).toBe(true);
      expect(delivered.json.data).toMatchObject({ trunk_id: bad.id, name: bad.name, reason: out.rotation_reason });
      await completed(api, id);

      // The switch's log: the failing trunk got a few calls (3 failures, and what was in flight beside them), the rest went to the other.
      const log = rig.sim.engine.callLog.filter((c) => phones.includes(c.number));
      const onBad = log.filter((c) => c.trunk === bad.value);
      const onGood = log.filter((c) => c.trunk === good.value);
      expect(onBad.length).toBeGreaterThanOrEqual(3);
      expect(onBad.length).toBeLessThanOrEqual(8);
      expect(new Set(onGood.map((c) => c.number)).size).toBe(phones.length);
      // Equal weights: without the rotation about half the 40 calls would have tried it first.
      const outAt = Math.max(...onBad.map((c) => c.at.getTime()));
      expect(onGood.filter((c) => c.at.getTime() > outAt).length).toBeGreaterThan(25);
      const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
      expect(cdr).toHaveLength(phones.length);
      for (const r of cdr) expect(r).toMatchObject({ trunk_id: good.id, disposition: "answered" });

      // Health counts the failed-over legs on the trunk that failed them, by cause.
      const health = (await api.get("/providers/health")).body.data as { id: number; windows: { "5m": { attempts: number; answered: number; sip: Record<string, number>; q850: Record<string, number> } } }[];
      const badHealth = health.find((h) => h.id === bad.id)!;
      expect(badHealth.windows["5m"]).toMatchObject({ attempts: onBad.length, answered: 0 });
      // Congestion: Q.850 34/41/42, SIP 503 where the driver reports one; every failed leg counted once.
      const q850 = badHealth.windows["5m"].q850;
      expect(Object.keys(q850).filter((c) => !["34", "41", "42"].includes(c))).toEqual([]);
      expect(Object.values(q850).reduce((a, b) => a + b, 0)).toBe(onBad.length);
      expect(Object.keys(badHealth.windows["5m"].sip).filter((code) => code !== "503")).toEqual([]);
      expect(health.find((h) => h.id === good.id)!.windows["5m"]).toMatchObject({ attempts: phones.length, answered: phones.length });

      // Still failing: a probe says so and it stays out.
      const stillBad = await api.post(`/providers/${bad.id}/probe`);
      expect(stillBad.status).toBe(200);
      expect(stillBad.body.data, JSON.stringify(stillBad.body)).toMatchObject({ trunk_id: bad.id, pending: false, ok: false, in_rotation: false });
      expect(stillBad.body.data.detail).toContain("congestion");

      // Recovered: the probe gets through and the trunk is back, announced once over Socket.IO and in the audit log.
      rig.sim.engine.setTrunkCondition(bad.value, null);
      const probed = await api.post(`/providers/${bad.id}/probe`);
      expect(probed.status).toBe(200);
      expect(probed.body.data, JSON.stringify(probed.body)).toMatchObject({ ok: true, in_rotation: true });
      const probes = rig.sim.engine.callLog.filter((c) => c.number === probeNumber);
      expect(probes.length).toBe(2);
      expect(probes.every((c) => c.trunk === bad.value)).toBe(true);
      await waitFor("both rotation events", async () => events.filter((e) => e.trunk_id === bad.id).length >= 2, 10_000);
      expect(events.filter((e) => e.trunk_id === bad.id).map((e) => e.in_rotation)).toEqual([false, true]);
      const audit = (await api.get(`/audit?entity_type=trunk&entity_id=${bad.id}&per_page=50`)).body.data as { action: string; username: string }[];
      expect(audit.map((a) => a.action).filter((a) => a.startsWith("trunk.rotation") || a === "trunk.probe")).toEqual(["trunk.rotation_in", "trunk.probe", "trunk.probe", "trunk.rotation_out"]);

      // Back in rotation: a new campaign's calls go to it again.
      const more = numbers(12, human);
      const next = await campaignOn(api, more, [{ trunk_id: bad.id }, { trunk_id: good.id }]);
      expect((await api.post(`/campaigns/${next}/start`)).status).toBe(200);
      await completed(api, next);
      const again = rig.sim.engine.callLog.filter((c) => more.includes(c.number));
      expect(again.filter((c) => c.trunk === bad.value).length).toBeGreaterThanOrEqual(3);
    } finally {
      socket.close();
      await hook.close();
    }
  });

  it("takes a trunk out when its 5-minute ASR falls under its threshold with enough calls, and the next calls go to the other trunk", { timeout: 180_000 }, async () => {
    const { api, rig } = suite;
    const low = await trunk(api, { name: uniqueName("low-asr"), value: `lowasr_${prefix}`, min_asr_pct: 50, min_samples: 6, probe_number: numbers(1, human)[0], probe_interval_sec: 3600 });
    const other = await trunk(api, { name: uniqueName("other"), value: `other_${prefix}`, type: "gateway" });
    // Busy lines: answers from the far end, never a run of trunk failures; only the ASR rule can take it out.
    const busy = numbers(40, { kind: "busy", ringSec: 2 });
    const first = await campaignOn(api, busy, [{ trunk_id: low.id }, { trunk_id: other.id }]);
    expect((await api.post(`/campaigns/${first}/start`)).status).toBe(200);
    await completed(api, first);
    const out = await waitFor("the low-ASR trunk out of rotation", async () => {
      const h = (await api.get(`/providers/${low.id}/health`)).body.data;
      return h.in_rotation === false && h;
    }, 30_000);
    expect(out.rotation_reason).toMatch(/^ASR 0% over the last \d+ calls, under its 50%/);
    expect(out.windows["5m"].attempts).toBeGreaterThanOrEqual(6);
    // The other trunk has no rule: it stays in, whatever its ASR.
    expect((await api.get(`/providers/${other.id}/health`)).body.data).toMatchObject({ in_rotation: true, asr_5m: 0 });

    const people = numbers(10, human);
    const second = await campaignOn(api, people, [{ trunk_id: low.id }, { trunk_id: other.id }]);
    expect((await api.post(`/campaigns/${second}/start`)).status).toBe(200);
    await completed(api, second);
    const log = rig.sim.engine.callLog.filter((c) => people.includes(c.number));
    expect(log).toHaveLength(people.length);
    expect(log.every((c) => c.trunk === other.value)).toBe(true);
  });

  it("probes a trunk out of rotation on its own, every probe_interval_sec, until it comes back", { timeout: 120_000 }, async () => {
    const { api, rig } = suite;
    const probeNumber = numbers(1, human)[0];
    const flaky = await trunk(api, { name: uniqueName("unreachable"), value: `unreach_${prefix}`, max_consecutive_failures: 2, probe_number: probeNumber, probe_interval_sec: 5 });
    const spare = await trunk(api, { name: uniqueName("spare"), value: `spare_${prefix}`, type: "gateway" });
    rig.sim.engine.setTrunkCondition(flaky.value, "unavailable");
    const phones = numbers(16, human);
    const id = await campaignOn(api, phones, [{ trunk_id: flaky.id }, { trunk_id: spare.id }]);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("the unreachable trunk out of rotation", async () => (await api.get(`/providers/${flaky.id}/health`)).body.data.in_rotation === false, 60_000);
    await completed(api, id);
    // A periodic probe runs and fails while it is still unreachable.
    const failed = await waitFor("a failed periodic probe", async () => {
      const h = (await api.get(`/providers/${flaky.id}/health`)).body.data;
      return h.last_probe && h;
    }, 30_000);
    expect(failed).toMatchObject({ in_rotation: false, last_probe: { ok: false } });
    // A campaign with only this trunk dials nothing meanwhile (its leads wait, untouched).
    const waiting = numbers(3, human);
    const alone = await campaignOn(api, waiting, [{ trunk_id: flaky.id }]);
    expect((await api.post(`/campaigns/${alone}/start`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2000));
    expect(rig.sim.engine.callLog.filter((c) => waiting.includes(c.number))).toEqual([]);
    expect((await api.get(`/campaigns/${alone}`)).body.data.status).toBe("running");
    expect((await api.post(`/campaigns/${alone}/stop`)).status).toBe(200);
    rig.sim.engine.setTrunkCondition(flaky.value, null);
    const back = await waitFor("the trunk back in rotation by a periodic probe", async () => {
      const h = (await api.get(`/providers/${flaky.id}/health`)).body.data;
      return h.in_rotation && h;
    }, 30_000);
    expect(back).toMatchObject({ last_probe: { ok: true }, consecutive_failures: 0 });
    expect(back.rotation_reason).toContain("probe");
  });
});

/**
 * Two dialer processes on one PostgreSQL, each holding one of the simulator's connections (ARI and
 * ESL): they add to the same run of failures, the trunk goes out once (one audit row, one event,
 * heard by a browser on either process), and both stop picking it.
 */
describe.runIf(onPostgres())("trunk rotation across two dialers", () => {
  let rig: DialerRig;
  let socket: Socket | undefined;
  afterAll(async () => {
    socket?.close();
    await rig?.close();
  });

  it("counts both dialers' failures into one run, takes the trunk out once, and both send their calls elsewhere", { timeout: 240_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 43 });
    const a = await rig.start({ driver: "both" });
    const b = await rig.start({ driver: "both" });
    await waitFor("each dialer holding one PBX", async () => {
      const servers = (await a.api.get("/pbx")).body.data.servers as { health: { connected: boolean; last_error: string | null } | null }[];
      return servers.filter((s) => s.health?.connected).length === 1 && servers.filter((s) => s.health?.last_error === "held by another Pacer process").length === 1;
    }, 60_000, 500);
    socket = await connectSocket(b.server.url, { cookie: b.cookie });
    const events: TrunkRotationEvent[] = [];
    socket.on("trunk.rotation", (e: TrunkRotationEvent) => events.push(e));

    const human: CallFate = { kind: "human", ringSec: 3, talkSec: 20, dtmf: [] };
    const phones = Array.from({ length: 80 }, (_, i) => `1555${String(7_000_000 + i)}`);
    for (const n of phones) rig.sim.engine.sampler.script(n, human);
    const bad = (await a.api.post("/trunks", { name: "shared-failing", type: "pjsip", value: "shared_failing", max_consecutive_failures: 6, probe_number: "15557999999", probe_interval_sec: 3600 })).body.data;
    const good = (await a.api.post("/trunks", { name: "shared-steady", type: "gateway", value: "shared_steady" })).body.data;
    rig.sim.engine.setTrunkCondition(bad.value, "congested");
    const created = await a.api.post("/campaigns", dialerCampaign("Rotation shared", { concurrent_calls: 6 }));
    const id = created.body.data.id as number;
    expect((await a.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: phones.map((phone_number) => ({ phone_number })) })).status).toBe(201);
    expect((await a.api.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: bad.id }, { trunk_id: good.id }] })).status).toBe(200);
    expect((await b.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await a.api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);

    // Out once, seen the same by both processes' APIs, announced once to a browser on B.
    for (const api of [a.api, b.api]) expect((await api.get(`/providers/${bad.id}/health`)).body.data).toMatchObject({ in_rotation: false });
    const audit = (await a.api.get(`/audit?entity_type=trunk&entity_id=${bad.id}&per_page=50`)).body.data as { action: string }[];
    expect(audit.filter((r) => r.action === "trunk.rotation_out")).toHaveLength(1);
    await waitFor("the rotation event on B", async () => events.length > 0, 10_000);
    expect(events.map((e) => [e.trunk_id, e.in_rotation])).toEqual([[bad.id, false]]);

    // Both connections carried calls, the failing trunk took few of them, and every lead was answered on the other.
    const log = rig.sim.engine.callLog.filter((c) => phones.includes(c.number));
    const onBad = log.filter((c) => c.trunk === bad.value);
    expect(onBad.length).toBeGreaterThanOrEqual(6);
    expect(onBad.length).toBeLessThanOrEqual(6 + 2 * 6);
    expect(new Set(log.map((c) => c.endpoint.split("/")[0])).size).toBe(2);
    const cdr = await allPages(a.api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(phones.length);
    for (const r of cdr) expect(r).toMatchObject({ trunk_id: good.id, disposition: "answered" });
  });
});
