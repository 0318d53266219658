import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createList, listLists } from "@/server/lists/service";

// GET /api/lists — lists with counts by status, paginated, by campaign and search
export const GET = listHandler(routes.listLists, "Lists", ({ query }) => listLists(query));

// POST /api/lists — create a list in a campaign
export const POST = createHandler(routes.createList, "List", createList);
