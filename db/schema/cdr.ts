import { boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, serialId, timestampTz } from "./columns";

export const CDR_DISPOSITIONS = ["answered", "no_answer", "busy", "failed", "cancelled"] as const;
export type CdrDisposition = (typeof CDR_DISPOSITIONS)[number];

/**
 * One row per call attempt. `campaign_id` is not a foreign key on purpose: call records outlive
 * the campaign that made them.
 */
export const cdr = pgTable(
  "cdr",
  {
    id: serialId(),
    campaignId: integer("campaign_id"),
    campaignNumberId: integer("campaign_number_id"),
    channelId: text("channel_id"),
    uniqueid: text("uniqueid"),
    callerid: text("callerid"),
    destination: text("destination"),
    /** The number actually dialed: `destination` after the trunk's prefix rewriting. */
    dialedNumber: text("dialed_number"),
    /** Which of the lead's numbers `destination` is (1 = the contract's number). */
    phonePosition: integer("phone_position"),
    agent: text("agent"),
    startTime: timestampTz("start_time").notNull(),
    answerTime: timestampTz("answer_time"),
    endTime: timestampTz("end_time"),
    duration: integer("duration").notNull().default(0),
    billsec: integer("billsec").notNull().default(0),
    disposition: text("disposition").$type<CdrDisposition>().notNull(),
    hangupCause: integer("hangup_cause"),
    hangupCauseText: text("hangup_cause_text"),
    sipCode: integer("sip_code"),
    amdResult: text("amd_result"),
    trunk: text("trunk"),
    /** The trunk that finally carried the call (after any failover); null without trunks. */
    trunkId: integer("trunk_id"),
    /** Milliseconds from the final leg's originate to its first ring (null when it never rang). */
    postDialDelayMs: integer("post_dial_delay_ms"),
    attemptId: integer("attempt_id"),
    /** A live person answered and no agent took the call within 2 s. */
    abandoned: boolean("abandoned").notNull().default(false),
    agentId: integer("agent_id"),
    /** The agent's or IVR's disposition (SALE, CALLBACK, DNC, …), when one was given. */
    leadDisposition: text("lead_disposition"),
    recordingFile: text("recording_file"),
    recordingLeg1: text("recording_leg1"),
    recordingLeg2: text("recording_leg2"),
    createdAt: createdAt(),
  },
  (t) => [
    index("cdr_campaign_start_idx").on(t.campaignId, t.startTime),
    index("cdr_start_idx").on(t.startTime),
    // The CDR page's and export's filters: by agent or trunk over a period, by a number.
    index("cdr_agent_start_idx").on(t.agentId, t.startTime),
    index("cdr_trunk_start_idx").on(t.trunkId, t.startTime),
    index("cdr_destination_idx").on(t.destination),
    index("cdr_callerid_idx").on(t.callerid),
    uniqueIndex("cdr_attempt_uq").on(t.attemptId),
  ],
);

export type Cdr = typeof cdr.$inferSelect;
