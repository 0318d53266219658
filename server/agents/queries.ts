import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { countRows, deleteById, findById, insertRow, updateById } from "@/db/rows";
import { agents, agentStateLog, callAttempts, cdr, dialerNodes, type Agent, type AgentState, type PauseReason } from "@/db/schema";
import { formatTime } from "../api/format";

export function toAgentDto(a: Agent) {
  return {
    id: a.id,
    user_id: a.userId,
    name: a.name,
    extension: a.extension,
    campaign_id: a.campaignId,
    state: a.state,
    requested_state: a.requestedState,
    state_since: formatTime(a.stateSince)!,
    ready_since: formatTime(a.readySince),
    current_attempt_id: a.currentAttemptId,
    last_attempt_id: a.lastAttemptId,
    break_reason: a.state === "on_break" || a.requestedState === "on_break" ? (a.breakReason ?? "break") : null,
    demo: a.demo,
    created_at: formatTime(a.createdAt)!,
    updated_at: formatTime(a.updatedAt),
  };
}
export type AgentDto = ReturnType<typeof toAgentDto>;

export async function listAgentRows(db: DbOrTx, filter: { campaignId?: number } = {}): Promise<Agent[]> {
  return db
    .select()
    .from(agents)
    .where(filter.campaignId ? eq(agents.campaignId, filter.campaignId) : undefined)
    .orderBy(asc(agents.id));
}

export const findAgent = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Agent | undefined> => findById(db, agents, id, opts);

export async function findAgentByUser(db: DbOrTx, userId: number): Promise<Agent | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.userId, userId));
  return row;
}

export async function findAgentByName(db: DbOrTx, name: string): Promise<Agent | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.name, name));
  return row;
}

export const insertAgent = (db: DbOrTx, values: typeof agents.$inferInsert): Promise<Agent> => insertRow(db, agents, values);

export const updateAgentRow = (db: DbOrTx, id: number, set: Partial<typeof agents.$inferInsert>): Promise<Agent | undefined> => updateById(db, agents, id, set);

/**
 * The agent's state changed at `at`: the stretch it was in ends, and a new one starts unless it
 * logged out. Written by the dialer holding the agent, right after the agent's row.
 */
export async function recordAgentState(db: DbOrTx, agentId: number, campaignId: number | null, state: AgentState, at: Date, reason: PauseReason | null = null): Promise<void> {
  await db.update(agentStateLog).set({ endedAt: at }).where(and(eq(agentStateLog.agentId, agentId), isNull(agentStateLog.endedAt)));
  if (state !== "logged_out") await db.insert(agentStateLog).values({ agentId, campaignId, state, startedAt: at, reason: state === "on_break" ? reason : null });
}

export const deleteAgentRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, agents, id);

/** Agents with a request pending, or held by this dialer. */
export async function agentRowsToSync(db: DbOrTx, nodeId: string): Promise<Agent[]> {
  return db
    .select()
    .from(agents)
    .where(or(isNotNull(agents.requestedState), eq(agents.owner, nodeId)));
}

/** Takes a login request: only one dialer may hold the agent's phone. */
export async function claimAgentLogin(db: DbOrTx, id: number, nodeId: string): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({ owner: nodeId, requestedState: null, updatedAt: new Date() })
    .where(and(eq(agents.id, id), eq(agents.requestedState, "available"), or(isNull(agents.owner), eq(agents.owner, nodeId))))
    .returning({ id: agents.id });
  return rows.length > 0;
}

/** Agents held by a dialer that stopped beating: their phone legs went with it. */
export async function releaseAgentsOfDeadNodes(db: DbOrTx, staleSec: number): Promise<void> {
  const alive = db.select({ id: dialerNodes.id }).from(dialerNodes).where(sql`${dialerNodes.heartbeatAt} >= now() - make_interval(secs => ${staleSec})`);
  const orphaned = db.select({ id: agents.id }).from(agents).where(and(isNotNull(agents.owner), notInArray(agents.owner, alive)));
  // Their last stretch ended when their dialer did, as far as anyone can tell.
  await db.update(agentStateLog).set({ endedAt: new Date() }).where(and(isNull(agentStateLog.endedAt), inArray(agentStateLog.agentId, orphaned)));
  await db
    .update(agents)
    .set({ state: "logged_out", owner: null, channelId: null, bridgeId: null, pbxKey: null, currentAttemptId: null, campaignId: null, stateSince: new Date(), updatedAt: new Date() })
    .where(and(isNotNull(agents.owner), notInArray(agents.owner, alive)));
}

export async function countAgentsNotLoggedOut(db: DbOrTx, campaignId: number): Promise<number> {
  return countRows(db, agents, and(eq(agents.campaignId, campaignId), ne(agents.state, "logged_out")));
}

/** The lead an agent is on, or was last on (its current attempt, else its last one); null when none. */
export async function leadOfAgent(db: DbOrTx, agent: Agent): Promise<number | null> {
  const ids = [agent.currentAttemptId, agent.lastAttemptId].filter((id): id is number => id !== null);
  if (!ids.length) return null;
  const rows = await db.select({ id: callAttempts.id, leadId: callAttempts.leadId }).from(callAttempts).where(inArray(callAttempts.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r.leadId]));
  return ids.map((id) => byId.get(id)).find((l) => l !== undefined) ?? null;
}

/** Whether `leadId` is the lead of the agent's current or last attempt: the only leads the console may read or edit. */
export async function agentIsOnLead(db: DbOrTx, agent: Agent, leadId: number): Promise<boolean> {
  const ids = [agent.currentAttemptId, agent.lastAttemptId].filter((id): id is number => id !== null);
  if (!ids.length) return false;
  const rows = await db.select({ id: callAttempts.id }).from(callAttempts).where(and(inArray(callAttempts.id, ids), eq(callAttempts.leadId, leadId)));
  return rows.length > 0;
}

/**
 * Every call placed to a lead, newest first: the number dialled, how it ended (the CDR's outcome),
 * the agent's word and notes (kept on the attempt), and who took it. Shown leads are left out
 * (a preview skipped was never dialled).
 */
export async function leadHistoryRows(db: DbOrTx, leadId: number, limit = 50) {
  return db
    .select({
      attempt: callAttempts,
      cdrDisposition: cdr.disposition,
      leadDisposition: cdr.leadDisposition,
      billsec: cdr.billsec,
      cdrAgent: cdr.agent,
      agentName: agents.name,
    })
    .from(callAttempts)
    .leftJoin(cdr, eq(cdr.attemptId, callAttempts.id))
    .leftJoin(agents, eq(agents.id, callAttempts.agentId))
    .where(and(eq(callAttempts.leadId, leadId), notInArray(callAttempts.state, ["claimed", "preview"])))
    .orderBy(desc(callAttempts.startedAt), desc(callAttempts.id))
    .limit(limit);
}

/** Asks the dialer holding the agent to hang up the customer on `attemptId`. */
export async function requestAgentHangup(db: DbOrTx, agentId: number, attemptId: number): Promise<void> {
  await db.update(agents).set({ hangupAttemptId: attemptId, updatedAt: new Date() }).where(eq(agents.id, agentId));
}
