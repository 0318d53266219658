import type { AttemptEvidence, Campaign, EvidenceAbandonWindow } from "@/db/schema";
import type { DncListState } from "../dnc/queries";
import { localTimeParts, type ZoneSource } from "./compliance";
import { MIN_DIAL_TIMEOUT_SEC, type CampaignRuntime } from "./dialer-context";
import type { AbandonWindow } from "./pacing";

/**
 * Compliance evidence: the decision that let an attempt out, kept on the attempt row and written
 * by the same insert. Everything in it is already known where the claim screens its leads (the
 * verdict's zone, the tick's abandonment figures and pacing decision, the campaign's settings);
 * the only read is the DNC lists' newest entries, taken with the claim's DNC check.
 */

/** What one claim's attempts share: everything but the called party's zone and wall clock. */
export type EvidenceBasis = Omit<AttemptEvidence, "zone" | "zone_source" | "local_date" | "local_time" | "local_weekday">;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

function windowOf(w: AbandonWindow): EvidenceAbandonWindow {
  return { live_answers: w.liveAnswers, abandoned: w.abandoned, rate: w.liveAnswers > 0 ? w.abandoned / w.liveAnswers : 0 };
}

/** The ring timeout the originate asks for (never under the legal floor). */
export const ringTimeoutSec = (c: Campaign) => Math.max(MIN_DIAL_TIMEOUT_SEC, c.dialTimeout);

/**
 * The shared part of a claim's evidence. `readyAgents`: the campaign's ready agents as pacing saw
 * them; the ratio is lines opened per ready agent (null with none ready: agentless, say).
 */
export function evidenceBasis(rt: CampaignRuntime | null, c: Campaign, dncLists: DncListState[], readyAgents: number, now: Date): EvidenceBasis {
  const ab = rt?.abandonment ?? null;
  const d = rt?.decision ?? null;
  return {
    v: 1,
    decided_at: now.toISOString(),
    calling_window: { start: c.callingHoursStart, end: c.callingHoursEnd },
    campaign_zone: c.timezone,
    schedule: (c.schedule as Record<string, unknown> | null) ?? null,
    dnc_lists: dncLists,
    abandonment: ab
      ? { window_24h: windowOf(ab.window24h), window_30d: windowOf(ab.window30d), last_hour: windowOf(ab.lastHour), cap: c.abandonCap, rule: c.abandonRule }
      : null,
    pacing: d ? { mode: d.mode, lines: d.lines, ready_agents: readyAgents, ratio: readyAgents > 0 ? d.lines / readyAgents : null, answer_rate: d.answerRate, reason: d.reason } : null,
    ring_timeout_sec: ringTimeoutSec(c),
  };
}

/** One attempt's evidence: the claim's basis with the called party's zone, its source and their wall clock then. */
export function attemptEvidence(basis: EvidenceBasis, zone: string, source: ZoneSource, at: Date): AttemptEvidence {
  const local = localTimeParts(zone, at);
  return {
    ...basis,
    zone,
    zone_source: source,
    local_date: local.date,
    local_time: `${pad2(Math.floor(local.minutes / 60))}:${pad2(local.minutes % 60)}`,
    local_weekday: local.weekday,
  };
}
