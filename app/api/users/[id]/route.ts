import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteUser, getUser, updateUser } from "@/server/users/service";

// GET /api/users/:id — one user (admin)
export const GET = getHandler(routes.getUser, "User", getUser);

// PUT /api/users/:id — update a user (admin; the last admin stays an active admin)
export const PUT = updateHandler(routes.updateUser, "User", updateUser);

// DELETE /api/users/:id — delete a user (admin; never the last admin)
export const DELETE = deleteHandler(routes.deleteUser, "User", deleteUser);
