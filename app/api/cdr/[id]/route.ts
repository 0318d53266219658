import { getHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { getCdr } from "@/server/cdr/service";

// GET /api/cdr/:id — one call record
export const GET = getHandler(routes.getCdr, "CDR record", getCdr);
