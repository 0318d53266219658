import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteList, getList, updateList } from "@/server/lists/service";

// GET /api/lists/:id — one list with its counts
export const GET = getHandler(routes.getList, "List", getList);

// PUT /api/lists/:id — rename, (de)activate, move to another campaign
export const PUT = updateHandler(routes.updateList, "List", updateList);

// DELETE /api/lists/:id — delete the list and its leads
export const DELETE = deleteHandler(routes.deleteList, "List", deleteList);
