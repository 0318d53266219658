import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { downloadRecording } from "@/server/recordings/service";

// GET /api/cdr/:id/recording — the call's recording, as audio
export const GET = withApi(routes.getCdrRecording, async ({ caller, params, query, req }) =>
  downloadRecording(caller, idParam(params, "CDR record"), { range: req.headers.get("range"), inline: query.disposition === "inline" }),
);
