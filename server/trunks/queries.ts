import { and, asc, count, eq, gte, ilike, inArray, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, updateById } from "@/db/rows";
import { callAttempts, campaignTrunks, campaigns, trunkHealth, trunks, trunkUsage, type Trunk } from "@/db/schema";
import { formatTime } from "../api/format";
import type { TrunkLoad, TrunkRoute } from "../dialer/trunk-picker";

/** Every SQL touch of trunks: the resource itself, campaigns' assignments, and the dialer's shared counters. */

export type RouteRow = TrunkRoute & { enabled: boolean; pbxServerId: number | null };

/** What names a trunk and makes its dial string, as both campaign-trunk reads select it. */
const trunkNaming = { trunkId: trunks.id, name: trunks.name, type: trunks.type, value: trunks.value };

/**
 * A campaign's trunks, their rows locked until the transaction ends, with the calls up on each
 * (every campaign, every process: the open attempts) and their start counters. The lock is what
 * makes the caps hold across processes: whoever holds it sees every call placed before it and
 * hands out slots nobody else can.
 */
export function lockCampaignRoutes(tx: DbOrTx, campaignId: number): Promise<{ routes: RouteRow[]; loads: Map<number, TrunkLoad> }> {
  return campaignRoutes(tx, campaignId, { lock: true });
}

/**
 * The same read without the lock, for a look that places no call (the wallboard asking whether
 * the trunks have room): it may be a moment out of date, and never blocks the dialer.
 */
export async function campaignRoutes(tx: DbOrTx, campaignId: number, opts: { lock: boolean } = { lock: false }): Promise<{ routes: RouteRow[]; loads: Map<number, TrunkLoad> }> {
  const query = tx
    .select({
      ...trunkNaming,
      weight: sql<number>`coalesce(${campaignTrunks.weight}, ${trunks.weight})`,
      priority: campaignTrunks.priority,
      maxChannels: trunks.maxChannels,
      maxCps: trunks.maxCps,
      removePrefix: trunks.removePrefix,
      addPrefix: trunks.addPrefix,
      // A trunk out of rotation (failing; see server/providers) is skipped as a disabled one is.
      enabled: sql<boolean>`(${trunks.enabled} and coalesce(${trunkHealth.inRotation}, true))`,
      pbxServerId: trunks.pbxServerId,
    })
    .from(campaignTrunks)
    .innerJoin(trunks, eq(trunks.id, campaignTrunks.trunkId))
    .leftJoin(trunkHealth, eq(trunkHealth.trunkId, trunks.id))
    .where(eq(campaignTrunks.campaignId, campaignId))
    .orderBy(asc(trunks.id));
  const rows = opts.lock ? await query.for("update", { of: trunks }) : await query;
  const loads = await trunkLoads(tx, rows.filter((r) => r.enabled).map((r) => r.trunkId));
  return { routes: rows, loads };
}

async function trunkLoads(tx: DbOrTx, ids: number[]): Promise<Map<number, TrunkLoad>> {
  const loads = new Map<number, TrunkLoad>(ids.map((id) => [id, { live: 0, second: 0, used: 0 }]));
  if (ids.length === 0) return loads;
  const [live, usage] = await Promise.all([
    tx
      .select({ trunkId: callAttempts.trunkId, n: sql<number>`count(*)::int` })
      .from(callAttempts)
      .where(and(inArray(callAttempts.trunkId, ids), ne(callAttempts.state, "ended")))
      .groupBy(callAttempts.trunkId),
    tx.select().from(trunkUsage).where(inArray(trunkUsage.trunkId, ids)),
  ]);
  for (const r of live) loads.get(r.trunkId!)!.live = r.n;
  for (const u of usage) Object.assign(loads.get(u.trunkId)!, { second: u.second, used: u.used });
  return loads;
}

