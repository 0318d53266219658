import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { logoutAgent } from "@/server/agents/service";

// POST /api/agents/:id/logout — log out after the current call
export const POST = withApi(routes.logoutAgent, async ({ caller, params }) => ({
  message: "Agent logout requested",
  data: await logoutAgent(caller, idParam(params, "Agent")),
}));
