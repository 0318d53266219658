import { boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./users";
import { createdAt, optionalRef, parentRef, serialId, timestampTz } from "./columns";

/**
 * Where Pacer tells other systems what happened. The signing secret is kept sealed (see
 * server/auth/secret-box.ts), never in clear: it is shown once, when created or rotated.
 */
export const webhookSubscriptions = pgTable("webhook_subscriptions", {
  id: serialId(),
  name: text("name").notNull(),
  url: text("url").notNull(),
  /** Event type names (`call.finished`…), see lib/webhook-events.ts. */
  eventTypes: jsonb("event_types").$type<string[]>().notNull(),
  isActive: boolean("is_active").notNull().default(true),
  secretSealed: text("secret_sealed").notNull(),
  /** The secret's last 4 characters, so a receiver's operator can tell which one they hold. */
  secretHint: text("secret_hint").notNull(),
  secretRotatedAt: timestampTz("secret_rotated_at"),
  createdBy: optionalRef("created_by", () => users.id),
  createdAt: createdAt(),
  updatedAt: timestampTz("updated_at"),
});

export type WebhookSubscription = typeof webhookSubscriptions.$inferSelect;

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivering", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The outbox: one row per event per subscription, written in the transaction of what produced the
 * event. A worker claims due rows (SKIP LOCKED, with a lease), POSTs them and records the outcome;
 * a row whose lease ran out (its process died mid-delivery) is claimed again.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serialId(),
    subscriptionId: parentRef("subscription_id", () => webhookSubscriptions.id),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The JSON body as sent: `{ id, type, created_at, data }`. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<WebhookDeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestampTz("next_attempt_at").notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestampTz("lease_until"),
    responseCode: integer("response_code"),
    lastError: text("last_error"),
    durationMs: integer("duration_ms"),
    lastAttemptAt: timestampTz("last_attempt_at"),
    deliveredAt: timestampTz("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.id)],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
