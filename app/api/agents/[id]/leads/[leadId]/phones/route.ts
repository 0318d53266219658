import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { updateAgentLeadPhones } from "@/server/agents/console";

// PUT /api/agents/:id/leads/:leadId/phones — edit the numbers of the lead the agent is on
export const PUT = withApi(routes.agentLeadPhones, async ({ caller, params, body }) => ({
  message: "Numbers updated successfully",
  data: await updateAgentLeadPhones(caller, idParam(params, "Agent"), idParam(params, "Lead", "leadId"), body),
}));
