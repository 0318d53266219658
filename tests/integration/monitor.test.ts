import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorUpdateEvent } from "@/lib/realtime-events";
import type { SimChannel } from "@/server/pbx/sim/engine";
import { onPostgres, type Client } from "../support/api";
import { agentUser, allPages, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";

/**
 * A supervisor listens in on an agent's live call, whispers to the agent, barges in and stops,
 * through Pacer's API, over the simulator's real ARI and ESL sockets. The simulator's audio model
 * says who hears whom at each step.
 */
type Monitor = { id: number; state: string; mode: string; requested_mode: string | null; end_reason: string | null; agent_id: number; attempt_id: number; phone: string };

const sorted = (ids: (string | undefined)[]) => [...ids].sort();

/** A browser's socket (session cookie), collecting `monitor.update` events. */
async function monitorEvents(base: string, cookie: string): Promise<{ socket: Socket; heard: MonitorUpdateEvent[] }> {
  const socket = io(base, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
  const heard: MonitorUpdateEvent[] = [];
  socket.on("monitor.update", (e: MonitorUpdateEvent) => heard.push(e));
  await new Promise<void>((resolve, reject) => socket.once("connect", () => resolve()).once("connect_error", reject));
  return { socket, heard };
}

async function monitorOf(api: Client, id: number): Promise<Monitor> {
  const r = await api.get<Monitor>(`/monitors/${id}`);
  expect(r.status).toBe(200);
  return r.body.data!;
}

/** A progressive campaign with one agent, and that agent on a call with a person who talks for a long while. */
async function agentOnCall(rig: DialerRig, admin: Client, base: string, tag: string, number: string, extension: string) {
  const me = await agentUser(admin, base, `Monitored ${tag}`, extension);
  const campaign = await admin.post("/campaigns", dialerCampaign(`Monitor ${tag}`, { dial_mode: "progressive", wrapup_sec: 0 }));
  const id = campaign.body.data.id as number;
  expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
  await waitFor("agent available", async () => (await admin.get(`/agents/${me.id}`)).body.data.state === "available", 20_000);
  // Before any call: nothing to listen in on.
  const early = await admin.post(`/agents/${me.id}/monitor`, { mode: "listen", phone: "2900" });
  expect(early.status).toBe(409);
  expect(early.body.message).toMatch(/no live call/);
  rig.sim.engine.sampler.script(number, { kind: "human", ringSec: 1, talkSec: 1e6, dtmf: [] });
  expect((await admin.post(`/campaigns/${id}/numbers`, { phone_number: number })).status).toBe(201);
  expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);
  await waitFor("agent on the call", async () => (await admin.get(`/agents/${me.id}`)).body.data.state === "on_call", 20_000);
  const channels = () => [...rig.sim.engine.channels.values()];
  const customer = channels().find((c) => c.number === number)!;
  const agent = channels().find((c) => c.number === extension)!;
  await waitFor("agent and customer talking", async () => rig.sim.engine.heardBy(customer.id).includes(agent.id), 10_000, 50);
  return { me, campaignId: id, customer, agent };
}

describe.each(["ari", "esl"] as const)("listen, whisper, barge over %s", (driver) => {
  let rig: DialerRig;
  let admin: Client;
  let base: string;
  let adminCookie: string;
  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 61 });
    const started = await rig.start({ driver });
    admin = started.api;
    base = started.server.url;
    adminCookie = started.cookie;
  });
  afterAll(() => rig?.close());

  it("a supervisor listens, whispers to the agent, barges in and stops; every step audited", { timeout: 120_000 }, async () => {
    const phone = driver === "ari" ? "2901" : "2902";
    const { me, customer, agent } = await agentOnCall(rig, admin, base, `${driver} 1`, driver === "ari" ? "15553300001" : "15553300002", driver === "ari" ? "2801" : "2802");
    const engine = rig.sim.engine;

    // Agents may not listen in, not even on themselves; bad input is refused before anything happens.
    expect((await me.api.post(`/agents/${me.id}/monitor`, { mode: "listen", phone })).status).toBe(403);
    expect((await me.api.get("/monitors")).status).toBe(403);
    const bad = await admin.post(`/agents/${me.id}/monitor`, { mode: "shout", phone: "not a phone" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors ?? {})).toEqual(expect.arrayContaining(["mode", "phone"]));
    expect((await admin.post("/agents/999999/monitor", { phone })).status).toBe(404);

    // Supervisors' browsers hear the session's states; the agent's never does.
    const supervisorSocket = await monitorEvents(base, adminCookie);
    const agentSocket = await monitorEvents(base, me.cookie);
    const started = await admin.post<Monitor>(`/agents/${me.id}/monitor`, { mode: "listen", phone });
    expect(started.status).toBe(202);
    const session = started.body.data!;
    expect(session).toMatchObject({ agent_id: me.id, mode: "listen", state: "requested", phone });
    // One session per agent, and per supervisor.
    expect((await admin.post(`/agents/${me.id}/monitor`, { phone: "2999" })).status).toBe(409);
    await waitFor("session active", async () => (await monitorOf(admin, session.id)).state === "active", 20_000, 100);
    const supervisor = [...engine.channels.values()].find((c) => c.number === phone) as SimChannel;
    expect(supervisor).toBeDefined();
    expect((await admin.get<Monitor[]>("/monitors")).body.data!.map((m) => m.id)).toContain(session.id);
    expect((await admin.get<{ phone: string }>("/monitors/phone")).body.data).toEqual({ phone });

    // Listen: the supervisor hears the agent and the customer; nobody hears the supervisor.
    expect(sorted(engine.heardBy(supervisor.id))).toEqual(sorted([agent.id, customer.id]));
    expect(engine.hearersOf(supervisor.id)).toEqual([]);

    // Whisper: the agent hears the supervisor, the customer does not.
    expect((await admin.patch<Monitor>(`/monitors/${session.id}`, { mode: "whisper" })).status).toBe(202);
    await waitFor("whisper applied", async () => (await monitorOf(admin, session.id)).mode === "whisper", 10_000, 100);
    expect(engine.hearersOf(supervisor.id)).toEqual([agent.id]);
    expect(sorted(engine.heardBy(supervisor.id))).toEqual(sorted([agent.id, customer.id]));

    // Barge: both hear the supervisor.
    expect((await admin.patch(`/monitors/${session.id}`, { mode: "barge" })).status).toBe(202);
    await waitFor("barge applied", async () => (await monitorOf(admin, session.id)).mode === "barge", 10_000, 100);
    expect(sorted(engine.hearersOf(supervisor.id))).toEqual(sorted([agent.id, customer.id]));
    expect((await admin.patch(`/monitors/${session.id}`, { mode: "loud" })).status).toBe(400);

    // Stop: the supervisor's leg is gone; the customer and the agent are still talking.
    expect((await admin.del(`/monitors/${session.id}`)).status).toBe(202);
    await waitFor("session ended", async () => (await monitorOf(admin, session.id)).state === "ended", 10_000, 100);
    expect((await monitorOf(admin, session.id)).end_reason).toBe("stopped by admin");
    expect(engine.channel(supervisor.id)).toBeUndefined();
    expect(engine.channel(customer.id)).toBeDefined();
    expect(engine.heardBy(customer.id)).toEqual([agent.id]);
    expect((await admin.get(`/agents/${me.id}`)).body.data.state).toBe("on_call");
    expect((await admin.patch(`/monitors/${session.id}`, { mode: "listen" })).status).toBe(409);
    expect((await admin.get<Monitor[]>("/monitors")).body.data!.map((m) => m.id)).not.toContain(session.id);

    const audit = await allPages<{ action: string; username: string; details: Record<string, unknown> }>(admin, `/audit?entity_type=monitor&entity_id=${session.id}`);
    expect(audit.map((a) => a.action).reverse()).toEqual(["monitor.start", "monitor.mode", "monitor.mode", "monitor.stop", "monitor.end"]);
    const [start, toWhisper, toBarge] = [...audit].reverse();
    expect(start).toMatchObject({ username: "admin", details: { agent_id: me.id, mode: "listen", phone, attempt_id: session.attempt_id } });
    expect(toWhisper.details).toMatchObject({ from: "listen", to: "whisper" });
    expect(toBarge.details).toMatchObject({ from: "whisper", to: "barge" });
    expect(audit[0]).toMatchObject({ username: "system", details: { reason: "stopped by admin", mode: "barge" } });
    const states = supervisorSocket.heard.filter((e) => e.monitor.id === session.id).map((e) => `${e.monitor.state}:${e.monitor.mode}`);
    expect(states[0]).toBe("requested:listen");
    expect(states).toEqual(expect.arrayContaining(["calling:listen", "active:listen", "active:whisper", "active:barge"]));
    expect(states.at(-1)).toBe("ended:barge");
    expect(agentSocket.heard).toEqual([]);
    supervisorSocket.socket.close();
    agentSocket.socket.close();

    // The supervisor hanging up ends a session; the call goes on.
    const hungUp = await admin.post<Monitor>(`/agents/${me.id}/monitor`, { mode: "listen" });
    expect(hungUp.status).toBe(202);
    await waitFor("session active", async () => (await monitorOf(admin, hungUp.body.data!.id)).state === "active", 20_000, 100);
    engine.hangup([...engine.channels.values()].find((c) => c.number === phone)!.id);
    await waitFor("ended by the supervisor", async () => (await monitorOf(admin, hungUp.body.data!.id)).state === "ended", 10_000, 100);
    expect((await monitorOf(admin, hungUp.body.data!.id)).end_reason).toBe("the supervisor hung up");
    expect(engine.heardBy(customer.id)).toEqual([agent.id]);

    // The end of the customer's call ends a session too, and hangs the supervisor's phone up.
    const again = await admin.post<Monitor>(`/agents/${me.id}/monitor`, { mode: "whisper" });
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ phone, mode: "whisper" });
    await waitFor("second session active", async () => (await monitorOf(admin, again.body.data!.id)).state === "active", 20_000, 100);
    const second = [...engine.channels.values()].find((c) => c.number === phone)!;
    expect(engine.hearersOf(second.id)).toEqual([agent.id]);
    engine.hangup(customer.id);
    await waitFor("ended with the call", async () => (await monitorOf(admin, again.body.data!.id)).state === "ended", 10_000, 100);
    expect((await monitorOf(admin, again.body.data!.id)).end_reason).toBe("the call ended");
    expect(engine.channel(second.id)).toBeUndefined();
  });
});

