import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { CallUpdateEvent } from "@/lib/realtime-events";
import type { WallboardCampaign, WallboardCampaignsMessage, WallboardSubscribeAck } from "@/lib/wallboard";
import { agentUser, dialCounts, dialerCampaign, waitFor, zonesWithLocalHour } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";
import { connectSocket } from "../support/socket";

/**
 * The wallboard's "why isn't it dialing?" against a real Pacer dialing the simulator: each reason
 * is made to happen for real (a closed schedule, a pause, nobody ready, a full trunk, a spent
 * abandonment budget, leads outside their calling hours, on a do-not-call list, tried to the end)
 * and the counts are read as a supervisor's browser gets them, over Socket.IO.
 */

function subscribe(socket: Socket, payload?: unknown): Promise<WallboardSubscribeAck> {
  return socket.timeout(20_000).emitWithAck("wallboard.subscribe", payload);
}

/** The latest `wallboard.campaigns` figures this socket heard, and a wait for them to say something. */
function campaignsFeed(socket: Socket) {
  let latest: WallboardCampaign[] = [];
  let latestAt = 0;
  socket.on("wallboard.campaigns", (m: WallboardCampaignsMessage) => {
    latest = m.campaigns;
    latestAt = m.ts;
  });
  return {
    shows: (id: number) => latest.some((c) => c.id === id),
    /** The campaign's figures once they pass `check`, in a message sent after `after` (ms). */
    async until(what: string, id: number, check: (c: WallboardCampaign) => boolean, after = 0, timeoutMs = 30_000): Promise<WallboardCampaign> {
      try {
        return await waitFor(what, async () => {
          if (latestAt <= after) return undefined;
          const c = latest.find((x) => x.id === id);
          return c && check(c) ? c : undefined;
        }, timeoutMs, 100);
      } catch (err) {
        throw new Error(`${(err as Error).message}; last figures: ${JSON.stringify(latest.find((x) => x.id === id) ?? null)}`);
      }
    },
  };
}

