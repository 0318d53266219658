import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { loginAgent } from "@/server/agents/service";

// POST /api/agents/:id/login — log in to a campaign; the dialer calls the agent's phone
export const POST = withApi(routes.loginAgent, async ({ caller, params, body }) => ({
  message: "Agent login requested: the agent's phone will ring",
  data: await loginAgent(caller, idParam(params, "Agent"), body),
}));
