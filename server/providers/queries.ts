import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { trunkFailedLegs, trunkHealth, trunks, type Trunk, type TrunkHealth } from "@/db/schema";

/**
 * Every SQL touch of trunk health: the rolling figures (one aggregate over the call records and
 * the legs that failed over), and the rotation state all dialer processes share.
 */

/** The rolling windows, fixed text (never input). */
export const HEALTH_WINDOWS = { "5m": "5 minutes", "1h": "1 hour" } as const;
export type HealthWindow = keyof typeof HEALTH_WINDOWS;

const idList = (ids: number[]) => sql.join(ids.map((id) => sql`${id}::int`), sql`, `);

/**
 * Each trunk's legs over the last hour: its CDRs (the trunk that carried the call) and the legs it
 * failed that went on to another trunk. Served by cdr_trunk_start_idx and trunk_failed_legs_trunk_at_idx.
 */
const legs = (ids: number[]) => sql`
  select trunk_id, start_time as at, disposition = 'answered' as answered, billsec, post_dial_delay_ms as pdd, sip_code, hangup_cause
  from cdr where trunk_id in (${idList(ids)}) and start_time >= now() - interval '1 hour'
  union all
  select trunk_id, at, false, 0, null, sip_code, hangup_cause
  from trunk_failed_legs where trunk_id in (${idList(ids)}) and at >= now() - interval '1 hour'`;

const windows = sql.raw(`(values ${Object.entries(HEALTH_WINDOWS).map(([k, v]) => `('${k}', interval '${v}')`).join(", ")}) as w(name, span)`);

export type HealthFigureRow = { trunk_id: number; window: HealthWindow; attempts: number; answered: number; billsec: number; pdd_ms: number | null };

/** Attempts, answers, talk time and mean post-dial delay per trunk and window. */
export async function healthFigures(db: DbOrTx, ids: number[]): Promise<HealthFigureRow[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    select l.trunk_id, w.name as window, count(*)::int as attempts,
      (count(*) filter (where l.answered))::int as answered,
      (coalesce(sum(l.billsec) filter (where l.answered), 0))::int as billsec,
      round(avg(l.pdd))::int as pdd_ms
    from (${legs(ids)}) l cross join ${windows}
    where l.at >= now() - w.span
    group by 1, 2`);
  return rowsOf(result);
}

export type HealthCauseRow = { trunk_id: number; window: HealthWindow; sip_code: number | null; hangup_cause: number | null; calls: number };

/** The unanswered legs per trunk and window, by SIP code and Q.850 cause. */
export async function healthCauses(db: DbOrTx, ids: number[]): Promise<HealthCauseRow[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    select l.trunk_id, w.name as window, l.sip_code, l.hangup_cause, count(*)::int as calls
    from (${legs(ids)}) l cross join ${windows}
    where l.at >= now() - w.span and not l.answered
    group by 1, 2, 3, 4`);
  return rowsOf(result);
}

export async function healthStates(db: DbOrTx, ids: number[]): Promise<Map<number, TrunkHealth>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(trunkHealth).where(inArray(trunkHealth.trunkId, ids));
  return new Map(rows.map((r) => [r.trunkId, r]));
}

export async function allTrunkRows(db: DbOrTx): Promise<Trunk[]> {
  return db.select().from(trunks).orderBy(asc(trunks.name));
}

/** The row of a trunk, made when first needed. */
async function ensureRow(db: DbOrTx, trunkIds: number[]) {
  if (trunkIds.length) await db.insert(trunkHealth).values(trunkIds.map((trunkId) => ({ trunkId }))).onConflictDoNothing();
}

export type LegFailure = { trunkId: number; attemptId: number | null; at: Date; hangupCause: number | null; sipCode: number | null };

/** A process's legs since its last flush, per trunk: whether any went through, and the failures after the last that did. */
export type LegTally = { trunkId: number; anyOk: boolean; trailingFailures: number };

/**
 * Writes the failed-over legs and adds a process's tally to each trunk's run of failures (a leg
 * that went through ends the run). Returns the runs as they now stand.
 */
export async function addLegs(tx: DbOrTx, failedOver: LegFailure[], tallies: LegTally[]): Promise<Map<number, number>> {
  if (failedOver.length) await tx.insert(trunkFailedLegs).values(failedOver);
  const out = new Map<number, number>();
  if (tallies.length === 0) return out;
  await ensureRow(tx, tallies.map((t) => t.trunkId));
  for (const t of tallies) {
    const [row] = await tx
      .update(trunkHealth)
      .set({ consecutiveFailures: t.anyOk ? t.trailingFailures : sql`${trunkHealth.consecutiveFailures} + ${t.trailingFailures}` })
      .where(eq(trunkHealth.trunkId, t.trunkId))
      .returning({ n: trunkHealth.consecutiveFailures });
    if (row) out.set(t.trunkId, row.n);
  }
  return out;
}

/**
 * Takes a trunk out of rotation, or puts it back; only the process whose update changes the state
 * gets the row (so one event and one audit row per change, however many dialers see it).
 */
