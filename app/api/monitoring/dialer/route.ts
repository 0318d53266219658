import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { dialerMetrics } from "@/server/monitoring/service";

// GET /api/monitoring/dialer — this process's dialer figures
export const GET = withApi(routes.monitoringDialer, async () => ({
  message: "Dialer metrics retrieved successfully",
  data: await dialerMetrics(),
}));
