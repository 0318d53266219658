import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteUser, getUser, updateUser } from "@/server/users/service";

// GET /api/users/:id — one user (admin)
export const GET = withApi(routes.getUser, async ({ params }) => ({
  message: "User retrieved successfully",
  data: await getUser(idParam(params, "User")),
}));

// PUT /api/users/:id — update a user (admin; the last admin stays an active admin)
export const PUT = withApi(routes.updateUser, async ({ caller, params, body }) => ({
  message: "User updated successfully",
  data: await updateUser(caller, idParam(params, "User"), body),
}));

// DELETE /api/users/:id — delete a user (admin; never the last admin)
export const DELETE = withApi(routes.deleteUser, async ({ caller, params }) => {
  await deleteUser(caller, idParam(params, "User"));
  return { message: "User deleted successfully" };
});