export async function setRotation(tx: DbOrTx, trunkId: number, inRotation: boolean, reason: string, probeAfterSec: number): Promise<TrunkHealth | undefined> {
  await ensureRow(tx, [trunkId]);
  const [row] = await tx
    .update(trunkHealth)
    .set({
      inRotation,
      reason,
      changedAt: sql`now()`,
      consecutiveFailures: 0,
      probeDueAt: inRotation ? null : sql`now() + make_interval(secs => ${probeAfterSec})`,
    })
    .where(and(eq(trunkHealth.trunkId, trunkId), eq(trunkHealth.inRotation, !inRotation)))
    .returning();
  return row;
}

export type AsrBreach = { trunk_id: number; attempts: number; answered: number; min_asr_pct: number; min_samples: number };

/**
 * Trunks in rotation with an ASR rule whose last 5 minutes (only since they last came back)
 * hold enough calls and too few answers.
 */
export async function asrBreaches(db: DbOrTx): Promise<AsrBreach[]> {
  const result = await db.execute(sql`
    with ruled as (
      select t.id, t.min_asr_pct, t.min_samples, greatest(now() - interval '5 minutes', coalesce(h.changed_at, '-infinity')) as since
      from trunks t left join trunk_health h on h.trunk_id = t.id
      where t.enabled and t.min_asr_pct is not null and coalesce(h.in_rotation, true)
    ),
    l as (
      select c.trunk_id, c.start_time as at, c.disposition = 'answered' as answered from cdr c join ruled r on r.id = c.trunk_id where c.start_time >= r.since
      union all
      select f.trunk_id, f.at, false from trunk_failed_legs f join ruled r on r.id = f.trunk_id where f.at >= r.since
    )
    select r.id as trunk_id, count(l.*)::int as attempts, (count(*) filter (where l.answered))::int as answered, r.min_asr_pct, r.min_samples
    from ruled r join l on l.trunk_id = r.id
    group by r.id, r.min_asr_pct, r.min_samples
    having count(*) >= r.min_samples and (count(*) filter (where l.answered)) * 100 < r.min_asr_pct * count(*)`);
  return rowsOf(result);
}

/**
 * The probes due now on enabled trunks with a probe number that this process can reach (through
 * any PBX, or the one they belong to among `pbxServerIds`), claimed: their due time moves on by
 * `holdSec` so no other process takes them meanwhile.
 */
export async function claimDueProbes(db: DbOrTx, pbxServerIds: number[], holdSec: number): Promise<(TrunkHealth & { trunk: Trunk })[]> {
  const reachable = db
    .select({ id: trunks.id })
    .from(trunks)
    .where(and(eq(trunks.enabled, true), isNotNull(trunks.probeNumber), or(isNull(trunks.pbxServerId), pbxServerIds.length ? inArray(trunks.pbxServerId, pbxServerIds) : undefined)));
  const claimed = await db
    .update(trunkHealth)
    .set({ probeDueAt: sql`now() + make_interval(secs => ${holdSec})` })
    .where(and(inArray(trunkHealth.trunkId, reachable), isNotNull(trunkHealth.probeDueAt), lte(trunkHealth.probeDueAt, sql`now()`)))
    .returning();
  if (claimed.length === 0) return [];
  const rows = await db.select().from(trunks).where(inArray(trunks.id, claimed.map((c) => c.trunkId)));
  const byId = new Map(rows.map((t) => [t.id, t]));
  return claimed.filter((c) => byId.has(c.trunkId)).map((c) => ({ ...c, trunk: byId.get(c.trunkId)! }));
}

/** Asks for a probe now (on demand): the next dialer that can reach the trunk makes it. */
export async function requestProbe(tx: DbOrTx, trunkId: number): Promise<TrunkHealth> {
  await ensureRow(tx, [trunkId]);
  const [row] = await tx.update(trunkHealth).set({ probeDueAt: sql`now()`, probeRequestedAt: sql`now()` }).where(eq(trunkHealth.trunkId, trunkId)).returning();
  return row;
}

/** A probe's result; a trunk still out waits `retrySec` for its next one, one in rotation needs none. */
export async function saveProbe(db: DbOrTx, trunkId: number, ok: boolean, detail: string, retrySec: number): Promise<TrunkHealth | undefined> {
  const [row] = await db
    .update(trunkHealth)
    .set({
      lastProbeAt: sql`now()`,
      lastProbeOk: ok,
      lastProbeDetail: detail.slice(0, 200),
      probeRequestedAt: null,
      probeDueAt: sql`case when ${trunkHealth.inRotation} then null else now() + make_interval(secs => ${retrySec}) end`,
    })
    .where(eq(trunkHealth.trunkId, trunkId))
    .returning();
  return row;
}

export async function findHealth(db: DbOrTx, trunkId: number): Promise<TrunkHealth | undefined> {
  const [row] = await db.select().from(trunkHealth).where(eq(trunkHealth.trunkId, trunkId));
  return row;
}
