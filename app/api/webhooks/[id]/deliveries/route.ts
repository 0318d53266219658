import { listHandler } from "@/server/api/resource-handlers";
import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { listWebhookDeliveries } from "@/server/webhooks/service";

// GET /api/webhooks/:id/deliveries — the subscription's delivery log
export const GET = listHandler(routes.listWebhookDeliveries, "Webhook deliveries", ({ params, query }) => listWebhookDeliveries(idParam(params, "Webhook"), query));
