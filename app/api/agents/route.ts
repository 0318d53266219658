import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createAgent, listAgents } from "@/server/agents/service";

// GET /api/agents — agents with their live state, optionally of one campaign
export const GET = withApi(routes.listAgents, async ({ query }) => ({
  message: "Agents retrieved successfully",
  data: await listAgents(query.campaign_id),
}));

// POST /api/agents — create an agent
export const POST = withApi(routes.createAgent, async ({ caller, body }) => ({
  message: "Agent created successfully",
  data: await createAgent(caller, body),
}));
