import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { systemStatus } from "@/server/monitoring/service";

// GET /api/monitoring/status — PBX and database health, live counts
export const GET = withApi(routes.monitoringStatus, async () => ({
  message: "System status retrieved successfully",
  data: await systemStatus(),
}));