describe("the wallboard's held-back leads", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 61 }, { driver: "ari" });
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.close();
  });
  const inZone = zonesWithLocalHour(10, 18)[0];
  const outZone = zonesWithLocalHour(1, 5)[0];
  let serial = 0;
  const phone = () => `1555${String(6_100_000 + ++serial)}`;

  async function campaign(name: string, over: Record<string, unknown>, leads: { phone_number: string; timezone: string }[]) {
    const created = await suite.api.post("/campaigns", dialerCampaign(name, over));
    expect(created.status).toBe(201);
    const id = created.body.data.id as number;
    if (leads.length) expect((await suite.api.post(`/campaigns/${id}/numbers/bulk`, { numbers: leads })).status).toBe(201);
    return id;
  }
  const lead = (zone: string, number = phone()) => ({ phone_number: number, timezone: zone });

  it("refuses agents, bad payloads and a subscribe without an acknowledgement, with a clear error", { timeout: 60_000 }, async () => {
    const agent = await agentUser(suite.api, suite.base, "Board Agent", "2101");
    const agentSocket = await connectSocket(suite.base, { cookie: agent.cookie });
    sockets.push(agentSocket);
    expect(await subscribe(agentSocket, {})).toEqual({ ok: false, error: expect.stringMatching(/forbidden.*admins and supervisors/) });

    const admin = await connectSocket(suite.base, { cookie: suite.cookie });
    sockets.push(admin);
    expect(await subscribe(admin, { campaign_ids: "all" })).toEqual({ ok: false, error: expect.stringMatching(/^invalid wallboard\.subscribe payload: campaign_ids: campaign_ids must be an array/) });
    expect(await subscribe(admin, { campaign_ids: [1.5] })).toEqual({ ok: false, error: expect.stringMatching(/campaign_ids\.0: each campaign id must be a whole number/) });
    expect(await subscribe(admin, { everything: true })).toEqual({ ok: false, error: expect.stringMatching(/unknown field\(s\) everything/) });
    expect(await subscribe(admin, "please")).toEqual({ ok: false, error: expect.stringMatching(/the payload must be an object/) });
    const complaint = new Promise<{ error: string }>((resolve) => admin.once("wallboard.error", resolve));
    admin.emit("wallboard.subscribe", {});
    expect((await complaint).error).toMatch(/needs an acknowledgement callback/);
    // Nothing above subscribed it: no figures arrive.
    let heard = 0;
    admin.on("wallboard.campaigns", () => heard++);
    await new Promise((r) => setTimeout(r, 3500));
    expect(heard).toBe(0);
  });

  it("counts each campaign's leads by what holds them back, as the dialer judges them", { timeout: 180_000 }, async () => {
    const { api, rig } = suite;
    const socket = await connectSocket(suite.base, { cookie: suite.cookie });
    sockets.push(socket);
    const calls: CallUpdateEvent[] = [];
    socket.on("call.update", (e: CallUpdateEvent) => calls.push(e));

    // Schedule not begun: every lead inside its hours is held by the schedule; lead rules still count.
    const onDnc = [phone(), phone()];
    const closed = await campaign("Board closed", { schedule: { from: "2099-01-01" } }, [lead(inZone), lead(inZone), lead(inZone), lead(outZone), lead(outZone), ...onDnc.map((n) => lead(inZone, n))]);
    for (const n of onDnc) expect((await api.post("/dnc", { campaign_id: closed, phone_number: n })).status).toBe(201);
    expect((await api.post(`/campaigns/${closed}/start`)).status).toBe(200);

    // The same, paused.
    const paused = await campaign("Board paused", { schedule: { from: "2099-01-01" } }, [lead(inZone), lead(inZone)]);
    expect((await api.post(`/campaigns/${paused}/start`)).status).toBe(200);
    expect((await api.post(`/campaigns/${paused}/pause`)).status).toBe(200);

    // Predictive with nobody logged in: nothing is dialed.
    const nobody = await campaign("Board nobody", { dial_mode: "predictive" }, [lead(inZone), lead(inZone)]);
    expect((await api.post(`/campaigns/${nobody}/start`)).status).toBe(200);

    // Dialed for real: a busy number with no retries (tried to the end), a number on the do-not-call
    // list (the dialer passes it over), a lead outside its hours (put off until they open).
    const busy = phone();
    rig.sim.engine.sampler.script(busy, { kind: "busy", ringSec: 1 });
    const barred = phone();
    expect((await api.post("/dnc", { phone_number: barred, campaign_id: null })).status).toBe(201);
    // A number that does not exist ends the lead too, but no retry rule was ever going to call it again.
    const unallocated = phone();
    rig.sim.engine.sampler.script(unallocated, { kind: "unallocated", ringSec: 0 });
    const dialed = await campaign("Board dialed", { retry_times: 0 }, [lead(inZone, busy), lead(inZone, barred), lead(outZone), lead(inZone, unallocated)]);
    expect((await api.post(`/campaigns/${dialed}/start`)).status).toBe(200);

    const subscribed = await subscribe(socket, {});
    expect(subscribed.ok).toBe(true);
    const feed = campaignsFeed(socket);
    if (subscribed.ok) expect(subscribed.snapshot.campaigns.map((c) => c.id)).toEqual(expect.arrayContaining([closed, paused, nobody, dialed]));

    const c1 = await feed.until("the closed campaign's figures", closed, (c) => c.held.schedule === 3);
    expect(c1.held).toEqual({ schedule: 3, outside_hours: 2, dnc: 2 });
    expect(c1.dialable).toBe(3);
    const c2 = await feed.until("the paused campaign's figures", paused, (c) => c.held.paused === 2);
    expect(c2.held).toEqual({ paused: 2, schedule: 2 });
    expect(c2.blockers).toEqual(["paused", "schedule"]);
    const c3 = await feed.until("the unstaffed campaign's figures", nobody, (c) => c.held.no_agent === 2);
    expect(c3.held).toEqual({ no_agent: 2 });
    // Every call of it over (the lead outside its hours is never called): then the figures.
    await waitFor("the dialed campaign's calls over", async () => (await api.get(`/campaigns/${dialed}/stats`)).body.data.calling === 0 && dialCounts(rig.sim).get(unallocated) === 1 && dialCounts(rig.sim).get(busy) === 1, 30_000);
    const c4 = await feed.until("the dialed campaign's figures", dialed, (c) => c.held.dnc === 1, Date.now());
    expect(c4.held).toEqual({ max_attempts: 1, dnc: 1, outside_hours: 1 });
    expect(c4.dialable).toBe(0);
    const counts = dialCounts(rig.sim);
    expect(counts.get(busy)).toBe(1);
    expect(counts.get(unallocated)).toBe(1);
    expect(counts.get(barred)).toBeUndefined();
    expect((await api.get(`/campaigns/${nobody}`)).body.data.status).toBe("running");
    for (const id of [closed, paused, nobody, dialed]) expect((await feed.until("figures", id, () => true)).blockers).not.toContain("abandon_cap");

    // A trunk with one channel, held by another campaign's long call: the second campaign waits for it.
    const trunk = await api.post("/trunks", { name: `board_${Date.now().toString(36)}`, type: "pjsip", value: "carrier", max_channels: 1 });
    expect(trunk.status).toBe(201);
    const long = phone();
    rig.sim.engine.sampler.script(long, { kind: "human", ringSec: 1, talkSec: 100_000, dtmf: [] });
    const holder = await campaign("Board holder", {}, [lead(inZone, long)]);
    const waiting = await campaign("Board waiting", {}, [lead(inZone), lead(inZone)]);
    for (const id of [holder, waiting]) expect((await api.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: trunk.body.data.id }] })).status).toBe(200);
    expect((await api.post(`/campaigns/${holder}/start`)).status).toBe(200);
    await waitFor("the long call up", async () => [...rig.sim.engine.channels.values()].some((ch) => ch.number === long && ch.state === "Up"), 20_000, 50);
    expect((await api.post(`/campaigns/${waiting}/start`)).status).toBe(200);
    const c5 = await feed.until("the waiting campaign held by its trunk", waiting, (c) => c.held.trunk_cap === 2);
    expect(c5.held).toEqual({ trunk_cap: 2 });
    const c6 = await feed.until("the holder's figures", holder, () => true);
    // The holder's own call fills the trunk too; it has nothing left to dial, so nothing waits on it.
    expect(c6).toMatchObject({ held: {}, blockers: ["trunk_cap"], dialable: 0 });
    expect(c5.blockers).toEqual(["trunk_cap"]);
    expect(calls.some((e) => e.campaignId === waiting)).toBe(false);
    for (const id of [holder, waiting]) expect((await api.post(`/campaigns/${id}/stop`)).status).toBe(200);
    // The trunk free again, its campaigns stopped: they leave the board.
    await waitFor("stopped campaigns off the board", async () => !feed.shows(holder) && !feed.shows(waiting) && feed.shows(closed), 20_000, 100);

    // Predictive, one agent, who goes on break while the only call rings: the person who answers
    // waits for nobody and is abandoned. One abandoned live answer spends the 3 % budget.
    const ringing = phone();
    rig.sim.engine.sampler.script(ringing, { kind: "human", ringSec: 290, talkSec: 300, dtmf: [] });
    const spent = await campaign("Board spent", { dial_mode: "predictive", wrapup_sec: 0, dial_timeout: 300 }, [lead(inZone, ringing)]);
    const agent = await api.post("/agents", { name: "Board Solo", extension: "2102" });
    expect(agent.status).toBe(201);
    const agentId = agent.body.data.id as number;
    expect((await api.post(`/agents/${agentId}/login`, { campaign_id: spent })).status).toBe(200);
    await waitFor("agent ready", async () => (await api.get(`/agents/${agentId}`)).body.data.state === "available", 20_000);
    expect((await api.post(`/campaigns/${spent}/start`)).status).toBe(200);
    await waitFor("the call ringing", async () => [...rig.sim.engine.channels.values()].some((ch) => ch.number === ringing), 20_000, 50);
    expect((await api.post(`/agents/${agentId}/state`, { state: "on_break" })).status).toBe(200);
    // Two more leads while it rings: the campaign stays running, and nobody is there to dial them for.
    expect((await api.post(`/campaigns/${spent}/numbers/bulk`, { numbers: [lead(inZone), lead(inZone)] })).status).toBe(201);
    await waitFor("the abandoned call in the records", async () => ((await api.get(`/cdr?campaign_id=${spent}`)).body.data as { abandoned: number }[]).some((r) => r.abandoned === 1), 30_000, 200);
    const c7 = await feed.until("the spent campaign's figures", spent, (c) => c.held.abandon_cap === 2);
    expect(c7.held).toEqual({ abandon_cap: 2, no_agent: 2 });
    expect(c7.abandon24h).toEqual({ liveAnswers: 1, abandoned: 1 });
    // The call was seen waiting for an agent before it was abandoned.
    const states = calls.filter((e) => e.number === ringing).map((e) => e.state);
    expect(states).toEqual(expect.arrayContaining(["Dialing", "Ringing", "Waiting", "Abandoned"]));
    expect(states.indexOf("Waiting")).toBeLessThan(states.indexOf("Abandoned"));
    await api.post(`/agents/${agentId}/logout`);
  });

  it("counts the leads a campaign's call rate holds back", { timeout: 60_000 }, async () => {
    const { api, rig } = suite;
    const socket = await connectSocket(suite.base, { cookie: suite.cookie });
    sockets.push(socket);
    expect((await subscribe(socket, {})).ok).toBe(true);
    const feed = campaignsFeed(socket);
    // One call a minute: the first lead is dialed, the other two wait for the next minute.
    const first = phone();
    rig.sim.engine.sampler.script(first, { kind: "busy", ringSec: 1 });
    const rated = await campaign("Board rate", { frequency: 1, retry_times: 0 }, [lead(inZone, first), lead(inZone), lead(inZone)]);
    expect((await api.post(`/campaigns/${rated}/start`)).status).toBe(200);
    await waitFor("the first call placed", async () => dialCounts(rig.sim).get(first) === 1, 20_000, 50);
    const c = await feed.until("the rated campaign held by its rate", rated, (x) => x.held.rate_cap === 2, Date.now());
    // The first lead, busy and not retried, may already count as tried to the end.
    expect(c.held).toEqual(expect.objectContaining({ rate_cap: 2 }));
    expect(Object.keys(c.held).filter((r) => r !== "max_attempts")).toEqual(["rate_cap"]);
    expect(c.blockers).toEqual(["rate_cap"]);
    expect(c.dialable).toBe(2);
    expect((await api.post(`/campaigns/${rated}/stop`)).status).toBe(200);
    // Only the first lead was called.
    expect((await api.get(`/campaigns/${rated}/stats`)).body.data.total_calls).toBeLessThanOrEqual(1);
  });
});
