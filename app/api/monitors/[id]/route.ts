import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getMonitor, stopMonitor, switchMonitorMode } from "@/server/monitors/service";

// GET /api/monitors/:id — one session
export const GET = withApi(routes.getMonitor, async ({ params }) => ({ message: "Monitoring session", data: await getMonitor(idParam(params, "Monitor session")) }));

// PATCH /api/monitors/:id — switch to listen, whisper or barge
export const PATCH = withApi(routes.switchMonitorMode, async ({ caller, params, body }) => ({
  message: `Switching to ${body.mode}`,
  data: await switchMonitorMode(caller, idParam(params, "Monitor session"), body.mode),
}));

// DELETE /api/monitors/:id — hang up the supervisor's phone; the call goes on
export const DELETE = withApi(routes.stopMonitor, async ({ caller, params }) => ({
  message: "Stopping: your phone is hung up, the call goes on",
  data: await stopMonitor(caller, idParam(params, "Monitor session")),
}));
