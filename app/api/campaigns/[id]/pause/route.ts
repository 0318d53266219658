import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { commandCampaign } from "@/server/campaigns/service";

// POST /api/campaigns/:id/pause — pause the campaign
export const POST = withApi(routes.pauseCampaign, async ({ caller, params }) => ({
  message: "Campaign paused successfully",
  data: await commandCampaign(caller, idParam(params, "Campaign"), "pause"),
}));
