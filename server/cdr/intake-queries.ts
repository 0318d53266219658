import { and, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pageOf } from "@/db/rows";
import { callAttempts, cdr, cdrIntake, type CallAttempt, type Cdr, type CdrIntake } from "@/db/schema";
import { formatTime } from "../api/format";
import { recordAudit } from "../audit/queries";
import { escapeLike } from "./queries";

export function toIntakeDto(r: CdrIntake) {
  return {
    id: r.id,
    uuid: r.uuid,
    call_id: r.callId,
    direction: r.direction,
    caller_id_name: r.callerIdName,
    caller_id_number: r.callerIdNumber,
    destination_number: r.destinationNumber,
    start_time: formatTime(r.startTime),
    answer_time: formatTime(r.answerTime),
    end_time: formatTime(r.endTime),
    duration: r.duration,
    billsec: r.billsec,
    hangup_cause: r.hangupCause,
    hangup_cause_code: r.hangupCauseCode,
    sip_code: r.sipCode,
    sip_hangup_disposition: r.sipHangupDisposition,
    campaign_id: r.campaignId,
    lead_id: r.leadId,
    attempt_id: r.attemptId,
    cdr_id: r.cdrId,
    matched: r.attemptId !== null,
    switch_name: r.switchName,
    received_at: formatTime(r.receivedAt)!,
  };
}

export async function findIntakeByUuid(db: DbOrTx, uuid: string): Promise<CdrIntake | undefined> {
  const [row] = await db.select().from(cdrIntake).where(eq(cdrIntake.uuid, uuid));
  return row;
}

/** The new row, or undefined when a record with its uuid is already stored (a concurrent post). */
export async function insertIntake(db: DbOrTx, values: typeof cdrIntake.$inferInsert): Promise<CdrIntake | undefined> {
  const [row] = await db.insert(cdrIntake).values(values).onConflictDoNothing({ target: cdrIntake.uuid }).returning();
  return row;
}

/** The attempt the record names (PACER_ATTEMPT), or else the one whose channel id is its uuid. */
export async function findAttemptForIntake(db: DbOrTx, attemptId: number | undefined, uuid: string): Promise<CallAttempt | undefined> {
  const [row] = await db
    .select()
    .from(callAttempts)
    .where(attemptId ? eq(callAttempts.id, attemptId) : eq(callAttempts.channelId, uuid));
  return row;
}

export async function findCdrOfAttempt(db: DbOrTx, attemptId: number): Promise<Cdr | undefined> {
  const [row] = await db.select().from(cdr).where(eq(cdr.attemptId, attemptId));
  return row;
}

/**
 * What the switch's record adds to Pacer's CDR of the same call: only fields Pacer left empty
 * (no cause, no SIP failure code, no end, no caller ID, zero seconds), never one it measured.
 */
function fillOf(c: Cdr, i: CdrIntake): Partial<typeof cdr.$inferInsert> {
  const patch: Partial<typeof cdr.$inferInsert> = {};
  if (c.hangupCause === null && i.hangupCauseCode !== null) patch.hangupCause = i.hangupCauseCode;
  if (c.hangupCauseText === null && i.hangupCause !== null) patch.hangupCauseText = i.hangupCause;
  // A SIP code on a CDR is a failure's (reports count them per trunk); a 200 adds nothing.
  if (c.sipCode === null && i.sipCode !== null && i.sipCode >= 300) patch.sipCode = i.sipCode;
  if (c.endTime === null && i.endTime !== null) patch.endTime = i.endTime;
  if (c.billsec === 0 && (i.billsec ?? 0) > 0) patch.billsec = i.billsec!;
  if (c.duration === 0 && (i.duration ?? 0) > 0) patch.duration = i.duration!;
  if (c.callerid === null && i.callerIdNumber !== null) patch.callerid = i.callerIdNumber;
  return patch;
}

const COLUMN_NAMES: Record<string, string> = {
  hangupCause: "hangup_cause",
  hangupCauseText: "hangup_cause_text",
  sipCode: "sip_code",
  endTime: "end_time",
  billsec: "billsec",
  duration: "duration",
  callerid: "callerid",
};

/** Ties the switch's record to Pacer's CDR and fills what that lacks; the CDR's field names filled. */
export async function fillCdrFromIntake(db: DbOrTx, c: Cdr, i: CdrIntake): Promise<string[]> {
  const patch = fillOf(c, i);
  if (Object.keys(patch).length) await db.update(cdr).set(patch).where(eq(cdr.id, c.id));
  await db.update(cdrIntake).set({ cdrId: c.id }).where(eq(cdrIntake.id, i.id));
  return Object.keys(patch).map((k) => COLUMN_NAMES[k]);
}

/**
 * The dialer just wrote the CDRs of these channels: a switch's record that arrived before (the
 * PBX may post it before Pacer has closed the attempt) fills them now. One indexed read when none did.
 */
export async function fillNewCdrsFromIntake(db: DbOrTx, channelIds: string[]): Promise<void> {
  if (channelIds.length === 0) return;
  const waiting = await db
    .select()
    .from(cdrIntake)
    .where(and(inArray(cdrIntake.uuid, channelIds), isNull(cdrIntake.cdrId), isNotNull(cdrIntake.attemptId)));
  for (const i of waiting) {
    const c = await findCdrOfAttempt(db, i.attemptId!);
    if (!c || c.channelId !== i.uuid) continue;
    const filled = await fillCdrFromIntake(db, c, i);
    await recordAudit(db, { system: true }, { action: "cdr.intake_matched", entityType: "cdr_intake", entityId: i.id, details: { uuid: i.uuid, attempt_id: i.attemptId, cdr_id: c.id, filled } });
  }
}

export type IntakeFilter = { matched?: boolean; search?: string };

export async function listIntakeRows(db: DbOrTx, f: IntakeFilter, page: number, perPage: number) {
  const pattern = f.search ? `%${escapeLike(f.search)}%` : undefined;
  const where: SQL | undefined = and(
    f.matched === undefined ? undefined : f.matched ? isNotNull(cdrIntake.attemptId) : isNull(cdrIntake.attemptId),
    pattern ? or(ilike(cdrIntake.uuid, pattern), ilike(cdrIntake.callerIdNumber, pattern), ilike(cdrIntake.destinationNumber, pattern)) : undefined,
  );
  return pageOf(db, cdrIntake, where, { page, perPage }, (limit, offset) =>
    db.select().from(cdrIntake).where(where).orderBy(desc(cdrIntake.receivedAt), desc(cdrIntake.id)).limit(limit).offset(offset),
  );
}
