import { and, eq, inArray, ne, or, sql, type AnyColumn } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agents, agentStateLog, callAttempts, campaigns, cdr, leads, lists, monitorSessions, users, type Agent, type Campaign } from "@/db/schema";

/**
 * Every SQL touch of the demo's rows as a whole: finding them, waiting for them to come to rest,
 * and deleting them with what the dialer wrote about them (attempts, call records and agents'
 * state stretches carry ids, not foreign keys, so they would outlive a plain delete).
 */

export type DemoRows = { campaigns: Campaign[]; agents: Agent[] };

export async function findDemoRows(db: DbOrTx): Promise<DemoRows> {
  const [demoCampaigns, demoAgents] = await Promise.all([
    db.select().from(campaigns).where(eq(campaigns.demo, true)).orderBy(campaigns.id),
    db.select().from(agents).where(eq(agents.demo, true)).orderBy(agents.id),
  ]);
  return { campaigns: demoCampaigns, agents: demoAgents };
}


/** Demo calls not yet closed, and demo agents whose phones a dialer still holds: removal waits for both to be none. */
export async function demoStillLive(db: DbOrTx, rows: DemoRows): Promise<{ calls: number; agents: number }> {
  const campaignIds = rows.campaigns.map((c) => c.id);
  const agentIds = rows.agents.map((a) => a.id);
  const [calls] = campaignIds.length
    ? await db.select({ n: sql<number>`count(*)::int` }).from(callAttempts).where(and(inArray(callAttempts.campaignId, campaignIds), ne(callAttempts.state, "ended")))
    : [{ n: 0 }];
  const [held] = agentIds.length
    ? await db.select({ n: sql<number>`count(*)::int` }).from(agents).where(and(inArray(agents.id, agentIds), or(ne(agents.state, "logged_out"), sql`${agents.owner} is not null`)))
    : [{ n: 0 }];
  return { calls: calls.n, agents: held.n };
}

export type RemovedCounts = { campaigns: number; lists: number; leads: number; agents: number; users: number; call_records: number; call_attempts: number };

/** Deletes the demo's rows and everything written about them, in the caller's transaction. */
export async function deleteDemoRows(tx: DbOrTx, rows: DemoRows): Promise<RemovedCounts> {
  const campaignIds = rows.campaigns.map((c) => c.id);
  const agentIds = rows.agents.map((a) => a.id);
  const none = sql`false`;
  const byCampaign = (col: AnyColumn) => (campaignIds.length ? inArray(col, campaignIds) : none);
  const byAgent = (col: AnyColumn) => (agentIds.length ? inArray(col, agentIds) : none);

  const [leadCount] = campaignIds.length ? await tx.select({ n: sql<number>`count(*)::int` }).from(leads).where(inArray(leads.campaignId, campaignIds)) : [{ n: 0 }];
  const [listCount] = campaignIds.length ? await tx.select({ n: sql<number>`count(*)::int` }).from(lists).where(inArray(lists.campaignId, campaignIds)) : [{ n: 0 }];
  const records = await tx.delete(cdr).where(or(byCampaign(cdr.campaignId), byAgent(cdr.agentId))).returning({ id: cdr.id });
  const attempts = await tx.delete(callAttempts).where(or(byCampaign(callAttempts.campaignId), byAgent(callAttempts.agentId))).returning({ id: callAttempts.id });
  await tx.delete(agentStateLog).where(or(byCampaign(agentStateLog.campaignId), byAgent(agentStateLog.agentId)));
  await tx.delete(monitorSessions).where(or(byCampaign(monitorSessions.campaignId), byAgent(monitorSessions.agentId)));
  if (agentIds.length) await tx.delete(agents).where(inArray(agents.id, agentIds));
  // Every user made for the demo goes (also one whose agent was deleted by hand); a real user an
  // admin tied to a demo agent stays.
  const removedUsers = await tx.delete(users).where(eq(users.demo, true)).returning({ id: users.id });
  // Lists, leads, campaign DNC numbers and trunk assignments go with their campaign (cascade).
  if (campaignIds.length) await tx.delete(campaigns).where(inArray(campaigns.id, campaignIds));
  return {
    campaigns: campaignIds.length,
    lists: listCount.n,
    leads: leadCount.n,
    agents: agentIds.length,
    users: removedUsers.length,
    call_records: records.length,
    call_attempts: attempts.length,
  };
}
