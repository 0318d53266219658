import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { loginCampaigns } from "@/server/agents/service";

// GET /api/agents/campaigns — the campaigns an agent may log in to
export const GET = withApi(routes.agentCampaigns, async () => ({
  message: "Campaigns retrieved successfully",
  data: await loginCampaigns(),
}));