export async function saveTrunkUsage(tx: DbOrTx, usage: { trunkId: number; second: number; used: number }[]): Promise<void> {
  if (usage.length === 0) return;
  await tx
    .insert(trunkUsage)
    .values(usage)
    .onConflictDoUpdate({ target: trunkUsage.trunkId, set: { second: sql`excluded.second`, used: sql`excluded.used` } });
}

/** The next leg of an attempt: another trunk after a failure, or a fresh start slot. */
export type Reroute = { attemptId: number; channelId: string; dialString: string; dialedNumber: string; trunk: string; trunkId: number; dialedAt: Date; failover: boolean };

export async function rerouteAttempts(tx: DbOrTx, moves: Reroute[]): Promise<void> {
  if (moves.length === 0) return;
  const values = moves.map(
    (m) => sql`(${m.attemptId}::int, ${m.channelId}::text, ${m.dialString}::text, ${m.dialedNumber}::text, ${m.trunk}::text, ${m.trunkId}::int, ${m.dialedAt.toISOString()}::timestamptz, ${m.failover ? 1 : 0}::int)`,
  );
  await tx.execute(sql`
    update call_attempts as a set channel_id = v.channel_id, dial_string = v.dial_string, dialed_number = v.dialed_number, trunk = v.trunk, trunk_id = v.trunk_id,
      dialed_at = v.dialed_at, failovers = a.failovers + v.failover
    from (values ${sql.join(values, sql`, `)}) as v(id, channel_id, dial_string, dialed_number, trunk, trunk_id, dialed_at, failover)
    where a.id = v.id and a.state <> 'ended'`);
}

// -----------------------------------------------------------------------------------------------
// The resource

export type TrunkFigures = { liveChannels: number; cps: number };

/** Calls up now and starts per second over the last `windowSec`, per trunk, from every process's attempts. */
export async function trunkFigures(db: DbOrTx, ids: number[], windowSec = 10): Promise<Map<number, TrunkFigures>> {
  const out = new Map<number, TrunkFigures>(ids.map((id) => [id, { liveChannels: 0, cps: 0 }]));
  if (ids.length === 0) return out;
  const since = new Date(Date.now() - windowSec * 1000);
  const [live, recent] = await Promise.all([
    db
      .select({ trunkId: callAttempts.trunkId, n: sql<number>`count(*)::int` })
      .from(callAttempts)
      .where(and(inArray(callAttempts.trunkId, ids), ne(callAttempts.state, "ended")))
      .groupBy(callAttempts.trunkId),
    db
      .select({ trunkId: callAttempts.trunkId, n: sql<number>`count(*)::int` })
      .from(callAttempts)
      .where(and(inArray(callAttempts.trunkId, ids), gte(callAttempts.dialedAt, since)))
      .groupBy(callAttempts.trunkId),
  ]);
  for (const r of live) out.get(r.trunkId!)!.liveChannels = r.n;
  for (const r of recent) out.get(r.trunkId!)!.cps = Math.round((r.n / windowSec) * 10) / 10;
  return out;
}

export function toTrunkDto(t: Trunk, figures: TrunkFigures = { liveChannels: 0, cps: 0 }, campaignCount = 0) {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    value: t.value,
    max_channels: t.maxChannels,
    max_cps: t.maxCps,
    remove_prefix: t.removePrefix,
    add_prefix: t.addPrefix,
    weight: t.weight,
    enabled: t.enabled,
    pbx_server_id: t.pbxServerId,
    description: t.description,
    min_asr_pct: t.minAsrPct,
    max_consecutive_failures: t.maxConsecutiveFailures,
    min_samples: t.minSamples,
    probe_number: t.probeNumber,
    probe_interval_sec: t.probeIntervalSec,
    campaigns: campaignCount,
    live_channels: figures.liveChannels,
    cps: figures.cps,
    created_at: formatTime(t.createdAt)!,
    updated_at: formatTime(t.updatedAt),
  };
}
export type TrunkDto = ReturnType<typeof toTrunkDto>;

