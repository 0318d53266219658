import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { startImport } from "@/server/lists/import";

// POST /api/lists/:id/import — upload a CSV; the import runs as a job (202)
export const POST = withApi(routes.importList, async ({ caller, params, req }) => ({
  message: "Import started",
  data: await startImport(caller, idParam(params, "List"), req),
}));
