import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { activeChannels } from "@/server/monitoring/service";

// GET /api/monitoring/channels — live PBX channels
export const GET = withApi(routes.monitoringChannels, async () => ({
  message: "Active channels retrieved successfully",
  data: await activeChannels(),
}));
