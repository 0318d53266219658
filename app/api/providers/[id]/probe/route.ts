import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { probeProvider } from "@/server/providers/service";

// POST /api/providers/:id/probe — a probe call through the trunk now (admin)
export const POST = withApi(routes.probeProvider, async ({ caller, params }) => {
  const { status, data } = await probeProvider(caller, idParam(params, "Trunk"));
  const message = data.pending ? "Probe asked for; no dialer answered yet" : data.ok ? "Probe call got through" : "Probe call failed";
  return { status, message, data };
});
