import { and, desc, eq, isNotNull, ne, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { findById, insertRow, updateById } from "@/db/rows";
import { dialerNodes, monitorSessions, type MonitorMode, type MonitorSession } from "@/db/schema";
import { formatTime } from "../api/format";

export function toMonitorDto(m: MonitorSession) {
  return {
    id: m.id,
    agent_id: m.agentId,
    agent_name: m.agentName,
    user_id: m.userId,
    username: m.username,
    campaign_id: m.campaignId,
    attempt_id: m.attemptId,
    phone: m.phone,
    mode: m.mode,
    requested_mode: m.requestedMode,
    state: m.state,
    stop_requested: m.stopRequestedBy !== null,
    end_reason: m.endReason,
    created_at: formatTime(m.createdAt)!,
    answered_at: formatTime(m.answeredAt),
    ended_at: formatTime(m.endedAt),
  };
}
export type MonitorDto = ReturnType<typeof toMonitorDto>;

const live = ne(monitorSessions.state, "ended");

export const findMonitor = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<MonitorSession | undefined> => findById(db, monitorSessions, id, opts);

export const insertMonitor = (db: DbOrTx, values: typeof monitorSessions.$inferInsert): Promise<MonitorSession> => insertRow(db, monitorSessions, values);

export const updateMonitorRow = (db: DbOrTx, id: number, set: Partial<typeof monitorSessions.$inferInsert>): Promise<MonitorSession | undefined> => updateById(db, monitorSessions, id, set);

/** The mode now in effect; a request for exactly it is done, a newer request stays pending. */
export async function setMonitorMode(db: DbOrTx, id: number, mode: MonitorMode): Promise<MonitorSession | undefined> {
  const [row] = await db
    .update(monitorSessions)
    .set({ mode, requestedMode: sql`case when ${monitorSessions.requestedMode} = ${mode} then null else ${monitorSessions.requestedMode} end`, updatedAt: new Date() })
    .where(eq(monitorSessions.id, id))
    .returning();
  return row;
}

/** Sessions not ended yet, oldest first. */
export async function liveMonitorRows(db: DbOrTx): Promise<MonitorSession[]> {
  return db.select().from(monitorSessions).where(live).orderBy(monitorSessions.id);
}

export async function liveMonitorOfAgent(db: DbOrTx, agentId: number): Promise<MonitorSession | undefined> {
  const [row] = await db.select().from(monitorSessions).where(and(live, eq(monitorSessions.agentId, agentId)));
  return row;
}

export async function liveMonitorOfUser(db: DbOrTx, userId: number): Promise<MonitorSession | undefined> {
  const [row] = await db.select().from(monitorSessions).where(and(live, eq(monitorSessions.userId, userId)));
  return row;
}

/** The phone a user last listened in from. */
export async function lastMonitorPhone(db: DbOrTx, userId: number): Promise<string | null> {
  const [row] = await db.select({ phone: monitorSessions.phone }).from(monitorSessions).where(eq(monitorSessions.userId, userId)).orderBy(desc(monitorSessions.id)).limit(1);
  return row?.phone ?? null;
}

/** Live sessions a dialer process serves. */
export async function monitorRowsOfNode(db: DbOrTx, node: string): Promise<MonitorSession[]> {
  return db.select().from(monitorSessions).where(and(live, eq(monitorSessions.node, node)));
}

/** Sessions of a dialer that stopped beating: the supervisor's leg went with it. */
export async function endMonitorsOfDeadNodes(db: DbOrTx, staleSec: number): Promise<MonitorSession[]> {
  const alive = db.select({ id: dialerNodes.id }).from(dialerNodes).where(sql`${dialerNodes.heartbeatAt} >= now() - make_interval(secs => ${staleSec})`);
  return db
    .update(monitorSessions)
    .set({ state: "ended", endedAt: new Date(), endReason: "the dialer holding the call stopped", requestedMode: null, updatedAt: new Date() })
    .where(and(live, isNotNull(monitorSessions.node), notInArray(monitorSessions.node, alive)))
    .returning();
}
