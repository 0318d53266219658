import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getImport } from "@/server/lists/import";

// GET /api/imports/:id — an import job's status and progress
export const GET = withApi(routes.getImport, async ({ params }) => ({
  message: "Import retrieved successfully",
  data: await getImport(idParam(params, "Import")),
}));
