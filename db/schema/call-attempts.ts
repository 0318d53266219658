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
