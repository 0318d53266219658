import { describe, expect, it } from "vitest";
import type { Client } from "../support/api";
import { allPages, dialerCampaign, waitFor, type DialerRig } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * Campaigns that route answered calls to a queue, over the simulator's real ARI and ESL sockets:
 * the agent who takes each call follows the queue's strategy and tiers, pacing counts only the
 * queue's agents, and PATCH /agents/{id}/state drives mod_callcenter's statuses.
 */

type TierSpec = { level: number; position: number };

let serial = 0;

/** Agents with phones at `2100 + n`, a queue with these tiers, a progressive campaign routed to it, all agents logged in and ready. */
async function queueCampaign(api: Client, queue: Record<string, unknown>, tiers: TierSpec[], readyBefore: (ids: number[]) => Promise<void> = async () => {}) {
  const tag = `${++serial}${Date.now().toString(36)}`;
  const q = await api.post("/queues", { name: `q${tag}`, wrap_up_sec: 0, ...queue });
  expect(q.status).toBe(201);
  const agents: { id: number; name: string }[] = [];
  for (const [i, t] of tiers.entries()) {
    const name = `Q${tag} L${t.level}P${t.position}`;
    const a = await api.post("/agents", { name, extension: String(2100 + serial * 10 + i) });
    expect(a.status).toBe(201);
    agents.push({ id: a.body.data.id, name });
    expect((await api.post(`/queues/${q.body.data.id}/tiers`, { agent: a.body.data.id, ...t })).status).toBe(201);
  }
  const c = await api.post("/campaigns", dialerCampaign(`Queue ${tag}`, { dial_mode: "progressive", wrapup_sec: 0, dial_timeout: 300, queue_id: q.body.data.id }));
  expect(c.status).toBe(201);
  const campaignId = c.body.data.id as number;
  for (const a of agents) expect((await api.post(`/agents/${a.id}/login`, { campaign_id: campaignId })).status).toBe(200);
  await waitFor("agents available", async () => ((await api.get(`/agents?campaign_id=${campaignId}`)).body.data as any[]).filter((a) => a.state === "available").length === agents.length, 20_000);
  await readyBefore(agents.map((a) => a.id));
  return { queueId: q.body.data.id as number, campaignId, agents };
}

/** People at fresh numbers who answer after `ringSec[i]` simulated seconds and stay on the line `talkSec` (from their answer, waiting included). */
function people(rig: DialerRig, ringSec: number[], talkSec = 10) {
  return ringSec.map((ring, i) => {
    const phone = `1555${String(7_000_000 + ++serial * 100 + i)}`;
    rig.sim.engine.sampler.script(phone, { kind: "human", ringSec: ring, talkSec, dtmf: [] });
    return phone;
  });
}

/**
 * Dials the numbers, waits for the campaign to complete, and gives its answered calls' agents in
 * the order the calls ended; `agentsSeen` collects the agents the runtime view counted meanwhile.
 */
async function run(api: Client, campaignId: number, phones: string[], agentsSeen?: number[]) {
  expect((await api.post(`/campaigns/${campaignId}/numbers/bulk`, { numbers: phones.map((phone_number) => ({ phone_number })) })).status).toBe(201);
  expect((await api.post(`/campaigns/${campaignId}/start`)).status).toBe(200);
  await waitFor(`campaign ${campaignId} completed`, async () => {
    if (agentsSeen) {
      const a = (await api.get(`/campaigns/${campaignId}/runtime`)).body.data?.agents;
      if (a) agentsSeen.push(a.available + a.on_call + a.wrapup + a.on_break);
    }
    return (await api.get(`/campaigns/${campaignId}`)).body.data.status === "completed";
  }, 90_000, 100);
  const cdr = (await allPages(api, `/cdr?campaign_id=${campaignId}`)).sort((a, b) => a.id - b.id);
  expect(cdr).toHaveLength(phones.length);
  for (const r of cdr) expect(r).toMatchObject({ disposition: "answered" });
  expect(cdr.filter((r) => r.abandoned)).toHaveLength(0);
  return cdr.map((r) => r.agent as string);
}

async function logoutAll(api: Client, campaignId: number, ids: number[]) {
  for (const id of ids) expect((await api.patch(`/agents/${id}/state`, { status: "Logged Out" })).status).toBe(200);
  await waitFor("agents logged out", async () => ((await api.get(`/agents?campaign_id=${campaignId}`)).body.data as any[]).length === 0, 15_000);
}

// Answers 0.6 s apart (60 simulated seconds at this time scale), each call 0.1 s long: every
// answer finds all the queue's agents ready, so the strategy alone decides who takes it.
const SPACED = [60, 120, 180, 240];

