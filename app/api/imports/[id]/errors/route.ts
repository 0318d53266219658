import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { importErrors, importErrorsCsv } from "@/server/lists/import";

// GET /api/imports/:id/errors — rows left out and why; format=csv downloads the whole report
export const GET = withApi(routes.importErrors, async ({ params, query }) => {
  const id = idParam(params, "Import");
  if (query.format === "csv") return importErrorsCsv(id);
  return { message: "Import errors retrieved successfully", ...(await importErrors(id, query)) };
});
