import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { commandCampaign } from "@/server/campaigns/service";

// POST /api/campaigns/:id/start — start the campaign
export const POST = withApi(routes.startCampaign, async ({ caller, params }) => ({
  message: "Campaign started successfully",
  data: await commandCampaign(caller, idParam(params, "Campaign"), "start"),
}));
