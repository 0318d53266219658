import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { setDisposition } from "@/server/agents/service";

// POST /api/agents/:id/disposition — the agent's disposition of its last call
export const POST = withApi(routes.setDisposition, async ({ caller, params, body }) => {
  const data = await setDisposition(caller, idParam(params, "Agent"), body);
  if ("pending" in data) return { status: 202, message: "The call is still up: the disposition is saved and will be applied when the call ends", data };
  return { message: "Disposition saved", data };
});
