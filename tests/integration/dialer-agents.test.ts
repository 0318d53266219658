import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../support/api";
import { allPages, dialCounts, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";

/**
 * Campaigns with agents: Pacer calls each agent's phone once and holds it in a bridge, dials one
 * line per ready agent (progressive) and moves answered customers into the longest-idle agent's
 * bridge; a person nobody takes within 2 s hears the abandon message and counts as abandoned.
 */
const NUMBERS = Number(process.env.DIALER_TEST_AGENT_NUMBERS ?? 300);
const AGENTS = 10;

async function createAgents(api: Client, n: number, prefix: string) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await api.post("/agents", { name: `${prefix} ${i + 1}`, extension: String(2001 + i) });
    expect(r.status).toBe(201);
    ids.push(r.body.data.id);
  }
  return ids;
}

async function loginAll(api: Client, ids: number[], campaignId: number) {
  for (const id of ids) expect((await api.post(`/agents/${id}/login`, { campaign_id: campaignId })).status).toBe(200);
  await waitFor("agents available", async () => {
    const list = (await api.get(`/agents?campaign_id=${campaignId}`)).body.data as any[];
    return list.filter((a) => a.state === "available").length === ids.length;
  }, 20_000);
}

/** The most calls that overlapped in time, from the CDR. */
function peakConcurrency(cdr: { start_time: string; end_time: string }[]) {
  const edges = cdr.flatMap((r) => [
    { t: Date.parse(r.start_time + "Z"), d: 1 },
    { t: Date.parse(r.end_time + "Z"), d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (now += e.d));
  return peak;
}

describe("progressive campaign with simulated agents", () => {
  let rig: DialerRig;
  let api: Client;
  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 21 });
    ({ api } = await rig.start({ driver: "ari" }));
  });
  afterAll(() => rig?.close());

  it("connects answered customers to agents, one line per ready agent, and runs to completed", { timeout: 240_000 }, async () => {
    const created = await api.post("/campaigns", dialerCampaign("Progressive", {
      dial_mode: "progressive",
      wrapup_sec: 0,
    }));
    const id = created.body.data.id as number;
    const agentIds = await createAgents(api, AGENTS, "Prog");
    await loginAll(api, agentIds, id);
    const numbers = Array.from({ length: NUMBERS }, (_, i) => ({ phone_number: `1555${String(8_000_000 + i)}`, data: { name: `Lead ${i}` } }));
    expect((await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).status).toBe(201);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 180_000, 500);

    const counts = dialCounts(rig.sim);
    for (const n of numbers) expect(counts.get(n.phone_number)).toBe(1);
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(NUMBERS);
    const answered = cdr.filter((r) => r.disposition === "answered");
    expect(answered.length).toBeGreaterThan(NUMBERS * 0.3);
    const agentNames = new Set(answered.map((r) => r.agent));
    // Every answered customer reached an agent, and the work was spread over the team.
    for (const r of answered) expect(r.agent).toMatch(/^Prog \d+$/);
    expect(agentNames.size).toBeGreaterThanOrEqual(AGENTS - 2);
    expect(cdr.filter((r) => r.abandoned)).toHaveLength(0);
    expect(peakConcurrency(cdr)).toBeLessThanOrEqual(AGENTS);
    const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
    expect(stats).toMatchObject({ total: NUMBERS, pending: 0, calling: 0, total_calls: NUMBERS, answered_calls: answered.length, abandoned_calls: 0 });

    const agents = (await api.get(`/agents?campaign_id=${id}`)).body.data as any[];
    for (const a of agents) expect(a.state).toBe("available");
    // An agent's last call can be dispositioned: SALE finishes the lead.
    const withCall = agents.find((a) => a.last_attempt_id && cdr.some((r) => r.agent === a.name && r.disposition === "answered"));
    const dispo = await api.post(`/agents/${withCall.id}/disposition`, { disposition: "sale" });
    expect(dispo.status).toBe(200);
    expect(dispo.body.data).toMatchObject({ disposition: "SALE", lead_status: "completed" });
    for (const a of agentIds) expect((await api.post(`/agents/${a}/logout`)).status).toBe(200);
    await waitFor("agents logged out", async () => ((await api.get(`/agents?campaign_id=${id}`)).body.data as any[]).length === 0, 10_000);
  });

  it("plays the abandon message to a person no agent can take within 2 s, and counts it in the rates", { timeout: 60_000 }, async () => {
    const created = await api.post("/campaigns", dialerCampaign("Abandonment", {
      dial_mode: "progressive",
      wrapup_sec: 0,
      abandon_message: "custom/sorry-all-agents-busy",
      dial_timeout: 300,
    }));
    const id = created.body.data.id as number;
    const [agentId] = await createAgents(api, 1, "Solo");
    await loginAll(api, [agentId], id);
    // A person who picks up after 2.9 s (290 simulated seconds at this time scale; the ring timeout is 300).
    const phone = "15559990001";
    rig.sim.engine.sampler.script(phone, { kind: "human", ringSec: 290, talkSec: 300, dtmf: [] });
    const played: { channelId: string; media: string }[] = [];
    rig.sim.engine.on("playbackStarted", (pb) => played.push({ channelId: pb.channelId, media: pb.media }));
    expect((await api.post(`/campaigns/${id}/numbers`, { phone_number: phone })).status).toBe(201);
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(200);
    // While it rings, the only agent goes on break: more lines than agents.
    await waitFor("the call ringing", async () => [...rig.sim.engine.channels.values()].some((c) => c.number === phone));
    expect((await api.post(`/agents/${agentId}/state`, { state: "on_break" })).status).toBe(200);
    await waitFor("agent on break", async () => (await api.get(`/agents/${agentId}`)).body.data.state === "on_break", 5000, 50);
    // The break landed while the call was still ringing: nobody is there to take the person.
    expect([...rig.sim.engine.channels.values()].find((c) => c.number === phone)?.state).toBe("Ringing");
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 30_000);

    const [call] = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(call).toMatchObject({ disposition: "answered", agent: null });
    expect(call.abandoned ?? (await api.get(`/cdr/${call.id}`)).body.data.abandoned).toBeTruthy();
    expect(played.filter((p) => p.channelId === call.channel_id).map((p) => p.media)).toEqual(["sound:custom/sorry-all-agents-busy"]);
    // The person waited the full grace before the message: answered → hang-up covers 2 s plus the message.
    expect(Date.parse(call.end_time + "Z") - Date.parse(call.answer_time + "Z")).toBeGreaterThanOrEqual(2000);
    const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
    expect(stats).toMatchObject({ abandoned_calls: 1, answered_calls: 1, abandon_rate_24h: 1, abandon_rate_30d: 1 });
    const runtime = (await api.get(`/campaigns/${id}/runtime`)).body.data;
    expect(runtime).toMatchObject({ abandon_rate_30d: 1, abandon_cap: 0.03 });
    await api.post(`/agents/${agentId}/logout`);
  });
});
