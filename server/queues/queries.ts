import { and, asc, count, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, rowsInIdOrder, updateById } from "@/db/rows";
import { agents, campaigns, queues, queueTiers, type Queue } from "@/db/schema";
import { formatTime } from "../api/format";

/** Every SQL touch of `queues` and `queue_tiers`. */

export type QueueCampaignRef = { id: number; name: string };

export function toQueueDto(q: Queue, extra: { tierCount: number; campaigns: QueueCampaignRef[] }) {
  return {
    id: q.id,
    name: q.name,
    strategy: q.strategy,
    moh: q.moh,
    tier_rules: { apply: q.tierRulesApply, wait_second: q.tierRuleWaitSec, wait_multiply_level: q.tierRuleWaitMultiplyLevel },
    wrap_up_sec: q.wrapUpSec,
    no_answer_delay_sec: q.noAnswerDelaySec,
    tier_count: extra.tierCount,
    campaigns: extra.campaigns,
    created_at: formatTime(q.createdAt)!,
    updated_at: formatTime(q.updatedAt),
  };
}

export const listQueueRows = (db: DbOrTx): Promise<Queue[]> => rowsInIdOrder(db, queues);

export const findQueue = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Queue | undefined> => findById(db, queues, id, opts);

export async function findQueueByName(db: DbOrTx, name: string): Promise<Queue | undefined> {
  const [row] = await db.select().from(queues).where(eq(queues.name, name));
  return row;
}

export const insertQueue = (db: DbOrTx, values: typeof queues.$inferInsert): Promise<Queue> => insertRow(db, queues, values);

export const updateQueueRow = async (db: DbOrTx, id: number, set: Partial<typeof queues.$inferInsert>): Promise<Queue> => (await updateById(db, queues, id, set))!;

export const deleteQueueRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, queues, id);

/** How many tiers each queue has. */
export async function tierCounts(db: DbOrTx, queueIds: number[]): Promise<Map<number, number>> {
  if (queueIds.length === 0) return new Map();
  const rows = await db.select({ queueId: queueTiers.queueId, n: count() }).from(queueTiers).where(inArray(queueTiers.queueId, queueIds)).groupBy(queueTiers.queueId);
  return new Map(rows.map((r) => [r.queueId, Number(r.n)]));
}

/** The campaigns that send their answered calls to each queue. */
export async function campaignsOfQueues(db: DbOrTx, queueIds?: number[]): Promise<Map<number, QueueCampaignRef[]>> {
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name, queueId: campaigns.queueId })
    .from(campaigns)
    .where(queueIds ? inArray(campaigns.queueId, queueIds.length ? queueIds : [-1]) : isNotNull(campaigns.queueId))
    .orderBy(asc(campaigns.id));
  const out = new Map<number, QueueCampaignRef[]>();
  for (const r of rows) {
    const list = out.get(r.queueId!) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.queueId!, list);
  }
  return out;
}

/** A queue's tiers with their agents, by level and position. */
export async function tierRows(db: DbOrTx, queueId: number) {
  return db
    .select({ tier: queueTiers, agentName: agents.name, agentState: agents.state })
    .from(queueTiers)
    .innerJoin(agents, eq(agents.id, queueTiers.agentId))
    .where(eq(queueTiers.queueId, queueId))
    .orderBy(asc(queueTiers.level), asc(queueTiers.position), asc(queueTiers.agentId));
}

export type TierRow = Awaited<ReturnType<typeof tierRows>>[number];

export function toTierDto(r: TierRow) {
  return {
    id: r.tier.id,
    queue_id: r.tier.queueId,
    agent_id: r.tier.agentId,
    agent_name: r.agentName,
    agent_state: r.agentState,
    level: r.tier.level,
    position: r.tier.position,
    created_at: formatTime(r.tier.createdAt)!,
  };
}

export async function findTier(db: DbOrTx, queueId: number, agentId: number) {
  const [row] = await db.select().from(queueTiers).where(and(eq(queueTiers.queueId, queueId), eq(queueTiers.agentId, agentId)));
  return row;
}

export async function insertTier(db: DbOrTx, values: typeof queueTiers.$inferInsert) {
  const [row] = await db.insert(queueTiers).values(values).returning();
  return row;
}

export async function deleteTierRow(db: DbOrTx, queueId: number, agentId: number): Promise<void> {
  await db.delete(queueTiers).where(and(eq(queueTiers.queueId, queueId), eq(queueTiers.agentId, agentId)));
}

/**
 * What the dialer routes by, for the campaigns given: each one's own wrap-up and, when it has a
 * queue, the queue's rules and tiers (agent → level, position).
 */
export async function queueRoutesOf(db: DbOrTx, campaignIds: number[]) {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .select({ campaignId: campaigns.id, wrapupSec: campaigns.wrapupSec, queue: queues, agentId: queueTiers.agentId, level: queueTiers.level, position: queueTiers.position })
    .from(campaigns)
    .leftJoin(queues, eq(queues.id, campaigns.queueId))
    .leftJoin(queueTiers, eq(queueTiers.queueId, queues.id))
    .where(inArray(campaigns.id, campaignIds));
  const out = new Map<number, QueueRoute>();
  for (const r of rows) {
    const route = out.get(r.campaignId) ?? { campaignId: r.campaignId, wrapupSec: r.wrapupSec, queue: r.queue, tiers: new Map() };
    if (r.agentId !== null) route.tiers.set(r.agentId, { level: r.level!, position: r.position! });
    out.set(r.campaignId, route);
  }
  return [...out.values()];
}

export type QueueRoute = { campaignId: number; wrapupSec: number; queue: Queue | null; tiers: Map<number, { level: number; position: number }> };
