import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { rotateWebhookSecret } from "@/server/webhooks/service";

// POST /api/webhooks/:id/rotate-secret — a new signing secret, shown once
export const POST = withApi(routes.rotateWebhookSecret, async ({ caller, params }) => ({
  message: "Webhook secret rotated successfully",
  data: await rotateWebhookSecret(caller, idParam(params, "Webhook")),
}));
