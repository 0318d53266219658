import { and, asc, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, pageOf, updateById, type PageRequest } from "@/db/rows";
import { webhookDeliveries, webhookSubscriptions, type WebhookDelivery, type WebhookDeliveryStatus, type WebhookSubscription } from "@/db/schema";
import type { WebhookEventType } from "@/lib/webhook-events";
import { bit, formatTime } from "../api/format";
import { webhookSubscriptionsChanged } from "./outbox";

type DeliveryCounts = { pending: number; delivered: number; failed: number };

export function toWebhookDto(s: WebhookSubscription, deliveries: DeliveryCounts = { pending: 0, delivered: 0, failed: 0 }) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    event_types: s.eventTypes as WebhookEventType[],
    is_active: bit(s.isActive),
    secret_hint: s.secretHint,
    secret_rotated_at: formatTime(s.secretRotatedAt),
    deliveries,
    created_at: formatTime(s.createdAt)!,
    updated_at: formatTime(s.updatedAt),
  };
}

export function toDeliveryDto(d: WebhookDelivery) {
  return {
    id: d.id,
    subscription_id: d.subscriptionId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    response_code: d.responseCode,
    last_error: d.lastError,
    duration_ms: d.durationMs,
    next_attempt_at: d.status === "pending" ? formatTime(d.nextAttemptAt) : null,
    last_attempt_at: formatTime(d.lastAttemptAt),
    delivered_at: formatTime(d.deliveredAt),
    created_at: formatTime(d.createdAt)!,
    payload: d.payload,
  };
}

export async function listSubscriptionRows(db: DbOrTx): Promise<WebhookSubscription[]> {
  return db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.id));
}

/** Deliveries by status per subscription ("delivering" counts as pending). */
export async function deliveryCounts(db: DbOrTx, ids: number[]): Promise<Map<number, DeliveryCounts>> {
  const out = new Map(ids.map((id) => [id, { pending: 0, delivered: 0, failed: 0 }]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: webhookDeliveries.subscriptionId, status: webhookDeliveries.status, n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.subscriptionId, ids))
    .groupBy(webhookDeliveries.subscriptionId, webhookDeliveries.status);
  for (const r of rows) {
    const c = out.get(r.id)!;
    c[r.status === "delivering" ? "pending" : r.status] += r.n;
  }
  return out;
}

export const findSubscription = (db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<WebhookSubscription | undefined> => findById(db, webhookSubscriptions, id, opts);

export async function subscriptionsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, WebhookSubscription>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(webhookSubscriptions).where(inArray(webhookSubscriptions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Writes to subscriptions drop the outbox's copy of them (the service drops it again once committed). */
const changing = <T>(write: Promise<T>): Promise<T> => write.finally(webhookSubscriptionsChanged);

export const insertSubscription = (db: DbOrTx, values: typeof webhookSubscriptions.$inferInsert): Promise<WebhookSubscription> => changing(insertRow(db, webhookSubscriptions, values));

/** Sets the fields given (undefined leaves one alone) and `updated_at`. */
export const updateSubscriptionRow = (db: DbOrTx, id: number, set: Partial<typeof webhookSubscriptions.$inferInsert>): Promise<WebhookSubscription | undefined> =>
  changing(updateById(db, webhookSubscriptions, id, set));

export const deleteSubscriptionRow = (db: DbOrTx, id: number): Promise<void> => changing(deleteById(db, webhookSubscriptions, id));

export async function listDeliveryRows(db: DbOrTx, subscriptionId: number, filter: { status?: WebhookDeliveryStatus }, page: PageRequest) {
  const where = and(
    eq(webhookDeliveries.subscriptionId, subscriptionId),
    filter.status === "pending" ? inArray(webhookDeliveries.status, ["pending", "delivering"]) : filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
  );
  return pageOf(db, webhookDeliveries, where, page, (limit, offset) =>
    db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.id)).limit(limit).offset(offset),
  );
}

export async function findDelivery(db: DbOrTx, subscriptionId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<WebhookDelivery | undefined> {
  const q = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.subscriptionId, subscriptionId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

/** Back in the queue, due now, with a fresh count of attempts. */
export async function requeueDelivery(db: DbOrTx, id: number): Promise<WebhookDelivery> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), leaseOwner: null, leaseUntil: null })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return row;
}

// ---------------------------------------------------------------------------------------------
// The worker's side

/**
 * Takes up to `limit` deliveries that are due (or whose worker's lease ran out) for `owner`. The
 * candidate rows are locked SKIP LOCKED, so processes claiming at once never take the same row.
 */
export async function claimDueDeliveries(db: DbOrTx, owner: string, limit: number, leaseMs: number, now = new Date()): Promise<WebhookDelivery[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      or(
        and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)),
        and(eq(webhookDeliveries.status, "delivering"), lt(webhookDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ status: "delivering", leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(inArray(webhookDeliveries.id, due))
    .returning();
}

export type AttemptResult = {
  status: "delivered" | "pending" | "failed";
  responseCode: number | null;
  error: string | null;
  durationMs: number | null;
  at: Date;
  nextAttemptAt: Date | null;
};

/** Records one attempt, if the row is still this owner's (a lease that ran out lost it). */
export async function recordAttempt(db: DbOrTx, id: number, owner: string, r: AttemptResult): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({
      status: r.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      responseCode: r.responseCode,
      lastError: r.error,
      durationMs: r.durationMs,
      lastAttemptAt: r.at,
      deliveredAt: r.status === "delivered" ? r.at : null,
      nextAttemptAt: r.nextAttemptAt ?? r.at,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.leaseOwner, owner), eq(webhookDeliveries.status, "delivering")))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** Gives claimed rows back untried (the process is stopping): due again at once, for anyone. */
export async function releaseDeliveries(db: DbOrTx, ids: number[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ status: "pending", leaseOwner: null, leaseUntil: null })
    .where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.leaseOwner, owner), eq(webhookDeliveries.status, "delivering")));
}
