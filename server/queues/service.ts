import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Agent, Queue } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findAgent, findAgentByName } from "../agents/queries";
import {
  campaignsOfQueues,
  deleteQueueRow,
  deleteTierRow,
  findQueue,
  findQueueByName,
  findTier,
  insertQueue,
  insertTier,
  listQueueRows,
  tierCounts,
  tierRows,
  toQueueDto,
  toTierDto,
  updateQueueRow,
} from "./queries";
import type { addTierBody, createQueueBody, updateQueueBody } from "./validation";

/**
 * Queues (mod_callcenter's model): strategy, tier rules, wrap-up, no-answer delay and music on
 * hold, and the tiers that put agents in them. The dialer reads them each tick (see
 * server/dialer/queue-routing.ts); every change here is audited.
 */

async function dtos(db: DbOrTx, rows: Queue[]) {
  const ids = rows.map((q) => q.id);
  const [counts, used] = await Promise.all([tierCounts(db, ids), campaignsOfQueues(db, ids)]);
  return rows.map((q) => toQueueDto(q, { tierCount: counts.get(q.id) ?? 0, campaigns: used.get(q.id) ?? [] }));
}

async function withTiers(db: DbOrTx, q: Queue) {
  const [dto] = await dtos(db, [q]);
  return { ...dto, tiers: (await tierRows(db, q.id)).map(toTierDto) };
}

type QueueInput = Partial<z.output<typeof createQueueBody>>;

function columns(input: QueueInput) {
  return {
    name: input.name,
    strategy: input.strategy,
    moh: input.moh,
    tierRulesApply: input.tier_rules?.apply,
    tierRuleWaitSec: input.tier_rules?.wait_second,
    tierRuleWaitMultiplyLevel: input.tier_rules?.wait_multiply_level,
    wrapUpSec: input.wrap_up_sec,
    noAnswerDelaySec: input.no_answer_delay_sec,
  };
}

async function checkName(db: DbOrTx, name: string | undefined, except?: number) {
  if (!name) return;
  const taken = await findQueueByName(db, name);
  if (taken && taken.id !== except) throw ApiError.conflict(`A queue named '${name}' already exists`);
}

export async function listQueues() {
  const db = await getDb();
  return dtos(db, await listQueueRows(db));
}

export async function getQueue(id: number) {
  const db = await getDb();
  return withTiers(db, orNotFound(await findQueue(db, id), "Queue"));
}

export async function createQueue(caller: Caller, input: z.output<typeof createQueueBody>) {
  return inTransaction(async (tx) => {
    await checkName(tx, input.name);
    const row = await insertQueue(tx, { ...columns(input), name: input.name });
    const dto = await withTiers(tx, row);
    await recordAudit(tx, caller, { action: "queue.create", entityType: "queue", entityId: row.id, details: dto });
    return dto;
  });
}

export async function updateQueue(caller: Caller, id: number, input: z.output<typeof updateQueueBody>) {
  return inTransaction(async (tx) => {
    const before = orNotFound(await findQueue(tx, id, { forUpdate: true }), "Queue");
    await checkName(tx, input.name, id);
    const after = await updateQueueRow(tx, id, columns(input));
    const [was, now] = await dtos(tx, [before, after]);
    await recordAudit(tx, caller, { action: "queue.update", entityType: "queue", entityId: id, details: { before: was, after: now } });
    return withTiers(tx, after);
  });
}

/** A queue no campaign routes to (409 otherwise: point those campaigns elsewhere first). */
export async function deleteQueue(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findQueue(tx, id, { forUpdate: true }), "Queue");
    const used = (await campaignsOfQueues(tx, [id])).get(id) ?? [];
    if (used.length) throw ApiError.conflict(`Queue '${row.name}' is used by campaign(s) ${used.map((c) => `'${c.name}'`).join(", ")}: set their queue_id to another queue or null first`);
    const [dto] = await dtos(tx, [row]);
    await deleteQueueRow(tx, id);
    await recordAudit(tx, caller, { action: "queue.delete", entityType: "queue", entityId: id, details: dto });
  });
}

export async function listTiers(queueId: number) {
  const db = await getDb();
  orNotFound(await findQueue(db, queueId), "Queue");
  return (await tierRows(db, queueId)).map(toTierDto);
}

async function resolveAgent(db: DbOrTx, ref: number | string): Promise<Agent> {
  const agent = typeof ref === "number" ? await findAgent(db, ref) : ((await findAgentByName(db, ref)) ?? (/^\d+$/.test(ref) ? await findAgent(db, Number(ref)) : undefined));
  if (!agent) throw ApiError.badRequest("Validation failed: agent: no such agent", { agent: [`no agent with id or name '${ref}'`] });
  return agent;
}

/** Puts an agent in the queue at a level and position (409 when it is already there). */
export async function addTier(caller: Caller, queueId: number, input: z.output<typeof addTierBody>) {
  return inTransaction(async (tx) => {
    const queue = orNotFound(await findQueue(tx, queueId, { forUpdate: true }), "Queue");
    const agent = await resolveAgent(tx, input.agent);
    if (await findTier(tx, queueId, agent.id)) throw ApiError.conflict(`Agent '${agent.name}' is already in queue '${queue.name}'; remove its tier to change it`);
    const tier = await insertTier(tx, { queueId, agentId: agent.id, level: input.level, position: input.position });
    const dto = toTierDto({ tier, agentName: agent.name, agentState: agent.state });
    await recordAudit(tx, caller, { action: "queue.tier_add", entityType: "queue", entityId: queueId, details: dto });
    return dto;
  });
}

export async function removeTier(caller: Caller, queueId: number, agentId: number) {
  await inTransaction(async (tx) => {
    orNotFound(await findQueue(tx, queueId, { forUpdate: true }), "Queue");
    const tier = orNotFound(await findTier(tx, queueId, agentId), "Tier");
    await deleteTierRow(tx, queueId, agentId);
    await recordAudit(tx, caller, { action: "queue.tier_remove", entityType: "queue", entityId: queueId, details: { agent_id: agentId, level: tier.level, position: tier.position } });
  });
}
