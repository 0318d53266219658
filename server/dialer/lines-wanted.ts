import type { Campaign } from "@/db/schema";
import type { DialablePbx } from "../pbx/manager";
import { amdOn, amdSetting } from "./campaign-runtime";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import type { LiveCall } from "./live-call";
import { decidePacing } from "./pacing";

/**
 * How many lines a campaign opens now, by its mode, and on which PBX: agentless up to its
 * concurrent calls, progressive one per ready agent, predictive by pacing (never with nobody
 * working the campaign). Preview opens none here: agents choose (see preview-holds).
 */
export function linesWanted(ctx: DialerContext, rt: CampaignRuntime, pbxs: DialablePbx[]): { lines: number; pbx: DialablePbx | null } {
  const c = rt.row;
  if (c.dialMode === "agentless") {
    return { lines: Math.max(0, c.concurrentCalls - rt.calls.size), pbx: pickPbx(pbxs, ctx.calls) };
  }
  if (c.dialMode === "preview") return { lines: 0, pbx: null };
  // Agent modes dial where the campaign's agents are: the PBX holding their phones.
  const where = ctx.agents.pbxOfCampaign(c.id);
  const pbx = where ? (pbxs.find((p) => p.key === where) ?? null) : null;
  if (!pbx) {
    rt.decision = { lines: 0, mode: "idle", reason: where ? "the agents' PBX is not connected" : "no agent logged in", answerRate: 0, amd: amdOn(c) };
    return { lines: 0, pbx: null };
  }
  const pool = ctx.agents.counts(c.id);
  const notYetConnected = [...rt.calls].filter((x) => x.phase === "dialing" || x.phase === "ringing" || x.phase === "amd");
  if (c.dialMode === "progressive") {
    const lines = Math.max(0, pool.available - notYetConnected.length - rt.waiting.length);
    rt.decision = { lines, mode: lines > 0 ? "progressive" : "idle", reason: `${pool.available} agent(s) ready`, answerRate: 0, amd: amdOn(c) };
    return { lines, pbx };
  }
  // Predictive, never with nobody working the campaign.
  if (!agentsLetDial(c.dialMode, pool)) {
    rt.decision = { lines: 0, mode: "idle", reason: "no agent logged in and ready", answerRate: 0, amd: amdOn(c) };
    return { lines: 0, pbx };
  }
  const now = Date.now();
  const ab = rt.abandonment ?? { window30d: { liveAnswers: 0, abandoned: 0 }, window24h: { liveAnswers: 0, abandoned: 0 }, lastHour: { liveAnswers: 0, abandoned: 0 } };
  const decision = decidePacing({
    readyAgents: pool.available,
    inCall: ctx.agents.inCall(c.id).map((a) => ({ talkSec: (now - a.since) / 1000 })),
    wrapUp: ctx.agents.inWrapup(c.id).map((a) => ({ elapsedSec: (now - a.since) / 1000 })),
    ringing: notYetConnected.map((x) => ({ ringSec: (now - x.attempt.startedAt.getTime()) / 1000 })),
    waitingCallers: rt.waiting.length,
    outcomes: rt.stats,
    abandonment: { ...ab, cap: c.abandonCap },
    amd: amdSetting(c),
  });
  rt.decision = decision;
  return { lines: decision.lines, pbx };
}

/**
 * Whether a campaign's agents let it dial at all: agentless needs none; progressive and preview a
 * ready agent; predictive someone working the campaign (ready, on a call or in wrap-up), since
 * pacing may dial ahead for agents about to be free, but never with nobody there.
 */
export function agentsLetDial(mode: Campaign["dialMode"], pool: { available: number; onCall: number; wrapup: number }): boolean {
  if (mode === "agentless") return true;
  if (mode === "predictive") return pool.available + pool.onCall + pool.wrapup > 0;
  return pool.available > 0;
}

/** The connected PBX with the fewest of our calls on it. */
function pickPbx(pbxs: DialablePbx[], calls: Map<string, LiveCall>): DialablePbx | null {
  if (pbxs.length === 0) return null;
  if (pbxs.length === 1) return pbxs[0];
  const load = new Map(pbxs.map((p) => [p.key, 0]));
  for (const c of calls.values()) if (load.has(c.pbx.key)) load.set(c.pbx.key, load.get(c.pbx.key)! + 1);
  return [...pbxs].sort((a, b) => load.get(a.key)! - load.get(b.key)!)[0];
}
