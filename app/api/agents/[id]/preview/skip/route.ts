import { choosePreview } from "@/server/agents/service";
import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";

// POST /api/agents/:id/preview/skip — give the lead shown to the agent back for later
export const POST = withApi(routes.previewSkip, async ({ caller, params }) => ({
  message: "Previewed lead skipped",
  data: await choosePreview(caller, idParam(params, "Agent"), "skip"),
}));
