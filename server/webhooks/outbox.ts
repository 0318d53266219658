import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
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
  const subscribers = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.isActive, true), sql`${webhookSubscriptions.eventTypes} @> ${JSON.stringify([type])}::jsonb`));
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
