import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { WebhookSubscription } from "@/db/schema";
import type { Caller } from "../api/caller";
import { pagination } from "../api/envelope";
import { ApiError, orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { seal } from "../auth/secret-box";
import { nudgeWebhookWorker, webhookSubscriptionsChanged } from "./outbox";
import {
  deleteSubscriptionRow,
  deliveryCounts,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveryRows,
  listSubscriptionRows,
  requeueDelivery,
  toDeliveryDto,
  toWebhookDto,
  updateSubscriptionRow,
} from "./queries";
import { generateWebhookSecret, secretHint } from "./signing";
import type { createWebhookBody, listDeliveriesQuery, updateWebhookBody } from "./validation";

const SECRET_NOTE = "Save this signing secret now: it will not be shown again. Rotate it to get a new one.";

async function withCounts(db: DbOrTx, s: WebhookSubscription) {
  return toWebhookDto(s, (await deliveryCounts(db, [s.id])).get(s.id));
}

/** What the audit log keeps of a subscription: never its secret. */
const auditView = (s: WebhookSubscription) => ({ name: s.name, url: s.url, event_types: s.eventTypes, is_active: s.isActive, secret_hint: s.secretHint });

function newSecret() {
  const secret = generateWebhookSecret();
  return { secret, secretSealed: seal(secret, undefined, "webhook-secrets"), secretHint: secretHint(secret) };
}

export async function listWebhooks() {
  const db = await getDb();
  const rows = await listSubscriptionRows(db);
  const counts = await deliveryCounts(db, rows.map((r) => r.id));
  return rows.map((r) => toWebhookDto(r, counts.get(r.id)));
}

export async function getWebhook(id: number) {
  const db = await getDb();
  return withCounts(db, orNotFound(await findSubscription(db, id), "Webhook"));
}

export async function createWebhook(caller: Caller, input: z.output<typeof createWebhookBody>) {
  const { secret, ...sealed } = newSecret();
  const created = await inTransaction(async (tx) => {
    const row = await insertSubscription(tx, { name: input.name, url: input.url, eventTypes: input.event_types, isActive: input.is_active, ...sealed, createdBy: caller.user.id });
    await recordAudit(tx, caller, { action: "webhook.create", entityType: "webhook", entityId: row.id, details: auditView(row) });
    return { ...toWebhookDto(row), secret, message: SECRET_NOTE };
  });
  webhookSubscriptionsChanged();
  return created;
}

export async function updateWebhook(caller: Caller, id: number, input: z.output<typeof updateWebhookBody>) {
  const updated = await inTransaction(async (tx) => {
    const before = orNotFound(await findSubscription(tx, id, { forUpdate: true }), "Webhook");
    const after = (await updateSubscriptionRow(tx, id, { name: input.name, url: input.url, eventTypes: input.event_types, isActive: input.is_active }))!;
    await recordAudit(tx, caller, { action: "webhook.update", entityType: "webhook", entityId: id, details: { before: auditView(before), after: auditView(after) } });
    return withCounts(tx, after);
  });
  webhookSubscriptionsChanged();
  return updated;
}

/** Its deliveries go with it, sent or not. */
export async function deleteWebhook(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findSubscription(tx, id, { forUpdate: true }), "Webhook");
    await deleteSubscriptionRow(tx, id);
    await recordAudit(tx, caller, { action: "webhook.delete", entityType: "webhook", entityId: id, details: auditView(row) });
  });
  webhookSubscriptionsChanged();
}

/** A new secret, shown this once; the old one stops signing at once (deliveries in flight keep theirs). */
export async function rotateWebhookSecret(caller: Caller, id: number) {
  const { secret, ...sealed } = newSecret();
  return inTransaction(async (tx) => {
    const before = orNotFound(await findSubscription(tx, id, { forUpdate: true }), "Webhook");
    const after = (await updateSubscriptionRow(tx, id, { ...sealed, secretRotatedAt: new Date() }))!;
    await recordAudit(tx, caller, { action: "webhook.rotate_secret", entityType: "webhook", entityId: id, details: { name: after.name, old_hint: before.secretHint, new_hint: after.secretHint } });
    return { ...(await withCounts(tx, after)), secret, message: SECRET_NOTE };
  });
}

export async function listWebhookDeliveries(id: number, query: z.output<typeof listDeliveriesQuery>) {
  const db = await getDb();
  orNotFound(await findSubscription(db, id), "Webhook");
  const { rows, total } = await listDeliveryRows(db, id, { status: query.status }, { page: query.page, perPage: query.per_page });
  return { data: rows.map(toDeliveryDto), pagination: pagination(total, query.page, query.per_page) };
}

/** Sends a delivery again (delivered or failed): back in the queue, due now, attempts counted afresh. */
export async function replayDelivery(caller: Caller, id: number, deliveryId: number) {
  const dto = await inTransaction(async (tx) => {
    orNotFound(await findSubscription(tx, id), "Webhook");
    const d = orNotFound(await findDelivery(tx, id, deliveryId, { forUpdate: true }), "Delivery");
    if (d.status === "pending" || d.status === "delivering") throw ApiError.conflict("This delivery is already queued");
    const row = await requeueDelivery(tx, d.id);
    await recordAudit(tx, caller, { action: "webhook.replay", entityType: "webhook", entityId: id, details: { delivery_id: d.id, event_id: d.eventId, event_type: d.eventType, was: d.status, attempts: d.attempts } });
    return toDeliveryDto(row);
  });
  nudgeWebhookWorker();
  return dto;
}
