import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteCampaign, getCampaign, updateCampaign } from "@/server/campaigns/service";

// GET /api/campaigns/:id — one campaign with stats
export const GET = getHandler(routes.getCampaign, "Campaign", getCampaign);

// PUT /api/campaigns/:id — update the fields sent (409 while running)
export const PUT = updateHandler(routes.updateCampaign, "Campaign", updateCampaign);

// DELETE /api/campaigns/:id — delete (409 while running or paused)
export const DELETE = deleteHandler(routes.deleteCampaign, "Campaign", deleteCampaign);
