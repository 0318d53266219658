import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteAgent, getAgent, updateAgent } from "@/server/agents/service";

// GET /api/agents/:id — one agent
export const GET = withApi(routes.getAgent, async ({ caller, params }) => ({
  message: "Agent retrieved successfully",
  data: await getAgent(caller, idParam(params, "Agent")),
}));

// PUT /api/agents/:id — update an agent
export const PUT = withApi(routes.updateAgent, async ({ caller, params, body }) => ({
  message: "Agent updated successfully",
  data: await updateAgent(caller, idParam(params, "Agent"), body),
}));

// DELETE /api/agents/:id — delete a logged-out agent
export const DELETE = withApi(routes.deleteAgent, async ({ caller, params }) => {
  await deleteAgent(caller, idParam(params, "Agent"));
  return { message: "Agent deleted successfully" };
});
