import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, serialId, timestampTz } from "./columns";

/**
 * Call records a PBX posted to Pacer (FreeSWITCH mod_json_cdr → POST /api/cdr/intake), one per
 * call uuid: posting the same record again finds this row instead of adding one. A record whose
 * variables name one of Pacer's attempts (PACER_ATTEMPT, or the attempt's channel id as the uuid)
 * is tied to it (`attempt_id`) and, once Pacer's own CDR of that attempt exists, to that
 * (`cdr_id`), whose missing fields it fills; any other call is kept here as an external record.
 * Not foreign keys on purpose: like the CDR, these outlive what they point at.
 */
export const cdrIntake = pgTable(
  "cdr_intake",
  {
    id: serialId(),
    uuid: text("uuid").notNull(),
    callId: text("call_id"),
    direction: text("direction"),
    callerIdName: text("caller_id_name"),
    callerIdNumber: text("caller_id_number"),
    destinationNumber: text("destination_number"),
    startTime: timestampTz("start_time"),
    answerTime: timestampTz("answer_time"),
    endTime: timestampTz("end_time"),
    duration: integer("duration"),
    billsec: integer("billsec"),
    hangupCause: text("hangup_cause"),
    /** Q.850 cause code (hangup_cause_q850, or the cause name's code). */
    hangupCauseCode: integer("hangup_cause_code"),
    sipCode: integer("sip_code"),
    sipHangupDisposition: text("sip_hangup_disposition"),
    campaignId: integer("campaign_id"),
    leadId: integer("lead_id"),
    attemptId: integer("attempt_id"),
    cdrId: integer("cdr_id"),
    /** Which switch sent it (mod_json_cdr's `switchname`), when it said. */
    switchName: text("switch_name"),
    /** The variables as posted (decoded), for what Pacer does not read into columns. */
    variables: jsonb("variables").$type<Record<string, string>>().notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cdr_intake_uuid_uq").on(t.uuid),
    index("cdr_intake_attempt_idx").on(t.attemptId),
    index("cdr_intake_received_idx").on(t.receivedAt),
  ],
);

export type CdrIntake = typeof cdrIntake.$inferSelect;
