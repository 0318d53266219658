import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { hangupAgentCall } from "@/server/agents/console";

// POST /api/agents/:id/hangup — hang up the customer on the agent's live call
export const POST = withApi(routes.agentHangup, async ({ caller, params }) => ({
  message: "Hang-up requested",
  data: await hangupAgentCall(caller, idParam(params, "Agent")),
}));
