import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addTier, listTiers } from "@/server/queues/service";

// GET /api/queues/:id/tiers — the queue's agents by level and position
export const GET = withApi(routes.listQueueTiers, async ({ params }) => ({
  message: "Tiers retrieved successfully",
  data: await listTiers(idParam(params, "Queue")),
}));

// POST /api/queues/:id/tiers — put an agent in the queue
export const POST = withApi(routes.addQueueTier, async ({ caller, params, body }) => ({
  message: "Tier created successfully",
  data: await addTier(caller, idParam(params, "Queue"), body),
}));
