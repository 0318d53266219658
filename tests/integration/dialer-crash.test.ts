import { afterAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { allPages, dialCounts, dialerCampaign, dialerRig, eachDialerHoldingOnePbx, waitFor, type DialerRig } from "../support/dialer";
import { onPostgres } from "../support/api";

/**
 * What a dialer must survive: being killed outright mid-campaign (no lead lost, none dialed twice),
 * and sharing one PostgreSQL with another dialer (no number dialed by both). Checked against the
 * simulator's own call log, which outlives the dialers.
 */
const NUMBERS = 400;

const agentless = (name: string) => dialerCampaign(name, { concurrent_calls: 40, retry_times: 0 });

function expectEachDialedOnce(rig: DialerRig, numbers: string[]) {
  const counts = dialCounts(rig.sim);
  const twice = numbers.filter((n) => (counts.get(n) ?? 0) > 1);
  const never = numbers.filter((n) => (counts.get(n) ?? 0) === 0);
  expect(twice).toEqual([]);
  expect(never).toEqual([]);
}

describe("a dialer killed with SIGKILL mid-campaign", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("loses no number and dials none twice after a restart", { timeout: 240_000 }, async () => {
    // Slow enough that calls are up, ringing and being written when the kill comes.
    rig = await dialerRig({ timeScale: 0.03, seed: 31 });
    const first = await rig.start({ driver: "ari" });
    const created = await first.api.post("/campaigns", agentless("Crash"));
    const id = created.body.data.id as number;
    const numbers = Array.from({ length: NUMBERS }, (_, i) => `1555${String(6_000_000 + i)}`);
    expect((await first.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: numbers.map((phone_number) => ({ phone_number })) })).status).toBe(201);
    expect((await first.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("a third of the list dialled", async () => rig.sim.engine.callLog.length >= NUMBERS / 3, 60_000, 20);
    const liveAtKill = rig.sim.engine.channels.size;
    await first.server.kill();
    expect(liveAtKill).toBeGreaterThan(0);

    const second = await rig.start({ driver: "ari" });
    await waitFor("campaign completed after the restart", async () => (await second.api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);
    expectEachDialedOnce(rig, numbers);
    const leads = await allPages(second.api, `/campaigns/${id}/numbers`);
    expect(leads).toHaveLength(NUMBERS);
    for (const l of leads) {
      expect(["answered", "busy", "no_answer", "failed"]).toContain(l.status);
      expect(l.attempts).toBe(1);
    }
    const cdr = await allPages(second.api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(NUMBERS);
    expect(new Set(cdr.map((r) => r.campaign_number_id)).size).toBe(NUMBERS);
    expect(rig.sim.engine.channels.size).toBe(0);
  });
});

describe("a dialer killed while answered calls are in AMD", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("takes the AMD verdicts that arrive after the restart", { timeout: 180_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 33 });
    const played: { channelId: string; media: string }[] = [];
    rig.sim.engine.on("playbackStarted", (pb) => played.push({ channelId: pb.channelId, media: pb.media }));
    const numbers = ["15554470001", "15554470002", "15554470003"];
    // AMD takes 60 s (real) on these machines: the verdicts come in after the restart.
    for (const n of numbers) rig.sim.engine.sampler.script(n, { kind: "machine", ringSec: 1, amdSec: 6000, greetingSec: 30000 });
    const first = await rig.start({ driver: "ari" });
    const created = await first.api.post("/campaigns", { ...agentless("AMD crash"), amd_enabled: 1, machine_action: "message", machine_message: "custom/after-restart" });
    const id = created.body.data.id as number;
    expect((await first.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: numbers.map((phone_number) => ({ phone_number })) })).status).toBe(201);
    expect((await first.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    const inAmd = () => [...rig.sim.engine.channels.values()].filter((ch) => numbers.includes(ch.number) && ch.answeredAt && !ch.inControl);
    await waitFor("all three answered and in AMD", async () => inAmd().length === 3 || undefined, 30_000, 50);
    // Let the attempt writer put the answers on record before the kill.
    await new Promise((r) => setTimeout(r, 500));
    await first.server.kill();

    const second = await rig.start({ driver: "ari" });
    await waitFor("campaign completed after the restart", async () => (await second.api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);
    const cdr = await allPages(second.api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(3);
    for (const r of cdr) {
      expect(r).toMatchObject({ disposition: "answered", amd_result: "MACHINE" });
      expect(played.filter((p) => p.channelId === r.channel_id).map((p) => p.media)).toEqual(["sound:custom/after-restart"]);
    }
  });
});

describe.runIf(onPostgres())("two dialers on one PostgreSQL", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  let socket: Socket | undefined;
  afterAll(() => void socket?.close());

  it("share the PBX connections out, never dial a number twice, and broadcast to each other's browsers", { timeout: 240_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 41 });
    // One Asterisk and one FreeSWITCH connection (both to the simulator): one for each dialer.
    const a = await rig.start({ driver: "both" });
    const b = await rig.start({ driver: "both" });
    await eachDialerHoldingOnePbx(a.api);
    // A supervisor's browser on dialer B hears the calls dialer A places too (Socket.IO Postgres adapter).
    const token = await a.api.post("/tokens", { name: "wallboard" });
    expect(token.status).toBe(201);
    socket = io(b.server.url, { path: "/socket.io", transports: ["websocket"], auth: { token: token.body.data.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket!.once("connect", () => resolve());
      socket!.once("connect_error", reject);
    });
    const heard = new Set<string>();
    const tickNodes = new Set<string>();
    socket.on("call.update", (e: { number: string; state: string }) => {
      if (e.state === "Dialing") heard.add(e.number);
    });
    socket.on("kpi.tick", (e: { scope: string; node?: string }) => {
      if (e.scope === "global" && e.node) tickNodes.add(e.node);
    });
    const created = await a.api.post("/campaigns", { ...agentless("Shared"), concurrent_calls: 30 });
    const id = created.body.data.id as number;
    const numbers = Array.from({ length: NUMBERS * 2 }, (_, i) => `1555${String(5_000_000 + i)}`);
    expect((await a.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: numbers.map((phone_number) => ({ phone_number })) })).status).toBe(201);
    expect((await b.api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await a.api.get(`/campaigns/${id}`)).body.data.status === "completed", 120_000, 500);
    expectEachDialedOnce(rig, numbers);
    const cdr = await allPages(a.api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(numbers.length);
    // Both dialers took part: calls went out on both connections.
    const byTech = new Map<string, number>();
    for (const c of rig.sim.engine.callLog) {
      const tech = c.endpoint.split("/")[0];
      byTech.set(tech, (byTech.get(tech) ?? 0) + 1);
    }
    expect(byTech.get("PJSIP") ?? 0).toBeGreaterThan(numbers.length * 0.2);
    expect(byTech.get("sofia") ?? 0).toBeGreaterThan(numbers.length * 0.2);
    // Every call was announced to B's browser, whichever dialer placed it, and both dialers' ticks arrived.
    await waitFor("every call heard on B", async () => heard.size === numbers.length || undefined, 10_000).catch(() => {});
    expect(numbers.filter((n) => !heard.has(n))).toEqual([]);
    expect(tickNodes.size).toBe(2);
  });
});
