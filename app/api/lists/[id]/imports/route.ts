import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { listImports } from "@/server/lists/import";

// GET /api/lists/:id/imports — the list's recent imports
export const GET = withApi(routes.listImports, async ({ params }) => ({
  message: "Imports retrieved successfully",
  data: await listImports(idParam(params, "List")),
}));
