import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { countRows, deleteById, findById, insertRow, rowsInIdOrder } from "@/db/rows";
import { campaigns, cdr, leads, type Campaign, type CampaignStatus } from "@/db/schema";
import { bit, formatTime } from "../api/format";

export type CampaignStats = {
  total: number;
  pending: number;
  calling: number;
  answered: number;
  completed: number;
  failed: number;
  no_answer: number;
  busy: number;
  dnc: number;
  total_calls: number;
  answered_calls: number;
  /** Calls where a person answered and no agent took them within 2 s. */
  abandoned_calls: number;
  /** abandoned / live answers (people, not machines), over the rolling windows the law counts. */
  abandon_rate_24h: number;
  abandon_rate_30d: number;
};

export const emptyStats = (): CampaignStats => ({
  total: 0,
  pending: 0,
  calling: 0,
  answered: 0,
  completed: 0,
  failed: 0,
  no_answer: 0,
  busy: 0,
  dnc: 0,
  total_calls: 0,
  answered_calls: 0,
  abandoned_calls: 0,
  abandon_rate_24h: 0,
  abandon_rate_30d: 0,
});

export function toCampaignDto(c: Campaign, stats: CampaignStats) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    trunk_type: c.trunkType,
    trunk_value: c.trunkValue,
    callerid: c.callerid,
    agent_dest_type: c.agentDestType,
    agent_dest_value: c.agentDestValue,
    record_calls: bit(c.recordCalls),
    status: c.status,
    concurrent_calls: c.concurrentCalls,
    retry_times: c.retryTimes,
    retry_delay: c.retryDelay,
    dial_mode: c.dialMode,
    dial_timeout: c.dialTimeout,
    amd_enabled: bit(c.amdEnabled),
    machine_action: c.machineAction,
    machine_message: c.machineMessage,
    abandon_cap: c.abandonCap,
    abandon_rule: c.abandonRule,
    amd_false_positive_rate: c.amdFalsePositiveRate,
    abandon_message: c.abandonMessage,
    wrapup_sec: c.wrapupSec,
    queue_id: c.queueId,
    agent_drop_action: c.agentDropAction,
    preview_timeout_sec: c.previewTimeoutSec,
    preview_timeout_action: c.previewTimeoutAction,
    timezone: c.timezone,
    calling_hours_start: c.callingHoursStart,
    calling_hours_end: c.callingHoursEnd,
    schedule: c.schedule,
    retry_rules: c.retryRules,
    frequency: c.frequency,
    call_max_duration: c.callMaxDuration,
    demo: c.demo,
    created_at: formatTime(c.createdAt)!,
    updated_at: formatTime(c.updatedAt),
    stats,
  };
}
export type CampaignDto = ReturnType<typeof toCampaignDto>;

/**
 * Number counts by status come from the leads; `total_calls` and `answered_calls` count call
 * records (every attempt), so a number retried twice adds two calls.
 */
export async function statsFor(db: DbOrTx, ids: number[]): Promise<Map<number, CampaignStats>> {
  const out = new Map<number, CampaignStats>(ids.map((id) => [id, emptyStats()]));
  if (ids.length === 0) return out;
  const live = sql`${cdr.disposition} = 'answered' and coalesce(${cdr.amdResult}, '') <> 'MACHINE'`;
  const [byStatus, calls] = await Promise.all([
    db
      .select({ campaignId: leads.campaignId, status: leads.status, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(inArray(leads.campaignId, ids))
      .groupBy(leads.campaignId, leads.status),
    db
      .select({
        campaignId: cdr.campaignId,
        total: sql<number>`count(*)::int`,
        answered: sql<number>`(count(*) filter (where ${cdr.disposition} = 'answered'))::int`,
        abandoned: sql<number>`(count(*) filter (where ${cdr.abandoned}))::int`,
        live30: sql<number>`(count(*) filter (where ${live} and ${cdr.startTime} >= now() - interval '30 days'))::int`,
        ab30: sql<number>`(count(*) filter (where ${cdr.abandoned} and ${cdr.startTime} >= now() - interval '30 days'))::int`,
        live24: sql<number>`(count(*) filter (where ${live} and ${cdr.startTime} >= now() - interval '24 hours'))::int`,
        ab24: sql<number>`(count(*) filter (where ${cdr.abandoned} and ${cdr.startTime} >= now() - interval '24 hours'))::int`,
      })
      .from(cdr)
      .where(inArray(cdr.campaignId, ids))
      .groupBy(cdr.campaignId),
  ]);
  for (const row of byStatus) {
    const s = out.get(row.campaignId)!;
    s.total += row.n;
    if (row.status in s) s[row.status as keyof CampaignStats] += row.n;
  }
  for (const row of calls) {
    const s = out.get(row.campaignId!)!;
    s.total_calls = row.total;
    s.answered_calls = row.answered;
    s.abandoned_calls = row.abandoned;
    s.abandon_rate_30d = row.live30 ? Math.round((row.ab30 / row.live30) * 10_000) / 10_000 : 0;
    s.abandon_rate_24h = row.live24 ? Math.round((row.ab24 / row.live24) * 10_000) / 10_000 : 0;
  }
  return out;
}

export async function listCampaignRows(db: DbOrTx, status?: CampaignStatus): Promise<Campaign[]> {
  return rowsInIdOrder(db, campaigns, status ? eq(campaigns.status, status) : undefined);
}

export async function listCampaignRowsByStatus(db: DbOrTx, statuses: CampaignStatus[]): Promise<Campaign[]> {
  return rowsInIdOrder(db, campaigns, inArray(campaigns.status, statuses));
}

export const findCampaign = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Campaign | undefined> => findById(db, campaigns, id, opts);

export const insertCampaign = (db: DbOrTx, values: typeof campaigns.$inferInsert): Promise<Campaign> => insertRow(db, campaigns, values);

export async function updateCampaignRow(
  db: DbOrTx,
  id: number,
  set: Partial<typeof campaigns.$inferInsert>,
): Promise<Campaign | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(campaigns.id, id))
    .returning();
  return row;
}

/** Moves a campaign between states atomically: only rows currently in `from` change. */
export async function transitionCampaign(
  db: DbOrTx,
  id: number,
  from: CampaignStatus[],
  to: CampaignStatus,
): Promise<Campaign | undefined> {
  const [row] = await db
    .update(campaigns)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, from)))
    .returning();
  return row;
}

export const deleteCampaignRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, campaigns, id);

export async function countCampaignsByStatus(db: DbOrTx, statuses: CampaignStatus[]): Promise<number> {
  return countRows(db, campaigns, inArray(campaigns.status, statuses));
}
