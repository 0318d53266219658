import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteCampaign, getCampaign, updateCampaign } from "@/server/campaigns/service";

// GET /api/campaigns/:id — one campaign with stats
export const GET = withApi(routes.getCampaign, async ({ params }) => ({
  message: "Campaign retrieved successfully",
  data: await getCampaign(idParam(params, "Campaign")),
}));

// PUT /api/campaigns/:id — update the fields sent (409 while running)
export const PUT = withApi(routes.updateCampaign, async ({ caller, params, body }) => ({
  message: "Campaign updated successfully",
  data: await updateCampaign(caller, idParam(params, "Campaign"), body),
}));

// DELETE /api/campaigns/:id — delete (409 while running or paused)
export const DELETE = withApi(routes.deleteCampaign, async ({ caller, params }) => {
  await deleteCampaign(caller, idParam(params, "Campaign"));
  return { message: "Campaign deleted successfully" };
});
