import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { setAgentState, setAgentStatus } from "@/server/agents/service";

// POST /api/agents/:id/state — available, or on break after the current call
export const POST = withApi(routes.setAgentState, async ({ caller, params, body }) => ({
  message: "Agent state change requested",
  data: await setAgentState(caller, idParam(params, "Agent"), body),
}));

// PATCH /api/agents/:id/state — Available, On Break, Wrapup or Logged Out (mod_callcenter's statuses)
export const PATCH = withApi(routes.patchAgentState, async ({ caller, params, body }) => ({
  message: "Agent state change requested",
  data: await setAgentStatus(caller, idParam(params, "Agent"), body),
}));