describe.runIf(onPostgres())("a request through one Pacer, the agent's phone held by another", () => {
  let rig: DialerRig;
  afterAll(() => rig?.close());

  it("the dialer holding the agent serves the session the web-only process wrote", { timeout: 120_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 62 });
    const dialer = await rig.start({ driver: "ari" });
    const web = await rig.start({ driver: "ari", env: { DIALER: "false" } });
    const { me, customer, agent } = await agentOnCall(rig, dialer.api, dialer.server.url, "two processes", "15553300003", "2803");
    const started = await web.api.post<Monitor>(`/agents/${me.id}/monitor`, { mode: "whisper", phone: "2903" });
    expect(started.status).toBe(202);
    const id = started.body.data!.id;
    await waitFor("session active", async () => (await monitorOf(web.api, id)).state === "active", 20_000, 100);
    const supervisor = [...rig.sim.engine.channels.values()].find((c) => c.number === "2903")!;
    expect(rig.sim.engine.hearersOf(supervisor.id)).toEqual([agent.id]);
    expect((await web.api.patch(`/monitors/${id}`, { mode: "listen" })).status).toBe(202);
    await waitFor("listen applied", async () => (await monitorOf(web.api, id)).mode === "listen", 10_000, 100);
    expect(rig.sim.engine.hearersOf(supervisor.id)).toEqual([]);
    expect((await web.api.del(`/monitors/${id}`)).status).toBe(202);
    await waitFor("session ended", async () => (await monitorOf(web.api, id)).state === "ended", 10_000, 100);
    expect(rig.sim.engine.channel(supervisor.id)).toBeUndefined();
    expect(rig.sim.engine.channel(customer.id)).toBeDefined();
  });
});
