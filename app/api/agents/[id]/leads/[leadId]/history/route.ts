import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { agentLeadHistory } from "@/server/agents/console";

// GET /api/agents/:id/leads/:leadId/history — the calls to the lead the agent is on
export const GET = withApi(routes.agentLeadHistory, async ({ caller, params }) => ({
  message: "Lead history retrieved successfully",
  data: await agentLeadHistory(caller, idParam(params, "Agent"), idParam(params, "Lead", "leadId")),
}));
