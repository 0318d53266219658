import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { ReportGroup } from "./validation";

/**
 * Every report is one SQL aggregate over the call records (or the leads, for list penetration),
 * grouped in the report's time zone: `start_time at time zone tz` is the local wall-clock time,
 * and a local day `d` runs from `d::timestamp at time zone tz` to the next one.
 */
export type ReportScope = {
  campaignId?: number;
  tz: string;
  /** Inclusive local days, YYYY-MM-DD. */
  from: string;
  to: string;
};

/** The local hours or days of the range, as `YYYY-MM-DD HH24:00` or `YYYY-MM-DD`. */
const BUCKET_FORMAT: Record<ReportGroup, string> = { hour: "YYYY-MM-DD HH24:00", day: "YYYY-MM-DD" };
/**
 * The rolling windows the abandonment law counts, as frames over the buckets (each bucket is
 * counted from its start): by hour, the 24 hours and the 30 days ending with the hour; by day, the
 * day itself and the 30 days ending with it. Fixed text, never input.
 */
const WINDOWS: Record<ReportGroup, { step: string; w24: string; w30: string }> = {
  hour: { step: "1 hour", w24: "23 hours", w30: "719 hours" },
  day: { step: "1 day", w24: "0 days", w30: "29 days" },
};

const campaignIs = (s: ReportScope) => (s.campaignId ? sql`and campaign_id = ${s.campaignId}` : sql``);
/** start_time inside the range's local days, `lookbackDays` earlier for the rolling windows. */
const startsIn = (s: ReportScope, lookbackDays = 0) =>
  sql`start_time >= ((${s.from}::date - ${lookbackDays}::int)::timestamp at time zone ${s.tz}) and start_time < ((${s.to}::date + 1)::timestamp at time zone ${s.tz})`;
const localBucket = (s: ReportScope, group: ReportGroup) => sql`date_trunc(${group}, start_time at time zone ${s.tz})`;
/** Every bucket of the local days from `from - lookbackDays` to `to`, so empty hours show as zeros. */
const bucketSeries = (s: ReportScope, group: ReportGroup, lookbackDays = 0) =>
  sql`generate_series((${s.from}::date - ${lookbackDays}::int)::timestamp, (${s.to}::date + 1)::timestamp - interval '${sql.raw(WINDOWS[group].step)}', interval '${sql.raw(WINDOWS[group].step)}')`;

export type SummaryRow = { bucket: string; attempts: number; connects: number; live_answers: number; abandoned: number; live24: number; ab24: number; live30: number; ab30: number };

/** Attempts, connects, live answers and abandons per bucket, with the rolling 24 h and 30 d sums. */
export async function summaryRows(db: DbOrTx, s: ReportScope, group: ReportGroup): Promise<SummaryRow[]> {
  const w = WINDOWS[group];
  const result = await db.execute(sql`
    with agg as (
      select ${localBucket(s, group)} as b,
        count(*)::int as attempts,
        (count(*) filter (where disposition = 'answered'))::int as connects,
        (count(*) filter (where disposition = 'answered' and coalesce(amd_result, '') <> 'MACHINE'))::int as live,
        (count(*) filter (where abandoned))::int as abandoned
      from cdr
      where ${startsIn(s, 30)} ${campaignIs(s)}
      group by 1
    ), rolled as (
      select s.b, coalesce(a.attempts, 0) as attempts, coalesce(a.connects, 0) as connects, coalesce(a.live, 0) as live, coalesce(a.abandoned, 0) as abandoned,
        sum(coalesce(a.live, 0)) over w24 as live24, sum(coalesce(a.abandoned, 0)) over w24 as ab24,
        sum(coalesce(a.live, 0)) over w30 as live30, sum(coalesce(a.abandoned, 0)) over w30 as ab30
      from ${bucketSeries(s, group, 30)} as s(b)
      left join agg a on a.b = s.b
      window w24 as (order by s.b range between interval '${sql.raw(w.w24)}' preceding and current row),
             w30 as (order by s.b range between interval '${sql.raw(w.w30)}' preceding and current row)
    )
    select to_char(b, ${BUCKET_FORMAT[group]}) as bucket, attempts, connects, live as live_answers, abandoned,
      live24::int as live24, ab24::int as ab24, live30::int as live30, ab30::int as ab30
    from rolled
    where b >= ${s.from}::date::timestamp
    order by b`);
  return rowsOf<SummaryRow>(result);
}

