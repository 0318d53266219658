import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { commandCampaign } from "@/server/campaigns/service";

// POST /api/campaigns/:id/stop — stop the campaign
export const POST = withApi(routes.stopCampaign, async ({ caller, params }) => ({
  message: "Campaign stopped successfully",
  data: await commandCampaign(caller, idParam(params, "Campaign"), "stop"),
}));
