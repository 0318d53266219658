import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteList, getList, updateList } from "@/server/lists/service";

// GET /api/lists/:id — one list with its counts
export const GET = withApi(routes.getList, async ({ params }) => ({
  message: "List retrieved successfully",
  data: await getList(idParam(params, "List")),
}));

// PUT /api/lists/:id — rename, (de)activate, move to another campaign
export const PUT = withApi(routes.updateList, async ({ caller, params, body }) => ({
  message: "List updated successfully",
  data: await updateList(caller, idParam(params, "List"), body),
}));

// DELETE /api/lists/:id — delete the list and its leads
export const DELETE = withApi(routes.deleteList, async ({ caller, params }) => {
  await deleteList(caller, idParam(params, "List"));
  return { message: "List deleted successfully" };
});
