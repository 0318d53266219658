import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createCampaign, listCampaigns } from "@/server/campaigns/service";

// GET /api/campaigns — list campaigns with stats, optionally by status
export const GET = listHandler(routes.listCampaigns, "Campaigns", ({ query }) => listCampaigns(query.status));

// POST /api/campaigns — create a campaign
export const POST = createHandler(routes.createCampaign, "Campaign", createCampaign);