export type DispositionRow = {
  bucket: string;
  answered: number;
  no_answer: number;
  busy: number;
  failed: number;
  cancelled: number;
  amd_human: number;
  amd_machine: number;
  amd_notsure: number;
};

export async function dispositionRows(db: DbOrTx, s: ReportScope, group: ReportGroup): Promise<DispositionRow[]> {
  const result = await db.execute(sql`
    with agg as (
      select ${localBucket(s, group)} as b,
        (count(*) filter (where disposition = 'answered'))::int as answered,
        (count(*) filter (where disposition = 'no_answer'))::int as no_answer,
        (count(*) filter (where disposition = 'busy'))::int as busy,
        (count(*) filter (where disposition = 'failed'))::int as failed,
        (count(*) filter (where disposition = 'cancelled'))::int as cancelled,
        (count(*) filter (where amd_result = 'HUMAN'))::int as amd_human,
        (count(*) filter (where amd_result = 'MACHINE'))::int as amd_machine,
        (count(*) filter (where amd_result = 'NOTSURE'))::int as amd_notsure
      from cdr
      where ${startsIn(s)} ${campaignIs(s)}
      group by 1
    )
    select to_char(s.b, ${BUCKET_FORMAT[group]}) as bucket,
      coalesce(answered, 0) as answered, coalesce(no_answer, 0) as no_answer, coalesce(busy, 0) as busy, coalesce(failed, 0) as failed,
      coalesce(cancelled, 0) as cancelled, coalesce(amd_human, 0) as amd_human, coalesce(amd_machine, 0) as amd_machine, coalesce(amd_notsure, 0) as amd_notsure
    from ${bucketSeries(s, group)} as s(b)
    left join agg a on a.b = s.b
    order by s.b`);
  return rowsOf<DispositionRow>(result);
}

export async function leadDispositionCounts(db: DbOrTx, s: ReportScope): Promise<{ disposition: string; calls: number }[]> {
  const result = await db.execute(sql`
    select lead_disposition as disposition, count(*)::int as calls
    from cdr
    where ${startsIn(s)} ${campaignIs(s)} and lead_disposition is not null
    group by 1
    order by 2 desc, 1`);
  return rowsOf(result);
}

export async function callAverages(db: DbOrTx, s: ReportScope): Promise<{ answered: number; talk_sec: number; duration_sec: number }> {
  const result = await db.execute(sql`
    select (count(*) filter (where disposition = 'answered'))::int as answered,
      coalesce(round(avg(billsec) filter (where disposition = 'answered'), 1), 0)::float8 as talk_sec,
      coalesce(round(avg(duration), 1), 0)::float8 as duration_sec
    from cdr
    where ${startsIn(s)} ${campaignIs(s)}`);
  return rowsOf<{ answered: number; talk_sec: number; duration_sec: number }>(result)[0];
}

export type AgentDispositionRow = { agent_id: number; agent: string; disposition: string; calls: number; talk_sec: number };

/** Calls and talk time per agent and disposition (the service folds them into one row per agent). */
export async function agentRows(db: DbOrTx, s: ReportScope): Promise<AgentDispositionRow[]> {
  const result = await db.execute(sql`
    select c.agent_id, coalesce(a.name, max(c.agent), '#' || c.agent_id) as agent, coalesce(c.lead_disposition, 'none') as disposition,
      count(*)::int as calls, coalesce(sum(c.billsec), 0)::int as talk_sec
    from cdr c
    left join agents a on a.id = c.agent_id
    where c.agent_id is not null and ${startsIn(s)} ${s.campaignId ? sql`and c.campaign_id = ${s.campaignId}` : sql``}
    group by c.agent_id, a.name, 3`);
  return rowsOf(result);
}

