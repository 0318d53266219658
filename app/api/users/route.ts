import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createUser, getUsers } from "@/server/users/service";

// GET /api/users — all users (admin)
export const GET = withApi(routes.listUsers, async () => ({
  message: "Users retrieved successfully",
  data: await getUsers(),
}));

// POST /api/users — create a user (admin)
export const POST = withApi(routes.createUser, async ({ caller, body }) => ({
  message: "User created successfully",
  data: await createUser(caller, body),
}));
