import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { replayDelivery } from "@/server/webhooks/service";

// POST /api/webhooks/:id/deliveries/:deliveryId/replay — queue a delivery again
export const POST = withApi(routes.replayWebhookDelivery, async ({ caller, params }) => ({
  message: "Webhook delivery queued again",
  data: await replayDelivery(caller, idParam(params, "Webhook"), idParam(params, "Delivery", "deliveryId")),
}));
