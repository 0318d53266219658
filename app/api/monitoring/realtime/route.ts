import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { realtimeSnapshot } from "@/server/monitoring/service";

// GET /api/monitoring/realtime — active campaigns, channels, today's totals
export const GET = withApi(routes.monitoringRealtime, async () => ({
  message: "Real-time data retrieved successfully",
  data: await realtimeSnapshot(),
}));
