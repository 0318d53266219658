import { describe, expect, it } from "vitest";
import type { AgentUpdateEvent, CallUpdateEvent } from "./realtime-events";
import { abandonGauge, agentsByState, applyWallboardEvent, callCounts, fromSnapshot, type WallboardCampaign, type WallboardSnapshot } from "./wallboard";

const campaign = (id: number, over: Partial<WallboardCampaign> = {}): WallboardCampaign => ({
  id,
  name: `C${id}`,
  status: "running",
  dialMode: "predictive",
  abandonCap: 0.03,
  abandon24h: { liveAnswers: 0, abandoned: 0 },
  abandon30d: { liveAnswers: 0, abandoned: 0 },
  dialable: 10,
  blockers: [],
  held: {},
  ...over,
});

const snapshot: WallboardSnapshot = {
  campaigns: [campaign(1), campaign(2)],
  agents: [{ id: 7, name: "Ann", campaignId: 1, state: "available", since: 1000 }],
  calls: [{ uuid: "a", campaignId: 1, state: "Ringing", agentId: null, since: 1000 }],
  ts: 1000,
};

const call = (uuid: string, state: CallUpdateEvent["state"], campaignId = 1, ts = 2000): CallUpdateEvent => ({
  type: "call.update",
  uuid,
  ts,
  campaignId,
  leadId: 1,
  number: "15550000000",
  state,
  sip: null,
  amd: null,
  agentId: null,
  billsec: 0,
});

const agent = (status: AgentUpdateEvent["status"], ts: number, campaignId: number | null = 1): AgentUpdateEvent => ({ type: "agent.update", agentId: 7, name: "Ann", campaignId, status, call: null, ts });

describe("the wallboard's state", () => {
  it("follows a call from ringing through AMD and waiting to connected, and drops it when it ends", () => {
    let b = fromSnapshot(snapshot);
    expect(callCounts(b)).toMatchObject({ Ringing: 1, Amd: 0 });
    b = applyWallboardEvent(b, { kind: "call", event: call("a", "Amd") }, 1);
    b = applyWallboardEvent(b, { kind: "call", event: call("b", "Dialing") }, 2);
    expect(callCounts(b)).toEqual({ Dialing: 1, Ringing: 0, Amd: 1, Waiting: 0, Connected: 0 });
    b = applyWallboardEvent(b, { kind: "call", event: call("a", "Waiting") }, 3);
    b = applyWallboardEvent(b, { kind: "call", event: call("a", "Connected") }, 4);
    b = applyWallboardEvent(b, { kind: "call", event: call("b", "Busy") }, 5);
    expect(callCounts(b)).toEqual({ Dialing: 0, Ringing: 0, Amd: 0, Waiting: 0, Connected: 1 });
    expect(b.updatedAt).toBe(5);
    // The end of a call the board never knew changes nothing.
    expect(applyWallboardEvent(b, { kind: "call", event: call("zzz", "Hangup") }, 6)).toBe(b);
  });

  it("keeps an agent's time in state across repeats of the same state, and restarts it on a change", () => {
    let b = fromSnapshot(snapshot);
    b = applyWallboardEvent(b, { kind: "agent", event: agent("Available", 5000) }, 1);
    expect(b.agents.get(7)?.since).toBe(1000);
    b = applyWallboardEvent(b, { kind: "agent", event: agent("On Call", 6000) }, 2);
    expect(agentsByState(b).on_call.map((a) => [a.name, a.since])).toEqual([["Ann", 6000]]);
    b = applyWallboardEvent(b, { kind: "agent", event: agent("Logged Out", 7000, null) }, 3);
    expect(b.agents.size).toBe(0);
  });

  it("shows only the campaigns asked for", () => {
    let b = fromSnapshot(snapshot, [2]);
    expect(applyWallboardEvent(b, { kind: "call", event: call("c", "Dialing", 1) }, 1)).toBe(b);
    b = applyWallboardEvent(b, { kind: "campaigns", message: { campaigns: [campaign(1), campaign(2, { dialable: 3 })], ts: 1 } }, 2);
    expect(b.campaigns.map((c) => [c.id, c.dialable])).toEqual([[2, 3]]);
  });

  it("takes pacing from kpi.tick, and removes a campaign that stops", () => {
    let b = fromSnapshot(snapshot);
    const tick = { type: "kpi.tick", scope: "campaign", id: "1", asr5m: 0, acd: 0, cps: 0, cc: 0, abandon60s: 0, humanRate: 0, amd: { HUMAN: 0, MACHINE: 0, NOTSURE: 0 }, windowSec: 60, pacing: { mode: "predictive", lines: 3, reason: "r", ratio: 1.5 }, ts: 1 } as const;
    b = applyWallboardEvent(b, { kind: "kpi", event: tick }, 9);
    expect(b.pacing.get(1)).toMatchObject({ lines: 3, ratio: 1.5 });
    b = applyWallboardEvent(b, { kind: "campaign", event: { type: "campaign.update", campaign_id: 1, status: "paused", change: "status", ts: "" } }, 10);
    expect(b.campaigns[0].status).toBe("paused");
    b = applyWallboardEvent(b, { kind: "campaign", event: { type: "campaign.update", campaign_id: 1, status: "stopped", change: "status", ts: "" } }, 11);
    expect(b.campaigns.map((c) => c.id)).toEqual([2]);
  });

  it("sums abandonment over the campaigns against the tightest cap", () => {
    const g = abandonGauge([campaign(1, { abandon24h: { liveAnswers: 90, abandoned: 3 } }), campaign(2, { abandonCap: 0.02, abandon24h: { liveAnswers: 10, abandoned: 1 } })]);
    expect(g).toEqual({ rate: 0.04, cap: 0.02, liveAnswers: 100, abandoned: 4 });
    expect(abandonGauge([])).toEqual({ rate: 0, cap: 0.03, liveAnswers: 0, abandoned: 0 });
  });
});
