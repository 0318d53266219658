import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { removeTier } from "@/server/queues/service";

// DELETE /api/queues/:id/tiers/:agentId — take an agent out of the queue
export const DELETE = withApi(routes.deleteQueueTier, async ({ caller, params }) => {
  await removeTier(caller, idParam(params, "Queue"), idParam(params, "Tier", "agentId"));
  return { message: "Tier deleted successfully" };
});
