import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createUser, getUsers } from "@/server/users/service";

// GET /api/users — all users (admin)
export const GET = listHandler(routes.listUsers, "Users", () => getUsers());

// POST /api/users — create a user (admin)
export const POST = createHandler(routes.createUser, "User", createUser);
