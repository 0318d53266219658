import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createList, listLists } from "@/server/lists/service";

// GET /api/lists — lists with counts by status, paginated, by campaign and search
export const GET = withApi(routes.listLists, async ({ query }) => ({
  message: "Lists retrieved successfully",
  ...(await listLists(query)),
}));

// POST /api/lists — create a list in a campaign
export const POST = withApi(routes.createList, async ({ caller, body }) => ({
  message: "List created successfully",
  data: await createList(caller, body),
}));
