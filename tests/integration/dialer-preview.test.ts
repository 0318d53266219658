import { describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import type { AgentUpdateEvent } from "@/lib/realtime-events";
import type { Client } from "../support/api";
import { agentUser, allPages, dialCounts, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * Preview mode: a ready agent is shown one lead (claimed under the normal lease), and nothing is
 * dialed until the agent says so. Skip gives the lead back for later without counting an attempt;
 * Dial calls it with the agent reserved, so the customer joins that agent's line.
 */
function connect(base: string, cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(base, { path: "/socket.io", transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

/** The lead the console shows for preview, once it is there. */
async function previewShown(api: Client, phone?: string) {
  return waitFor(`a preview lead${phone ? ` (${phone})` : ""}`, async () => {
    const call = (await api.get("/agents/me")).body.data.call;
    return call?.state === "preview" && call.preview && (!phone || call.phone_number === phone) ? call : undefined;
  }, 20_000, 100);
}

/** A preview campaign dialing through its own trunk_value, agents free at once after each call, leads shown until the agent chooses. */
async function previewCampaign(admin: Client, name: string): Promise<number> {
  const created = await admin.post("/campaigns", dialerCampaign(name, { dial_mode: "preview", wrapup_sec: 0, preview_timeout_sec: 0 }));
  expect(created.status).toBe(201);
  return created.body.data.id as number;
}

describe("preview campaign with a simulated agent", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 51 }, { driver: "ari" });

  it("shows one lead at a time, dials only what the agent clicks, connects it to that agent, and completes", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base } = suite;
    const A = "15557010001";
    const B = "15557010002";
    const C = "15557010003";
    // People who answer at once and talk for 3 s (at this time scale; the ring timeout is 30 simulated seconds); C is busy.
    rig.sim.engine.sampler.script(A, { kind: "human", ringSec: 10, talkSec: 300, dtmf: [] });
    rig.sim.engine.sampler.script(B, { kind: "human", ringSec: 10, talkSec: 300, dtmf: [] });
    rig.sim.engine.sampler.script(C, { kind: "busy", ringSec: 5 });
    const created = await admin.post("/campaigns", dialerCampaign("Preview", {
      dial_mode: "preview",
      wrapup_sec: 0,
      // A skipped lead comes back after the retry delay.
      retry_delay: 2,
      preview_timeout_sec: 0,
    }));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ dial_mode: "preview", preview_timeout_sec: 0, preview_timeout_action: "skip" });
    const id = created.body.data.id as number;
    const numbers = [A, B, C].map((phone_number, i) => ({ phone_number, data: { name: `Lead ${i}`, company: `Co ${i}` } }));
    expect((await admin.post(`/campaigns/${id}/numbers/bulk`, { numbers })).status).toBe(201);
    const leadId = new Map((await allPages(admin, `/campaigns/${id}/numbers`)).map((l) => [l.phone_number as string, l.id as number]));

    const me = await agentUser(admin, base, "Preview Agent", "2101");
    const other = await agentUser(admin, base, "Other Agent", "2102");
    const socket = await connect(base, me.cookie);
    const pops: AgentUpdateEvent[] = [];
    socket.on("agent.update", (e: AgentUpdateEvent) => pops.push(e));
    try {
      // Nothing is shown before the agent is there: 409.
      expect((await me.api.post(`/agents/${me.id}/preview/dial`)).status).toBe(409);
      expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
      await waitFor("agent available", async () => (await me.api.get(`/agents/${me.id}`)).body.data.state === "available", 20_000);
      expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);

      // The first lead is shown: on the console and in a realtime screen pop.
      const first = await previewShown(me.api, A);
      expect(first.lead).toMatchObject({ id: leadId.get(A), phone_number: A, data: { name: "Lead 0", company: "Co 0" } });
      expect(first.preview).toEqual({ expires_at: null, on_timeout: "skip" });
      await waitFor("preview pop over Socket.IO", async () => pops.some((e) => e.agentId === me.id && e.preview?.number === A && e.preview.data?.name === "Lead 0"), 5000, 50);
      expect((await admin.get(`/numbers/${leadId.get(A)}`)).body.data).toMatchObject({ status: "calling", attempts: 1 });
      // Held for the agent, not dialed.
      await new Promise((r) => setTimeout(r, 1000));
      expect(dialCounts(rig.sim).get(A)).toBeUndefined();
      // An agent acts only on itself; an agent with nothing shown gets 409.
      expect((await other.api.post(`/agents/${me.id}/preview/skip`)).status).toBe(403);
      expect((await admin.post(`/agents/${other.id}/preview/dial`)).status).toBe(409);

      // Skip: A goes back uncounted, and B is shown (A is not due again for 2 s).
      const skip = await me.api.post(`/agents/${me.id}/preview/skip`);
      expect(skip.status).toBe(200);
      expect(skip.body.data).toMatchObject({ agent_id: me.id, lead_id: leadId.get(A), phone_number: A, action: "skip" });
      await previewShown(me.api, B);
      const skipped = (await admin.get(`/numbers/${leadId.get(A)}`)).body.data;
      expect(skipped).toMatchObject({ status: "pending", attempts: 0 });
      expect(dialCounts(rig.sim).get(A)).toBeUndefined();

      // Dial B (a supervisor may act for the agent too): connected to this agent.
      const dial = await admin.post(`/agents/${me.id}/preview/dial`);
      expect(dial.status).toBe(200);
      expect(dial.body.data).toMatchObject({ lead_id: leadId.get(B), action: "dial" });
      await waitFor("B dialed", async () => dialCounts(rig.sim).get(B) === 1, 10_000, 50);
      await waitFor("B connected to the agent", async () => (await me.api.get(`/agents/${me.id}`)).body.data.state === "on_call", 10_000, 50);
      const bCall = await waitFor("B's call record", async () => (await allPages(admin, `/cdr?campaign_id=${id}`)).find((r) => r.destination === B), 20_000);
      expect(bCall).toMatchObject({ disposition: "answered", agent: "Preview Agent", agent_id: me.id, abandoned: 0 });
      // The agent's word on the call, as in progressive mode.
      await waitFor("B dispositioned", async () => (await me.api.post(`/agents/${me.id}/disposition`, { disposition: "SALE" })).status === 200, 10_000);

      // A is back after its delay; then C. Both dialed on the agent's word only.
      await previewShown(me.api, A);
      expect((await me.api.post(`/agents/${me.id}/preview/dial`)).status).toBe(200);
      await previewShown(me.api, C);
      expect(dialCounts(rig.sim).get(C)).toBeUndefined();
      expect((await me.api.post(`/agents/${me.id}/preview/dial`)).status).toBe(200);
      await waitFor("campaign completed", async () => (await admin.get(`/campaigns/${id}`)).body.data.status === "completed", 30_000, 300);

      const counts = dialCounts(rig.sim);
      for (const n of [A, B, C]) expect(counts.get(n)).toBe(1);
      const customers = rig.sim.engine.callLog.filter((c) => c.number.startsWith("1555701"));
      expect(customers.map((c) => c.number)).toEqual([B, A, C]);
      const cdr = await allPages(admin, `/cdr?campaign_id=${id}`);
      expect(cdr).toHaveLength(3);
      const byNumber = new Map(cdr.map((r) => [r.destination, r]));
      expect(byNumber.get(A)).toMatchObject({ disposition: "answered", agent: "Preview Agent", agent_id: me.id, abandoned: 0 });
      expect(byNumber.get(C)).toMatchObject({ disposition: "busy", agent: "Preview Agent" });
      expect((await admin.get(`/numbers/${leadId.get(A)}`)).body.data).toMatchObject({ status: "answered", attempts: 1 });
      expect((await admin.get(`/numbers/${leadId.get(B)}`)).body.data).toMatchObject({ status: "completed", disposition: "SALE" });
      // Every choice is on the audit log.
      const audit = (await admin.get(`/audit?entity_type=agent&entity_id=${me.id}&per_page=100`)).body.data as any[];
      expect(audit.filter((a) => a.action === "agent.preview_dial")).toHaveLength(3);
      expect(audit.filter((a) => a.action === "agent.preview_skip")).toHaveLength(1);
    } finally {
      socket.close();
      await me.api.post(`/agents/${me.id}/logout`);
    }
  });

  it("dials preview leads through the campaign's trunks: failover from an unreachable trunk, and the channel cap", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base } = suite;
    const F = "15557030001";
    const G = "15557030002";
    for (const n of [F, G]) rig.sim.engine.sampler.script(n, { kind: "human", ringSec: 10, talkSec: 200, dtmf: [] });
    const ended = new Map<string, number>();
    rig.sim.engine.on("hangup", (ch) => ended.set(ch.id, Date.now()));
    const down = (await admin.post("/trunks", { name: "preview-down", type: "pjsip", value: "preview_down" })).body.data;
    const single = (await admin.post("/trunks", { name: "preview-single", type: "pjsip", value: "preview_single", max_channels: 1 })).body.data;
    rig.sim.engine.setTrunkCondition(down.value, "unavailable");
    const id = await previewCampaign(admin, "Preview trunks");
    expect((await admin.post(`/campaigns/${id}/numbers/bulk`, { numbers: [{ phone_number: F }, { phone_number: G }] })).status).toBe(201);
    expect((await admin.put(`/campaigns/${id}/trunks`, { trunks: [{ trunk_id: down.id }, { trunk_id: single.id, priority: 1 }] })).status).toBe(200);
    const team = [await agentUser(admin, base, "Trunk Agent 1", "2104"), await agentUser(admin, base, "Trunk Agent 2", "2105")];
    try {
      for (const a of team) expect((await a.api.post(`/agents/${a.id}/login`, { campaign_id: id })).status).toBe(200);
      for (const a of team) await waitFor("agent available", async () => (await a.api.get(`/agents/${a.id}`)).body.data.state === "available", 20_000);
      expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);
      for (const a of team) await previewShown(a.api);
      // Both agents dial at once; the trunk that can carry them has one channel.
      const dials = await Promise.all(team.map((a) => a.api.post(`/agents/${a.id}/preview/dial`)));
      for (const d of dials) expect(d.status).toBe(200);
      await waitFor("campaign completed", async () => (await admin.get(`/campaigns/${id}`)).body.data.status === "completed", 60_000, 300);
    } finally {
      rig.sim.engine.setTrunkCondition(down.value, null);
      for (const a of team) await a.api.post(`/agents/${a.id}/logout`);
    }
    const log = rig.sim.engine.callLog.filter((c) => c.number === F || c.number === G).sort((x, y) => x.at.getTime() - y.at.getTime());
    // The unreachable trunk made no channel; each call failed over to the next priority.
    expect(log.map((c) => c.trunk)).toEqual([single.value, single.value]);
    // One channel: the second call went out only once the first was over.
    expect(log[1].at.getTime()).toBeGreaterThanOrEqual(ended.get(log[0].channelId)!);
    const cdr = await allPages(admin, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(2);
    for (const r of cdr) expect(r).toMatchObject({ trunk: single.name, trunk_id: single.id, disposition: "answered" });
    expect(new Set(cdr.map((r) => r.agent_id))).toEqual(new Set(team.map((a) => a.id)));
  });

  it("accepts a disposition while the call is still up, and applies it when the call ends", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base } = suite;
    const H = "15557040001";
    // Talks for 4 s at this time scale.
    rig.sim.engine.sampler.script(H, { kind: "human", ringSec: 10, talkSec: 400, dtmf: [] });
    const id = await previewCampaign(admin, "Disposition during the call");
    expect((await admin.post(`/campaigns/${id}/numbers`, { phone_number: H })).status).toBe(201);
    const [lead] = await allPages(admin, `/campaigns/${id}/numbers`);
    const me = await agentUser(admin, base, "Early Agent", "2106");
    try {
      expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
      await waitFor("agent available", async () => (await me.api.get(`/agents/${me.id}`)).body.data.state === "available", 20_000);
      expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);
      await previewShown(me.api, H);
      expect((await me.api.post(`/agents/${me.id}/preview/dial`)).status).toBe(200);
      await waitFor("the agent talking to H", async () => (await me.api.get(`/agents/${me.id}`)).body.data.state === "on_call", 10_000, 50);

      const early = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "SALE", notes: "said yes before hanging up" });
      expect(early.status).toBe(202);
      expect(early.body.message).toMatch(/applied when the call ends/);
      expect(early.body.data).toMatchObject({ lead_id: lead.id, disposition: "SALE", lead_status: "calling", next_attempt_at: null, pending: true });
      // Nothing changes while the call is up.
      expect([...rig.sim.engine.channels.values()].some((c) => c.number === H)).toBe(true);
      expect((await admin.get(`/numbers/${lead.id}`)).body.data).toMatchObject({ status: "calling", disposition: null });

      await waitFor("campaign completed", async () => (await admin.get(`/campaigns/${id}`)).body.data.status === "completed", 30_000, 300);
      const [call] = await allPages(admin, `/cdr?campaign_id=${id}`);
      expect(call).toMatchObject({ destination: H, disposition: "answered", agent_id: me.id, lead_disposition: "SALE" });
      expect((await admin.get(`/numbers/${lead.id}`)).body.data).toMatchObject({ status: "completed", disposition: "SALE", attempts: 1 });
      const audit = (await admin.get(`/audit?entity_type=lead&entity_id=${lead.id}&per_page=100`)).body.data as any[];
      expect(audit.filter((a) => a.action === "lead.disposition")).toHaveLength(1);
    } finally {
      await me.api.post(`/agents/${me.id}/logout`);
    }
  });

  it("gives a lead back when its preview times out, and after a restart", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base } = suite;
    const D = "15557020001";
    const E = "15557020002";
    const created = await admin.post("/campaigns", dialerCampaign("Preview timeout", {
      dial_mode: "preview",
      wrapup_sec: 0,
      retry_delay: 600,
      preview_timeout_sec: 1,
    }));
    const id = created.body.data.id as number;
    expect((await admin.post(`/campaigns/${id}/numbers/bulk`, { numbers: [{ phone_number: D }, { phone_number: E }] })).status).toBe(201);
    const leadId = new Map((await allPages(admin, `/campaigns/${id}/numbers`)).map((l) => [l.phone_number as string, l.id as number]));
    const me = await agentUser(admin, base, "Timeout Agent", "2103");
    expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
    await waitFor("agent available", async () => (await me.api.get(`/agents/${me.id}`)).body.data.state === "available", 20_000);
    expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);
    const shown = await previewShown(me.api, D);
    expect(shown.preview.on_timeout).toBe("skip");
    expect(Date.parse(shown.preview.expires_at + "Z")).toBeGreaterThan(Date.now() - 2000);
    // Left alone, D is skipped by itself and E is shown.
    await previewShown(me.api, E);
    const d = (await admin.get(`/numbers/${leadId.get(D)}`)).body.data;
    expect(d).toMatchObject({ status: "pending", attempts: 0 });

    // E is in front of the agent when Pacer is killed: the next Pacer gives it back untouched.
    expect((await admin.get(`/numbers/${leadId.get(E)}`)).body.data).toMatchObject({ status: "calling", attempts: 1 });
    await rig.pacers[0].kill();
    const second = await rig.start({ driver: "ari" });
    await waitFor("E given back after the restart", async () => {
      const e = (await second.api.get(`/numbers/${leadId.get(E)}`)).body.data;
      return e.status === "pending" && e.attempts === 0;
    }, 60_000, 300);
    expect(dialCounts(rig.sim).get(D)).toBeUndefined();
    expect(dialCounts(rig.sim).get(E)).toBeUndefined();
    expect((await second.api.post(`/campaigns/${id}/stop`)).status).toBe(200);
  });
});
