import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getCampaignRuntime } from "@/server/campaigns/service";

// GET /api/campaigns/:id/runtime — live pacing and call figures
export const GET = withApi(routes.campaignRuntime, async ({ params }) => ({
  message: "Campaign runtime retrieved successfully",
  data: await getCampaignRuntime(idParam(params, "Campaign")),
}));
