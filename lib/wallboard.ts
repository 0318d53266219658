import type { AgentState, DialMode } from "./api-types";
import { STATE_OF_STATUS } from "./agent-states";
import type { AgentUpdateEvent, CallState, CallUpdateEvent, CampaignUpdateEvent, KpiTickEvent } from "./realtime-events";

/**
 * The wallboard's figures, shared by the server (which sends a snapshot when a browser subscribes
 * and the campaigns' held-back counts every few seconds) and the browser (which keeps them current
 * from the realtime events every supervisor already hears). Socket messages:
 *
 * - `wallboard.subscribe` (browser → server, with an ack): `{ campaign_ids?: number[] }`; the ack is
 *   `{ ok: true, snapshot }` or `{ ok: false, error }`.
 * - `wallboard.campaigns` (server → subscribed browsers): the campaigns' figures, every few seconds.
 * - `wallboard.unsubscribe`: stop the periodic figures.
 */

/**
 * Why leads wait. Campaign-wide reasons hold back every lead that could otherwise be dialed now;
 * lead reasons are counted lead by lead. A lead held back by a lead reason is not counted again
 * under a campaign reason.
 */
export const HOLD_REASONS = ["paused", "schedule", "no_agent", "trunk_cap", "rate_cap", "abandon_cap", "outside_hours", "dnc", "max_attempts", "retry_wait"] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const HOLD_REASON_INFO: Record<HoldReason, { label: string; scope: "campaign" | "lead"; hint: string }> = {
  paused: { label: "Paused", scope: "campaign", hint: "The campaign is paused: no new calls are placed." },
  schedule: { label: "Schedule closed", scope: "campaign", hint: "Outside the campaign's schedule (days, hours, dates)." },
  no_agent: { label: "No agent ready", scope: "campaign", hint: "Nobody is ready to take a call on this campaign." },
  trunk_cap: { label: "Trunks full", scope: "campaign", hint: "Every trunk is at its channel or calls-per-second cap." },
  rate_cap: { label: "Call rate reached", scope: "campaign", hint: "The campaign started as many calls as its frequency (calls per minute) allows: the next goes out on schedule." },
  abandon_cap: { label: "Abandon cap reached", scope: "campaign", hint: "The abandonment rate reached the cap: predictive pacing is held to one line per ready agent." },
  outside_hours: { label: "Outside calling hours", scope: "lead", hint: "It is outside the permitted calling hours where the lead is." },
  dnc: { label: "Do not call", scope: "lead", hint: "The number to call is on a do-not-call list." },
  max_attempts: { label: "Attempts used up", scope: "lead", hint: "Every number was tried as often as the retry rules allow, nobody reached." },
  retry_wait: { label: "Retry or callback later", scope: "lead", hint: "Waiting for its retry delay or a scheduled callback." },
};

export type WallboardCampaign = {
  id: number;
  name: string;
  status: "running" | "paused";
  dialMode: DialMode;
  /** The abandonment cap (fraction) and the rates the law counts, from the CDR. */
  abandonCap: number;
  abandon24h: { liveAnswers: number; abandoned: number };
  abandon30d: { liveAnswers: number; abandoned: number };
  /** Leads that pass every lead rule now: dialed unless a campaign reason holds them back. */
  dialable: number;
  /** The campaign-wide reasons in effect, whether or not any lead is waiting on them now. */
  blockers: HoldReason[];
  /** Leads held back, by reason (only reasons holding back at least one). */
  held: Partial<Record<HoldReason, number>>;
};

export type WallboardAgent = { id: number; name: string; campaignId: number | null; state: AgentState; since: number };

/** A call on the board: out (dialing, ringing), in AMD, waiting for an agent, or connected. */
export type WallboardCall = { uuid: string; campaignId: number; state: LiveCallState; agentId: number | null; since: number };
export type LiveCallState = Extract<CallState, "Dialing" | "Ringing" | "Amd" | "Waiting" | "Connected">;
const LIVE_CALL_STATES: ReadonlySet<CallState> = new Set<CallState>(["Dialing", "Ringing", "Amd", "Waiting", "Connected"]);

export type WallboardPacing = { mode: string; lines: number; reason: string; ratio: number | null; at: number };

export type WallboardSnapshot = { campaigns: WallboardCampaign[]; agents: WallboardAgent[]; calls: WallboardCall[]; ts: number };
export type WallboardCampaignsMessage = { campaigns: WallboardCampaign[]; ts: number };
export type WallboardSubscribeAck = { ok: true; snapshot: WallboardSnapshot } | { ok: false; error: string };

/** What the board shows: the snapshot, kept current event by event. */
export type WallboardState = {
  campaigns: WallboardCampaign[];
  agents: Map<number, WallboardAgent>;
  calls: Map<string, WallboardCall>;
  pacing: Map<number, WallboardPacing>;
  /** Campaign ids asked for (null: all). */
  only: Set<number> | null;
  /** When the board last changed (ms): a test, or a person, sees it move. */
  updatedAt: number;
};

export const emptyWallboard = (): WallboardState => ({ campaigns: [], agents: new Map(), calls: new Map(), pacing: new Map(), only: null, updatedAt: 0 });

