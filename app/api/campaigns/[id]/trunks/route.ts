import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getCampaignTrunks, setCampaignTrunks } from "@/server/trunks/service";

// GET /api/campaigns/:id/trunks — the trunks a campaign dials through
export const GET = withApi(routes.getCampaignTrunks, async ({ params }) => ({
  message: "Campaign trunks retrieved successfully",
  data: await getCampaignTrunks(idParam(params, "Campaign")),
}));

// PUT /api/campaigns/:id/trunks — replace them (an empty list: back to its own trunk_type/trunk_value)
export const PUT = withApi(routes.setCampaignTrunks, async ({ caller, params, body }) => ({
  message: "Campaign trunks updated successfully",
  data: await setCampaignTrunks(caller, idParam(params, "Campaign"), body),
}));
