import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { agentConsole } from "@/server/agents/service";

// GET /api/agents/me — the caller's agent, its queue and the lead on the line
export const GET = withApi(routes.agentConsole, async ({ caller }) => ({
  message: "Agent console retrieved successfully",
  data: await agentConsole(caller),
}));
