import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { startMonitor } from "@/server/monitors/service";

// POST /api/agents/:id/monitor — listen in on the agent's live call from the caller's phone
export const POST = withApi(routes.startMonitor, async ({ caller, params, body }) => ({
  message: "Calling your phone: it is connected to the call when you answer",
  data: await startMonitor(caller, idParam(params, "Agent"), body),
}));
