import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookSubscriptions } from "@/db/schema";
import type { WebhookEventType } from "@/lib/webhook-events";
import { runtime } from "../runtime/registry";

/**
 * Where events enter the webhook outbox. Call these with the transaction that makes the event true
 * (the CDR insert, the status change…), so the event is stored exactly when its cause is: a rolled
 * back change sends nothing, a committed one is delivered even if the process dies right after.
 * Each active subscription to the type gets its own delivery row; with none, nothing is written.
 */
export async function emitWebhookEvents(db: DbOrTx, type: WebhookEventType, events: Record<string, unknown>[], at = new Date()): Promise<number> {
  if (events.length === 0) return 0;
  const subscribers = (await activeSubscriptions(db)).filter((s) => s.eventTypes.includes(type));
  if (subscribers.length === 0) return 0;
  const rows = events.flatMap((data) => {
    const eventId = randomUUID();
    const payload = { id: eventId, type, created_at: at.toISOString(), data };
    return subscribers.map((s) => ({ subscriptionId: s.id, eventId, eventType: type, payload, nextAttemptAt: at }));
  });
  await db.insert(webhookDeliveries).values(rows);
  nudgeWebhookWorker();
  return rows.length;
}

/**
 * The active subscriptions and their event types, kept in memory: the dialer emits with every
 * batch of calls it closes, and most installs have no subscriber. A change made through this
 * process drops the copy at once (`webhookSubscriptionsChanged`, heard by every bundle through
 * the runtime bus); one made by another process is seen within SUBSCRIPTIONS_TTL_MS.
 */
const SUBSCRIPTIONS_TTL_MS = 2000;
export const WEBHOOK_SUBSCRIPTIONS_CHANGED = "webhooks.subscriptions_changed";
let subscriptions: { at: number; rows: { id: number; eventTypes: string[] }[] } | null = null;
/** Bumped by each change: a read that started before one is not kept. */
let generation = 0;
let listening = false;

async function activeSubscriptions(db: DbOrTx) {
  if (!listening) {
    listening = true;
    runtime().bus.on(WEBHOOK_SUBSCRIPTIONS_CHANGED, () => {
      subscriptions = null;
      generation += 1;
    });
  }
  if (subscriptions && Date.now() - subscriptions.at < SUBSCRIPTIONS_TTL_MS) return subscriptions.rows;
  const at = Date.now();
  const gen = generation;
  const rows = await db.select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes }).from(webhookSubscriptions).where(eq(webhookSubscriptions.isActive, true));
  if (gen === generation) subscriptions = { at, rows };
  return rows;
}

/** Whether any active subscription takes `type`: a caller with costly payloads builds them only then. */
export async function webhookWanted(db: DbOrTx, type: WebhookEventType): Promise<boolean> {
  return (await activeSubscriptions(db)).some((s) => s.eventTypes.includes(type));
}

/** A subscription was created, changed or deleted (and committed): the next event reads them afresh. */
export function webhookSubscriptionsChanged() {
  runtime().bus.emit(WEBHOOK_SUBSCRIPTIONS_CHANGED);
}

export const emitWebhookEvent = (db: DbOrTx, type: WebhookEventType, data: Record<string, unknown>) => emitWebhookEvents(db, type, [data]);

/**
 * A trunk stopped taking calls (health checks failing, too many failures in a row…). Nothing calls
 * it yet: the producer that judges trunk health calls it, with its transaction, once it decides.
 */
export function emitTrunkOutOfRotation(db: DbOrTx, trunk: { id: number; name: string }, reason: string, until: Date | null = null) {
  return emitWebhookEvent(db, "trunk.out_of_rotation", { trunk_id: trunk.id, name: trunk.name, reason, until: until?.toISOString() ?? null });
}

/** A campaign's status moved: by a user's command, by the dialer (completed), or by a callback that reopened it. */
export function emitCampaignStatusChanged(db: DbOrTx, campaign: { id: number; name: string }, from: string, to: string, cause: "command" | "completed" | "callback", userId: number | null = null) {
  return emitWebhookEvent(db, "campaign.status_changed", { campaign_id: campaign.id, name: campaign.name, from, to, cause, user_id: userId });
}

export const WEBHOOK_NUDGE = "webhooks.enqueued";

/**
 * Wakes this process's delivery worker a moment later (the caller's transaction has usually
 * committed by then); rows written by other processes are found by its regular poll.
 */
export function nudgeWebhookWorker() {
  setTimeout(() => runtime().bus.emit(WEBHOOK_NUDGE), 100).unref?.();
}
