import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteWebhook, getWebhook, updateWebhook } from "@/server/webhooks/service";

// GET /api/webhooks/:id — one subscription
export const GET = getHandler(routes.getWebhook, "Webhook", getWebhook);

// PUT /api/webhooks/:id — change it
export const PUT = updateHandler(routes.updateWebhook, "Webhook", updateWebhook);

// DELETE /api/webhooks/:id — delete it with its delivery log
export const DELETE = deleteHandler(routes.deleteWebhook, "Webhook", deleteWebhook);
