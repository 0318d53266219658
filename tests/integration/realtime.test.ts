import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { QueueUpdateEvent } from "@/lib/realtime-events";
import { adminSession, baseUrl, client, createToken, sampleCampaign, type Client } from "../support/api";
import { connectSocket, type SocketAuth } from "../support/socket";
import { agentUser, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";

const connect = (opts: SocketAuth & { base?: string }) => connectSocket(opts.base ?? baseUrl(), opts);

function nextEvent<T>(socket: Socket, name: string, match: (e: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event`)), 5000);
    const handler = (e: T) => {
      if (!match(e)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(e);
    };
    socket.on(name, handler);
  });
}

describe("Socket.IO realtime", () => {
  it("refuses a handshake without valid credentials", async () => {
    await expect(connect({})).rejects.toThrow(/unauthorized/);
    await expect(connect({ token: "0".repeat(64) })).rejects.toThrow(/unauthorized/);
  });

  it("refuses a session socket opened from another site's page, and takes one from Pacer's own", async () => {
    const cookie = await adminSession();
    await expect(connect({ cookie, origin: "https://evil.example" })).rejects.toThrow(/unauthorized/);
    const own = await connect({ cookie, origin: new URL(baseUrl()).origin });
    own.close();
  });

  it("pushes campaign.update to a token client and a session client when campaigns change", async () => {
    const { token } = await createToken();
    const byToken = await connect({ token });
    const bySession = await connect({ cookie: await adminSession() });
    try {
      const api = client({ token });
      const created = nextEvent<{ campaign_id: number; change: string }>(byToken, "campaign.update", (e) => e.change === "created");
      const c = (await api.post("/campaigns", sampleCampaign())).body.data;
      expect(await created).toMatchObject({ type: "campaign.update", campaign_id: c.id, status: "stopped", change: "created" });

      const started = nextEvent<{ campaign_id: number; status: string }>(bySession, "campaign.update", (e) => e.campaign_id === c.id && e.status === "running");
      await api.post(`/campaigns/${c.id}/start`);
      expect(await started).toMatchObject({ campaign_id: c.id, change: "status" });
      await api.post(`/campaigns/${c.id}/stop`);
    } finally {
      byToken.close();
      bySession.close();
    }
  });
});

/**
 * An agent's browser hears its own campaign's queue and no other's. The queue.update of a call
 * being connected to the agent follows the agent.update that says it is on the call at once, so a
 * browser that joins the campaign's room only when that agent.update arrives misses it.
 */
describe("an agent's sockets follow its campaign", () => {
  let rig: DialerRig;
  let api: Client;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await rig?.close();
  });

  it("hears the queue of the campaign it is logged in to, from the first call, and stops after switching", { timeout: 120_000 }, async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 51 });
    const started = await rig.start({ driver: "ari" });
    api = started.api;
    const base = started.server.url;
    let next = 0;
    const human = () => {
      const n = `1555777${String(next++).padStart(4, "0")}`;
      rig.sim.engine.sampler.script(n, { kind: "human", ringSec: 2, talkSec: 30, dtmf: [] });
      return n;
    };
    const campaign = async (name: string) => {
      const r = await api.post("/campaigns", dialerCampaign(name, { dial_mode: "progressive", wrapup_sec: 0 }));
      expect(r.status).toBe(201);
      return r.body.data.id as number;
    };
    const addNumber = async (id: number) => expect((await api.post(`/campaigns/${id}/numbers`, { phone_number: human() })).status).toBe(201);
    const state = async (agentId: number) => (await api.get(`/agents/${agentId}`)).body.data.state as string;
    const login = async (agentId: number, campaignId: number) => {
      expect((await api.post(`/agents/${agentId}/login`, { campaign_id: campaignId })).status).toBe(200);
      await waitFor(`agent ${agentId} available`, async () => (await state(agentId)) === "available", 20_000);
    };
    const queueEvents = (socket: Socket) => {
      const seen: QueueUpdateEvent[] = [];
      socket.on("queue.update", (e: QueueUpdateEvent) => seen.push(e));
      return seen;
    };

    const a = await campaign("Rooms A");
    const b = await campaign("Rooms B");
    const me = await agentUser(api, base, "Rooms Me", "2301");
    const other = await agentUser(api, base, "Rooms Other", "2302");
    const token = (await api.post("/tokens", { name: "wallboard" })).body.data.token as string;
    const supervisor = await connect({ token, base });
    sockets.push(supervisor);
    const wallboard = queueEvents(supervisor);

    // Logged in first, browser opened after: the handshake puts the socket in campaign A's room.
    await login(me.id, a);
    const mine = await connect({ cookie: me.cookie, base });
    sockets.push(mine);
    const heard = queueEvents(mine);
    await addNumber(a);
    expect((await api.post(`/campaigns/${a}/start`)).status).toBe(200);
    await waitFor("A's one queue.update on the wallboard", async () => wallboard.some((e) => e.campaignId === a), 20_000, 50);
    await waitFor("A's queue.update in the agent's browser", async () => heard.some((e) => e.campaignId === a), 2_000, 50);

    // Switch to B: B's queue reaches the agent, A's (served by another agent now) does not.
    await waitFor("A completed", async () => (await api.get(`/campaigns/${a}`)).body.data.status === "completed", 30_000);
    expect((await api.post(`/agents/${me.id}/logout`)).status).toBe(200);
    await waitFor("logged out", async () => (await state(me.id)) === "logged_out", 20_000);
    await login(me.id, b);
    await login(other.id, a);
    heard.length = 0;
    wallboard.length = 0;
    await addNumber(b);
    expect((await api.post(`/campaigns/${b}/start`)).status).toBe(200);
    await addNumber(a);
    expect((await api.post(`/campaigns/${a}/start`)).status).toBe(200);
    await waitFor("A's and B's queue.update on the wallboard", async () => wallboard.some((e) => e.campaignId === a) && wallboard.some((e) => e.campaignId === b), 20_000, 50);
    await waitFor("B's queue.update in the agent's browser", async () => heard.some((e) => e.campaignId === b), 2_000, 50);
    // A's queue.update went to the wallboard and to A's room in one broadcast: had the agent's
    // socket still been in that room, it would have had it by the time it had B's, plus a moment.
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.filter((e) => e.campaignId === a)).toEqual([]);
  });
});
