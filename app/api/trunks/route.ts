import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createTrunk, listTrunks } from "@/server/trunks/service";

// GET /api/trunks — trunks, paginated, with live channels and CPS
export const GET = listHandler(routes.listTrunks, "Trunks", ({ query }) => listTrunks(query));

// POST /api/trunks — create a trunk
export const POST = createHandler(routes.createTrunk, "Trunk", createTrunk);
