import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteAgent, getAgent, updateAgent } from "@/server/agents/service";

// GET /api/agents/:id — one agent
export const GET = getHandler(routes.getAgent, "Agent", (id, caller) => getAgent(caller, id));

// PUT /api/agents/:id — update an agent
export const PUT = updateHandler(routes.updateAgent, "Agent", updateAgent);

// DELETE /api/agents/:id — delete a logged-out agent
export const DELETE = deleteHandler(routes.deleteAgent, "Agent", deleteAgent);
