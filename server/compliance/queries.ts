import { and, asc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { callAttempts, dncNumbers, type CallAttempt } from "@/db/schema";
import { CONNECT_GRACE_SEC } from "../dialer/dialer-context";
import type { ComplianceRange } from "./validation";

/**
 * The compliance ledger's SQL: the attempts a campaign let out in a period, judged from the
 * evidence each one carries (see server/dialer/attempt-evidence.ts), never from settings as they
 * stand now.
 */

const ev = sql`${callAttempts.evidence}`;
const localTime = sql`(${ev} ->> 'local_time')`;
const windowStart = sql`(${ev} -> 'calling_window' ->> 'start')`;
const windowEnd = sql`(${ev} -> 'calling_window' ->> 'end')`;

/**
 * Whether the evidence's local time lies inside its calling window. "HH:MM" strings order as the
 * times they name ("24:00" after every minute), so this is the same rule as minutesInWindow: a
 * window whose end is not after its start wraps past midnight (equal ends: all day).
 */
const withinWindow = sql<boolean>`case when ${windowEnd} > ${windowStart}
  then ${localTime} >= ${windowStart} and ${localTime} < ${windowEnd}
  else ${localTime} >= ${windowStart} or ${localTime} < ${windowEnd} end`;

/**
 * The number was on a list the campaign checks (system-wide or its own) when the attempt was let
 * out. Removed entries are gone from the table, so a number taken off a list since counts as
 * never listed. The outer columns are named in full: inside the subquery drizzle prints them
 * unqualified, and they would resolve to the DNC table's own.
 */
const onDncAtDial = sql<boolean>`exists (select 1 from ${dncNumbers} d where d.phone_number = call_attempts.phone_number
  and (d.campaign_id is null or d.campaign_id = call_attempts.campaign_id) and d.created_at <= call_attempts.started_at)`;

/** A person answered (AMD did not say machine). */
const humanAnswer = sql`${callAttempts.answeredAt} is not null and coalesce(${callAttempts.amdResult}, '') <> 'MACHINE' and coalesce(${callAttempts.outcome}, '') <> 'machine'`;
const connectMs = sql<number | null>`(extract(epoch from (${callAttempts.connectedAt} - ${callAttempts.answeredAt})) * 1000)`;

/** Attempts let out: rows still claimed (or only shown to an agent in preview) were never dialed. */
function periodOf(campaignId: number, r: ComplianceRange): SQL {
  return and(
    eq(callAttempts.campaignId, campaignId),
    gte(callAttempts.startedAt, r.from),
    lte(callAttempts.startedAt, r.to),
    sql`${callAttempts.state} not in ('claimed', 'preview')`,
  )!;
}

const count = (where: SQL) => sql<number>`(count(*) filter (where ${where}))::int`;
const maxRate = (window: string) => sql<number | null>`max((${ev} -> 'abandonment' -> ${window} ->> 'rate')::float8)`;

export async function ledgerTotals(db: DbOrTx, campaignId: number, r: ComplianceRange) {
  const [row] = await db
    .select({
      attempts: sql<number>`count(*)::int`,
      withEvidence: count(sql`${ev} is not null`),
      outsideWindow: count(sql`${ev} is not null and not (${withinWindow})`),
      dncDialed: count(onDncAtDial),
      humanAnswers: count(humanAnswer),
      within2s: count(sql`${humanAnswer} and ${callAttempts.connectedAt} is not null and ${connectMs} <= ${CONNECT_GRACE_SEC * 1000}`),
      liveAnswers: count(sql`${humanAnswer} and ${callAttempts.state} = 'ended'`),
      abandoned: count(sql`${callAttempts.abandoned}`),
      max24: maxRate("window_24h"),
      max30: maxRate("window_30d"),
    })
    .from(callAttempts)
    .where(periodOf(campaignId, r));
  const sources = await db
    .select({ source: sql<string>`coalesce(${ev} ->> 'zone_source', 'none')`, n: sql<number>`count(*)::int` })
    .from(callAttempts)
    .where(periodOf(campaignId, r))
    .groupBy(sql`1`);
  return { ...row, max24: row.max24 === null ? null : Number(row.max24), max30: row.max30 === null ? null : Number(row.max30), sources };
}

export type LedgerRow = { attempt: CallAttempt; withinWindow: boolean | null; onDnc: boolean; connectMs: number | null; cursorTime: string };
export type LedgerCursor = { startedAt: string; id: number };

/** One batch of the ledger, oldest first, after `after`: keyset paging on the campaign's start-time index. */
export async function ledgerBatch(db: DbOrTx, campaignId: number, r: ComplianceRange, after: LedgerCursor | null, limit: number): Promise<LedgerRow[]> {
  const resume = after
    ? and(gte(callAttempts.startedAt, sql`${after.startedAt}::timestamptz`), sql`(${callAttempts.startedAt}, ${callAttempts.id}) > (${after.startedAt}::timestamptz, ${after.id})`)
    : undefined;
  const rows = await db
    .select({
      attempt: callAttempts,
      withinWindow: sql<boolean | null>`case when ${ev} is null then null else (${withinWindow}) end`,
      onDnc: onDncAtDial,
      connectMs,
      cursorTime: sql<string>`${callAttempts.startedAt}::text`,
    })
    .from(callAttempts)
    .where(and(periodOf(campaignId, r), resume))
    .orderBy(asc(callAttempts.startedAt), asc(callAttempts.id))
    .limit(limit);
  return rows.map((x) => ({ ...x, onDnc: Boolean(x.onDnc), connectMs: x.connectMs === null ? null : Math.round(Number(x.connectMs)) }));
}
