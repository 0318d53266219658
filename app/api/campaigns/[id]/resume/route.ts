import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { commandCampaign } from "@/server/campaigns/service";

// POST /api/campaigns/:id/resume — resume the campaign
export const POST = withApi(routes.resumeCampaign, async ({ caller, params }) => ({
  message: "Campaign resumed successfully",
  data: await commandCampaign(caller, idParam(params, "Campaign"), "resume"),
}));
