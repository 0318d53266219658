import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createAgent, listAgents } from "@/server/agents/service";

// GET /api/agents — agents with their live state, optionally of one campaign
export const GET = listHandler(routes.listAgents, "Agents", ({ query }) => listAgents(query.campaign_id));

// POST /api/agents — create an agent
export const POST = createHandler(routes.createAgent, "Agent", createAgent);
