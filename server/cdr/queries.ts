import { and, desc, eq, gte, ilike, inArray, like, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { findById, insertRow, pageOf } from "@/db/rows";
import { callAttempts, cdr, type AttemptOutcome, type Cdr, type CdrDisposition } from "@/db/schema";
import { formatTime } from "../api/format";

export function toCdrDto(r: Cdr) {
  return {
    id: r.id,
    campaign_id: r.campaignId,
    campaign_number_id: r.campaignNumberId,
    channel_id: r.channelId,
    uniqueid: r.uniqueid,
    callerid: r.callerid,
    destination: r.destination,
    dialed_number: r.dialedNumber,
    phone_position: r.phonePosition,
    agent: r.agent,
    start_time: formatTime(r.startTime)!,
    answer_time: formatTime(r.answerTime),
    end_time: formatTime(r.endTime),
    duration: r.duration,
    billsec: r.billsec,
    disposition: r.disposition,
    hangup_cause: r.hangupCause,
    hangup_cause_text: r.hangupCauseText,
    sip_code: r.sipCode,
    post_dial_delay_ms: r.postDialDelayMs,
    amd_result: r.amdResult,
    trunk: r.trunk,
    trunk_id: r.trunkId,
    recording_file: r.recordingFile,
    recording_leg1: r.recordingLeg1,
    recording_leg2: r.recordingLeg2,
    attempt_id: r.attemptId,
    abandoned: r.abandoned ? 1 : 0,
    agent_id: r.agentId,
    lead_disposition: r.leadDisposition,
    created_at: formatTime(r.createdAt)!,
  };
}

export type CdrFilter = {
  campaignId?: number;
  disposition?: CdrDisposition;
  /** The trunk that finally carried the call. */
  trunkId?: number;
  /** Inclusive calendar days (UTC) on the call's start time. */
  startDate?: string;
  endDate?: string;
  search?: string;
  agentId?: number;
  /** The attempt's outcome (call_attempts.outcome): records without an attempt match none. */
  outcome?: AttemptOutcome;
  /** Digits, exact, or a prefix when it ends in `*`; matched on the destination or the caller ID. */
  number?: string;
};

function dayAfter(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A number as the records may hold it: bare digits or with a leading +. */
function numberMatch(n: string): SQL | undefined {
  if (n.endsWith("*")) {
    const digits = n.slice(0, -1);
    return or(like(cdr.destination, `${digits}%`), like(cdr.destination, `+${digits}%`), like(cdr.callerid, `${digits}%`), like(cdr.callerid, `+${digits}%`));
  }
  const forms = [n, `+${n}`];
  return or(inArray(cdr.destination, forms), inArray(cdr.callerid, forms));
}

function whereOf(f: CdrFilter): SQL | undefined {
  const pattern = f.search ? `%${escapeLike(f.search)}%` : undefined;
  return and(
    f.campaignId ? eq(cdr.campaignId, f.campaignId) : undefined,
    f.disposition ? eq(cdr.disposition, f.disposition) : undefined,
    f.trunkId ? eq(cdr.trunkId, f.trunkId) : undefined,
    f.startDate ? gte(cdr.startTime, new Date(`${f.startDate}T00:00:00Z`)) : undefined,
    f.endDate ? lt(cdr.startTime, dayAfter(f.endDate)) : undefined,
    pattern ? or(ilike(cdr.callerid, pattern), ilike(cdr.destination, pattern), ilike(cdr.agent, pattern)) : undefined,
    f.agentId ? eq(cdr.agentId, f.agentId) : undefined,
    f.number ? numberMatch(f.number) : undefined,
    // A semi-join rather than a join, so counts and pages stay one row per record.
    f.outcome ? sql`${cdr.attemptId} in (select ${callAttempts.id} from ${callAttempts} where ${callAttempts.outcome} = ${f.outcome})` : undefined,
  );
}

export async function listCdrRows(db: DbOrTx, f: CdrFilter, page: number, perPage: number) {
  const where = whereOf(f);
  return pageOf(db, cdr, where, { page, perPage }, (limit, offset) =>
    db.select().from(cdr).where(where).orderBy(desc(cdr.startTime), desc(cdr.id)).limit(limit).offset(offset),
  );
}

/** Where an export batch resumes: after this record, in (start_time, id) newest-first order. */
export type CdrCursor = { startTime: string; id: number };

/**
 * One batch of the export, newest first, after `after`: keyset paging, so each batch costs the
 * same however deep the export is. The cursor's time travels as the database's own text, because
 * a JavaScript Date would drop the microseconds a record may hold and repeat or skip rows.
 */
export async function cdrExportBatch(db: DbOrTx, f: CdrFilter, after: CdrCursor | null, limit: number) {
  const resume = after
    ? and(
        // The plain bound lets the start-time indexes begin the scan at the cursor; the row comparison breaks ties.
        lte(cdr.startTime, sql`${after.startTime}::timestamptz`),
        sql`(${cdr.startTime}, ${cdr.id}) < (${after.startTime}::timestamptz, ${after.id})`,
      )
    : undefined;
  return db
    .select({ record: cdr, outcome: callAttempts.outcome, cursorTime: sql<string>`${cdr.startTime}::text` })
    .from(cdr)
    .leftJoin(callAttempts, eq(callAttempts.id, cdr.attemptId))
    .where(and(whereOf(f), resume))
    .orderBy(desc(cdr.startTime), desc(cdr.id))
    .limit(limit);
}

export const findCdr = (db: DbOrTx, id: number): Promise<Cdr | undefined> => findById(db, cdr, id);

const countOf = (d: CdrDisposition) => sql<number>`(count(*) filter (where ${cdr.disposition} = ${d}))::int`;

export async function cdrStats(db: DbOrTx, f: CdrFilter) {
  const [row] = await db
    .select({
      total_calls: sql<number>`count(*)::int`,
      answered: countOf("answered"),
      no_answer: countOf("no_answer"),
      busy: countOf("busy"),
      failed: countOf("failed"),
      cancelled: countOf("cancelled"),
      avg_duration: sql<string>`coalesce(round(avg(${cdr.duration})::numeric, 1), 0)`,
      avg_billsec: sql<string>`coalesce(round(avg(${cdr.billsec})::numeric, 1), 0)`,
      total_duration: sql<string>`coalesce(sum(${cdr.duration}), 0)`,
      total_billsec: sql<string>`coalesce(sum(${cdr.billsec}), 0)`,
    })
    .from(cdr)
    .where(whereOf(f));
  return {
    ...row,
    avg_duration: Number(row.avg_duration),
    avg_billsec: Number(row.avg_billsec),
    total_duration: Number(row.total_duration),
    total_billsec: Number(row.total_billsec),
  };
}

export const insertCdr = (db: DbOrTx, values: typeof cdr.$inferInsert): Promise<Cdr> => insertRow(db, cdr, values);
