import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createWebhook, listWebhooks } from "@/server/webhooks/service";

// GET /api/webhooks — list webhook subscriptions
export const GET = listHandler(routes.listWebhooks, "Webhooks", () => listWebhooks());

// POST /api/webhooks — subscribe a URL; the signing secret is in this reply only
export const POST = createHandler(routes.createWebhook, "Webhook", createWebhook);
