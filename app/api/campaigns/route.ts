import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createCampaign, listCampaigns } from "@/server/campaigns/service";

// GET /api/campaigns — list campaigns with stats, optionally by status
export const GET = withApi(routes.listCampaigns, async ({ query }) => ({
  message: "Campaigns retrieved successfully",
  data: await listCampaigns(query.status),
}));

// POST /api/campaigns — create a campaign
export const POST = withApi(routes.createCampaign, async ({ caller, body }) => ({
  message: "Campaign created successfully",
  data: await createCampaign(caller, body),
}));