describe.each(["ari", "esl"] as const)("queues over %s", (driver) => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 33 }, { driver });

  it("round-robin gives the calls by position in turn; top-down always to the first position", { timeout: 120_000 }, async () => {
    const { api, rig } = suite;
    const rr = await queueCampaign(api, { strategy: "round-robin" }, [{ level: 1, position: 1 }, { level: 1, position: 2 }, { level: 1, position: 3 }]);
    const byTurn = await run(api, rr.campaignId, people(rig, SPACED));
    const [p1, p2, p3] = rr.agents.map((a) => a.name);
    expect(byTurn).toEqual([p1, p2, p3, p1]);
    await logoutAll(api, rr.campaignId, rr.agents.map((a) => a.id));

    const td = await queueCampaign(api, { strategy: "top-down" }, [{ level: 1, position: 2 }, { level: 1, position: 1 }, { level: 1, position: 3 }]);
    const topDown = await run(api, td.campaignId, people(rig, SPACED));
    expect(topDown).toEqual(Array(4).fill(td.agents[1].name));
    await logoutAll(api, td.campaignId, td.agents.map((a) => a.id));
  });

  it("tier rules: a level opening within the grace takes the waiting call; the person hears the queue's music on hold meanwhile", { timeout: 120_000 }, async () => {
    const { api, rig } = suite;
    // The level-1 agent is on break: each answer waits the tier rule's second for level 2.
    const q = await queueCampaign(api, { strategy: "longest-idle-agent", moh: "default", tier_rules: { apply: true, wait_second: 1 } }, [{ level: 1, position: 1 }, { level: 2, position: 1 }], async ([first]) => {
      expect((await api.patch(`/agents/${first}/state`, { status: "On Break", reason: "training" })).status).toBe(200);
      await waitFor("level 1 on break", async () => (await api.get(`/agents/${first}`)).body.data.state === "on_break", 10_000, 50);
    });
    // They stay on the line 3 s (300 simulated seconds) from their answer: the second of waiting, then the agent.
    const phones = people(rig, [30, 30], 300);
    // What each person heard, in order: music on hold started and stopped, then the agent's bridge.
    const heard = new Map<string, string[]>();
    const note = (number: string, what: string) => phones.includes(number) && heard.set(number, [...(heard.get(number) ?? []), what]);
    const onMoh = (ch: { number: string }, moh: string | null) => note(ch.number, moh === null ? "music stopped" : `music ${moh}`);
    const onBridge = (_b: unknown, ch: { number: string }) => note(ch.number, "bridged");
    rig.sim.engine.on("moh", onMoh);
    rig.sim.engine.on("enteredBridge", onBridge);
    try {
      const agents = await run(api, q.campaignId, phones);
      expect(agents).toEqual([q.agents[1].name, q.agents[1].name]);
    } finally {
      rig.sim.engine.off("moh", onMoh);
      rig.sim.engine.off("enteredBridge", onBridge);
    }
    const music = driver === "ari" ? "music default" : "music local_stream://default";
    for (const phone of phones) expect(heard.get(phone)).toEqual([music, "music stopped", "bridged"]);
    await logoutAll(api, q.campaignId, q.agents.map((a) => a.id));
  });

  it("tier rules: a level held back past the grace takes no call and is not dialed for", { timeout: 120_000 }, async () => {
    const { api, rig } = suite;
    const held = await queueCampaign(api, { strategy: "longest-idle-agent", tier_rules: { apply: true, wait_second: 30 } }, [{ level: 1, position: 1 }, { level: 1, position: 2 }, { level: 2, position: 1 }]);
    const seen: number[] = [];
    const agents = await run(api, held.campaignId, people(rig, [30, 30, 60, 60, 90, 90]), seen);
    expect(new Set(agents)).toEqual(new Set([held.agents[0].name, held.agents[1].name]));
    // Pacing counted the two level-1 agents, never the third.
    expect(seen.filter((n) => n > 0).length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBe(2);
    await logoutAll(api, held.campaignId, held.agents.map((a) => a.id));
  });

  it("PATCH /agents/{id}/state: Wrapup for the queue's wrap-up, then Available; On Break; Logged Out", { timeout: 60_000 }, async () => {
    const { api } = suite;
    const { campaignId, agents } = await queueCampaign(api, { wrap_up_sec: 2 }, [{ level: 1, position: 1 }]);
    const id = agents[0].id;
    const state = async () => (await api.get(`/agents/${id}`)).body.data.state as string;
    expect((await api.patch(`/agents/${id}/state`, { status: "Wrapup" })).status).toBe(200);
    await waitFor("wrap-up", async () => (await state()) === "wrapup", 10_000, 50);
    const wrapStart = Date.now();
    await waitFor("available after the queue's wrap-up", async () => (await state()) === "available", 10_000, 50);
    expect(Date.now() - wrapStart).toBeGreaterThanOrEqual(1500);
    expect((await api.patch(`/agents/${id}/state`, { status: "On Break", reason: "training" })).status).toBe(200);
    await waitFor("on break", async () => (await api.get(`/agents/${id}`)).body.data.break_reason === "training" && (await state()) === "on_break", 10_000, 50);
    expect((await api.patch(`/agents/${id}/state`, { status: "Available" })).status).toBe(200);
    await waitFor("available", async () => (await state()) === "available", 10_000, 50);
    await logoutAll(api, campaignId, [id]);
    const audit = (await api.get("/audit?per_page=50")).body.data as any[];
    const statuses = audit.filter((a) => a.action === "agent.state" && String(a.entity_id) === String(id)).map((a) => a.details.status);
    expect(statuses.sort()).toEqual(["Available", "Logged Out", "On Break", "Wrapup"]);
  });
});
