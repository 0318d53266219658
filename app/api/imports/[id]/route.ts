import { getHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { getImport } from "@/server/lists/import";

// GET /api/imports/:id — an import job's status and progress
export const GET = getHandler(routes.getImport, "Import", getImport);
