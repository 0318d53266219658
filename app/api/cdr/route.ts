import { listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { listCdr } from "@/server/cdr/service";

// GET /api/cdr — call records with filters, newest first
export const GET = listHandler(routes.listCdr, "CDR records", ({ query }) => listCdr(query));
