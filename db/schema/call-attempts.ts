import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { serialId, timestampTz } from "./columns";

/**
 * Live dialing state: one row per call placed, written before the originate is sent, so a crash
 * between the two loses nothing. When the call ends the row is closed and its CDR written.
 */
/**
 * `claimed`: written with the lead's claim, the PBX not yet asked; `preview`: claimed and shown to
 * an agent who has not yet chosen to dial it; `originating`: written just before the originate goes
 * out. After a crash a claimed or preview attempt is safe to give back (nobody was called), an
 * originating one is not (somebody may have been).
 */
export const ATTEMPT_STATES = ["claimed", "preview", "originating", "ringing", "answered", "connected", "ended"] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/**
 * How an attempt ended, in the dialer's words: the PBX's outcome refined by what Pacer saw (AMD,
 * abandonment, an operator's stop). `lost`: the dialer died while the call was up or ringing, so
 * nobody knows how it ended.
 */
export const ATTEMPT_OUTCOMES = ["answered", "machine", "abandoned", "busy", "no_answer", "congestion", "unavailable", "failed", "cancelled", "lost"] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * The agent's word on the call, with its notes: given while the call was still up it is kept here
 * and applied when the call ends; given after, it is kept here too, for the lead's history.
 */
export type EarlyDisposition = { disposition: string; callbackAt: string | null; notes: string | null; userId: number | null };

/** Where the called party's time zone was told from (see server/dialer/compliance/time-zones.ts). */
export type EvidenceZoneSource = "lead" | "state" | "zip" | "area_code" | "country" | "fallback";

/** An abandonment window as the dialer saw it: live answers, abandoned calls, their ratio. */
export type EvidenceAbandonWindow = { live_answers: number; abandoned: number; rate: number };

/**
 * The decision that let an attempt out, written with the attempt itself (one insert), so no attempt
 * exists without it. Keys are snake_case as they leave the API and the ledger unchanged.
 */
export type AttemptEvidence = {
  /** Evidence format, bumped when a field changes meaning. */
  v: 1;
  /** The instant the decision was made (the claim's clock). */
  decided_at: string;
  zone: string;
  zone_source: EvidenceZoneSource;
  /** The called party's wall clock at decision: "YYYY-MM-DD", "HH:MM", ISO weekday. */
  local_date: string;
  local_time: string;
  local_weekday: number;
  /** The called party's permitted hours ("HH:MM", end may be "24:00"; end <= start wraps). */
  calling_window: { start: string; end: string };
  /** The campaign's own schedule, read in its zone (null: no restriction). */
  campaign_zone: string;
  schedule: Record<string, unknown> | null;
  /** The do-not-call lists the number was checked against, each with its newest entry's time. */
  dnc_lists: { scope: "system" | "campaign"; campaign_id: number | null; updated_at: string | null }[];
  /** The campaign's abandonment per window at that moment (as pacing used it) and its cap. */
  abandonment: { window_24h: EvidenceAbandonWindow; window_30d: EvidenceAbandonWindow; last_hour: EvidenceAbandonWindow; cap: number; rule: string } | null;
  /** Pacing at that moment: lines opened per ready agent, and why. */
  pacing: { mode: string; lines: number; ready_agents: number; ratio: number | null; answer_rate: number; reason: string } | null;
  ring_timeout_sec: number;
};

export const callAttempts = pgTable(
  "call_attempts",
  {
    id: serialId(),
    campaignId: integer("campaign_id").notNull(),
    leadId: integer("lead_id").notNull(),
    phoneNumber: text("phone_number").notNull(),
    /** Which of the lead's numbers this is (1 = the contract's number). */
    phonePosition: integer("phone_position").notNull().default(1),
    /** 1 for the first call to this lead, 2 for the first retry, … */
    attemptNo: integer("attempt_no").notNull(),
    /** Pacer's id for the channel (ARI channelId / FreeSWITCH origination_uuid). */
    channelId: text("channel_id").notNull(),
    /** Which PBX connection placed it (`db:<id>` or `sim`). */
    pbxKey: text("pbx_key").notNull(),
    /** The dialer process that placed it. */
    owner: text("owner").notNull(),
    state: text("state").$type<AttemptState>().notNull().default("claimed"),
    dialString: text("dial_string").notNull(),
    /** The number the current leg dials: the lead's number after its trunk's prefix rewriting. */
    dialedNumber: text("dialed_number"),
    /** The trunk's name (or the campaign's trunk_value when it dials without trunks). */
    trunk: text("trunk"),
    /** The trunk carrying the call now; changes when the call fails over. Not a foreign key: attempts outlive trunks. */
    trunkId: integer("trunk_id"),
    /** Trunks tried before the current one (congested or unavailable). */
    failovers: integer("failovers").notNull().default(0),
    agentId: integer("agent_id"),
    amdResult: text("amd_result"),
    abandoned: boolean("abandoned").notNull().default(false),
    startedAt: timestampTz("started_at").notNull().defaultNow(),
    /** When the current leg goes out through its trunk (its start slot; later than started_at after a failover). */
    dialedAt: timestampTz("dialed_at"),
    answeredAt: timestampTz("answered_at"),
    endedAt: timestampTz("ended_at"),
    /** How the attempt ended (answered, busy, no_answer, …, lost), once it has. */
    outcome: text("outcome").$type<AttemptOutcome>(),
    agentDisposition: jsonb("agent_disposition").$type<EarlyDisposition>(),
    /** When the call was put through to an agent (the connect-within-2-seconds figure is measured to it). */
    connectedAt: timestampTz("connected_at"),
    /** Compliance evidence: the decision that let the attempt out (see AttemptEvidence). */
    evidence: jsonb("evidence").$type<AttemptEvidence>(),
  },
  (t) => [
    uniqueIndex("call_attempts_channel_uq").on(t.channelId),
    index("call_attempts_live_idx").on(t.pbxKey, t.state).where(sql`${t.state} <> 'ended'`),
    index("call_attempts_campaign_idx").on(t.campaignId, t.startedAt),
    // A lead's history in the agent's screen pop.
    index("call_attempts_lead_idx").on(t.leadId, t.startedAt),
    index("call_attempts_trunk_live_idx").on(t.trunkId).where(sql`${t.state} <> 'ended'`),
    index("call_attempts_trunk_dialed_idx").on(t.trunkId, t.dialedAt),
  ],
);

export type CallAttempt = typeof callAttempts.$inferSelect;
