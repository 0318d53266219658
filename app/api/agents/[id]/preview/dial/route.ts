import { choosePreview } from "@/server/agents/service";
import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";

// POST /api/agents/:id/preview/dial — dial the lead shown to the agent
export const POST = withApi(routes.previewDial, async ({ caller, params }) => ({
  message: "Dialing the previewed lead",
  data: await choosePreview(caller, idParam(params, "Agent"), "dial"),
}));
