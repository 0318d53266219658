import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getCampaignStats } from "@/server/campaigns/service";

// GET /api/campaigns/:id/stats — number counts by status and call totals
export const GET = withApi(routes.campaignStats, async ({ params }) => ({
  message: "Campaign statistics retrieved successfully",
  data: await getCampaignStats(idParam(params, "Campaign")),
}));