export async function listTrunkRows(db: DbOrTx, opts: { search?: string; enabled?: boolean; page: number; perPage: number }): Promise<{ rows: Trunk[]; total: number }> {
  const where = and(
    opts.search ? or(ilike(trunks.name, `%${opts.search}%`), ilike(trunks.value, `%${opts.search}%`)) : undefined,
    opts.enabled === undefined ? undefined : eq(trunks.enabled, opts.enabled),
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(trunks).where(where).orderBy(asc(trunks.name)).limit(opts.perPage).offset((opts.page - 1) * opts.perPage),
    db.select({ total: count() }).from(trunks).where(where),
  ]);
  return { rows, total };
}

export const findTrunk = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Trunk | undefined> => findById(db, trunks, id, opts);

export async function findTrunksByIds(db: DbOrTx, ids: number[]): Promise<Trunk[]> {
  if (ids.length === 0) return [];
  return db.select().from(trunks).where(inArray(trunks.id, ids));
}

export async function insertTrunk(db: DbOrTx, values: typeof trunks.$inferInsert): Promise<Trunk | undefined> {
  const [row] = await db.insert(trunks).values(values).onConflictDoNothing({ target: trunks.name }).returning();
  return row;
}

export const updateTrunkRow = (db: DbOrTx, id: number, set: Partial<typeof trunks.$inferInsert>): Promise<Trunk | undefined> => updateById(db, trunks, id, set);

export const deleteTrunkRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, trunks, id);

export async function trunkNameTaken(db: DbOrTx, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: trunks.id })
    .from(trunks)
    .where(and(eq(trunks.name, name), exceptId ? ne(trunks.id, exceptId) : undefined));
  return Boolean(row);
}

/** Campaigns a trunk is assigned to, with their status (a running one keeps the trunk from being deleted). */
export async function campaignsUsingTrunk(db: DbOrTx, trunkId: number): Promise<{ id: number; name: string; status: string }[]> {
  return db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaignTrunks)
    .innerJoin(campaigns, eq(campaigns.id, campaignTrunks.campaignId))
    .where(eq(campaignTrunks.trunkId, trunkId))
    .orderBy(asc(campaigns.id));
}

export async function campaignCounts(db: DbOrTx, trunkIds: number[]): Promise<Map<number, number>> {
  if (trunkIds.length === 0) return new Map();
  const rows = await db
    .select({ trunkId: campaignTrunks.trunkId, n: sql<number>`count(*)::int` })
    .from(campaignTrunks)
    .where(inArray(campaignTrunks.trunkId, trunkIds))
    .groupBy(campaignTrunks.trunkId);
  return new Map(rows.map((r) => [r.trunkId, r.n]));
}

export type CampaignTrunkRow = { trunkId: number; name: string; type: Trunk["type"]; value: string; enabled: boolean; weight: number | null; trunkWeight: number; priority: number };

export async function campaignTrunkRows(db: DbOrTx, campaignId: number): Promise<CampaignTrunkRow[]> {
  return db
    .select({ ...trunkNaming, enabled: trunks.enabled, weight: campaignTrunks.weight, trunkWeight: trunks.weight, priority: campaignTrunks.priority })
    .from(campaignTrunks)
    .innerJoin(trunks, eq(trunks.id, campaignTrunks.trunkId))
    .where(eq(campaignTrunks.campaignId, campaignId))
    .orderBy(asc(campaignTrunks.priority), asc(trunks.name));
}

export async function replaceCampaignTrunks(db: DbOrTx, campaignId: number, rows: { trunkId: number; weight: number | null; priority: number }[]): Promise<void> {
  await db.delete(campaignTrunks).where(eq(campaignTrunks.campaignId, campaignId));
  if (rows.length) await db.insert(campaignTrunks).values(rows.map((r) => ({ campaignId, ...r })));
}
