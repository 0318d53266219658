import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getCdrStats } from "@/server/cdr/service";

// GET /api/cdr/stats — totals by disposition and durations
export const GET = withApi(routes.cdrStats, async ({ query }) => ({
  message: "CDR statistics retrieved successfully",
  data: await getCdrStats(query),
}));