export type AgentTimeRow = { agent_id: number; agent: string; state: string; reason: string | null; sec: number };

/**
 * Seconds each agent spent in each state inside the range (stretches cut at its ends; one still
 * going counts up to now), from the state log the dialer writes.
 */
export async function agentTimeRows(db: DbOrTx, s: ReportScope): Promise<AgentTimeRow[]> {
  const start = sql`(${s.from}::date::timestamp at time zone ${s.tz})`;
  const end = sql`((${s.to}::date + 1)::timestamp at time zone ${s.tz})`;
  const result = await db.execute(sql`
    select l.agent_id, coalesce(a.name, '#' || l.agent_id) as agent, l.state, l.reason,
      round(sum(extract(epoch from least(coalesce(l.ended_at, now()), ${end}) - greatest(l.started_at, ${start}))))::int as sec
    from agent_state_log l
    left join agents a on a.id = l.agent_id
    where l.started_at < ${end} and coalesce(l.ended_at, 'infinity') > ${start} ${s.campaignId ? sql`and l.campaign_id = ${s.campaignId}` : sql``}
    group by l.agent_id, a.name, l.state, l.reason`);
  return rowsOf(result);
}

export type TrunkRow = { trunk_id: number | null; trunk: string; attempts: number; answered: number; billsec: number; pdd_ms: number | null };

export async function trunkRows(db: DbOrTx, s: ReportScope): Promise<TrunkRow[]> {
  const result = await db.execute(sql`
    select trunk_id, coalesce(trunk, '') as trunk, count(*)::int as attempts,
      (count(*) filter (where disposition = 'answered'))::int as answered,
      (coalesce(sum(billsec) filter (where disposition = 'answered'), 0))::int as billsec,
      round(avg(post_dial_delay_ms))::int as pdd_ms
    from cdr
    where ${startsIn(s)} ${campaignIs(s)}
    group by 1, 2
    order by 3 desc, 2`);
  return rowsOf(result);
}

export type TrunkCauseRow = { trunk_id: number | null; trunk: string; disposition: string; sip_code: number | null; hangup_cause: number | null; hangup_cause_text: string | null; calls: number };

export async function trunkCauseRows(db: DbOrTx, s: ReportScope): Promise<TrunkCauseRow[]> {
  const result = await db.execute(sql`
    select trunk_id, coalesce(trunk, '') as trunk, disposition, sip_code, hangup_cause, hangup_cause_text, count(*)::int as calls
    from cdr
    where ${startsIn(s)} ${campaignIs(s)} and disposition <> 'answered'
    group by 1, 2, 3, 4, 5, 6
    order by 7 desc, 2, 3`);
  return rowsOf(result);
}

export type ListRow = { list_id: number; list: string; campaign_id: number; active: boolean; leads: number; dialed: number; remaining: number; exhausted: number; callbacks_due: number };

/** Each list's leads as they stand: dialed at least once, still to call, final, callbacks whose time has come. */
export async function listRows(db: DbOrTx, campaignId: number | undefined): Promise<ListRow[]> {
  const result = await db.execute(sql`
    select l.id as list_id, l.name as list, l.campaign_id, l.active,
      count(d.id)::int as leads,
      (count(d.id) filter (where d.attempts > 0))::int as dialed,
      (count(d.id) filter (where d.status in ('pending', 'calling')))::int as remaining,
      (count(d.id) filter (where d.status not in ('pending', 'calling')))::int as exhausted,
      (count(d.id) filter (where d.status = 'pending' and d.disposition = 'CALLBACK' and d.next_attempt_at <= now()))::int as callbacks_due
    from lists l
    left join leads d on d.list_id = l.id
    ${campaignId ? sql`where l.campaign_id = ${campaignId}` : sql``}
    group by l.id
    order by l.campaign_id, l.id`);
  return rowsOf(result);
}