export function fromSnapshot(s: WallboardSnapshot, only: number[] | null = null): WallboardState {
  return {
    campaigns: s.campaigns,
    agents: new Map(s.agents.map((a) => [a.id, a])),
    calls: new Map(s.calls.map((c) => [c.uuid, c])),
    pacing: new Map(),
    only: only ? new Set(only) : null,
    updatedAt: s.ts,
  };
}

const shown = (state: WallboardState, campaignId: number | null) => !state.only || (campaignId !== null && state.only.has(campaignId));

export type WallboardEvent =
  | { kind: "agent"; event: AgentUpdateEvent }
  | { kind: "call"; event: CallUpdateEvent }
  | { kind: "kpi"; event: KpiTickEvent }
  | { kind: "campaign"; event: CampaignUpdateEvent }
  | { kind: "campaigns"; message: WallboardCampaignsMessage };

/** The board after one event; the same state object when the event changes nothing on it. */
export function applyWallboardEvent(state: WallboardState, e: WallboardEvent, now: number): WallboardState {
  switch (e.kind) {
    case "agent": {
      const { event } = e;
      const agents = new Map(state.agents);
      const agentState = STATE_OF_STATUS[event.status];
      if (agentState === "logged_out" || !shown(state, event.campaignId)) agents.delete(event.agentId);
      else {
        const before = agents.get(event.agentId);
        // A repeat of the same state (a screen pop, a preview) does not restart the clock.
        const since = before && before.state === agentState ? before.since : event.ts;
        agents.set(event.agentId, { id: event.agentId, name: event.name, campaignId: event.campaignId, state: agentState, since });
      }
      return { ...state, agents, updatedAt: now };
    }
    case "call": {
      const { event } = e;
      if (!shown(state, event.campaignId)) return state;
      const calls = new Map(state.calls);
      if (LIVE_CALL_STATES.has(event.state)) {
        const before = calls.get(event.uuid);
        const live = event.state as LiveCallState;
        calls.set(event.uuid, { uuid: event.uuid, campaignId: event.campaignId, state: live, agentId: event.agentId, since: before && before.state === live ? before.since : event.ts });
      } else if (!calls.delete(event.uuid)) return state;
      return { ...state, calls, updatedAt: now };
    }
    case "kpi": {
      const { event } = e;
      if (event.scope !== "campaign" || !event.pacing) return state;
      const id = Number(event.id);
      if (!shown(state, id)) return state;
      const pacing = new Map(state.pacing);
      pacing.set(id, { mode: event.pacing.mode, lines: event.pacing.lines, reason: event.pacing.reason, ratio: event.pacing.ratio ?? null, at: now });
      return { ...state, pacing, updatedAt: now };
    }
    case "campaign": {
      const { event } = e;
      const i = state.campaigns.findIndex((c) => c.id === event.campaign_id);
      if (i === -1) return state;
      const campaigns = [...state.campaigns];
      // Stopped, completed or deleted campaigns leave the board; the next figures bring the rest.
      if (event.status === "running" || event.status === "paused") campaigns[i] = { ...campaigns[i], status: event.status };
      else if (event.change === "deleted" || event.status) campaigns.splice(i, 1);
      else return state;
      return { ...state, campaigns, updatedAt: now };
    }
    case "campaigns":
      return { ...state, campaigns: state.only ? e.message.campaigns.filter((c) => state.only!.has(c.id)) : e.message.campaigns, updatedAt: now };
  }
}

/** Calls by where they are, over the campaigns on the board. */
export function callCounts(state: WallboardState): Record<LiveCallState, number> {
  const counts: Record<LiveCallState, number> = { Dialing: 0, Ringing: 0, Amd: 0, Waiting: 0, Connected: 0 };
  for (const c of state.calls.values()) counts[c.state] += 1;
  return counts;
}

/** Logged-in agents by state, longest in their state first. */
export function agentsByState(state: WallboardState): Record<Exclude<AgentState, "logged_out">, WallboardAgent[]> {
  const out: Record<Exclude<AgentState, "logged_out">, WallboardAgent[]> = { available: [], on_call: [], wrapup: [], on_break: [] };
  for (const a of state.agents.values()) if (a.state !== "logged_out") out[a.state].push(a);
  for (const list of Object.values(out)) list.sort((a, b) => a.since - b.since);
  return out;
}

/** Abandoned over live answers across the campaigns on the board, and the tightest cap among them. */
export function abandonGauge(campaigns: WallboardCampaign[], window: "abandon24h" | "abandon30d" = "abandon24h"): { rate: number; cap: number; liveAnswers: number; abandoned: number } {
  let liveAnswers = 0;
  let abandoned = 0;
  let cap = campaigns.length ? Infinity : 0.03;
  for (const c of campaigns) {
    liveAnswers += c[window].liveAnswers;
    abandoned += c[window].abandoned;
    cap = Math.min(cap, c.abandonCap);
  }
  return { rate: liveAnswers > 0 ? abandoned / liveAnswers : 0, cap, liveAnswers, abandoned };
}
