import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteQueue, getQueue, updateQueue } from "@/server/queues/service";

// GET /api/queues/:id — one queue with its tiers
export const GET = getHandler(routes.getQueue, "Queue", getQueue);

// PATCH /api/queues/:id — change a queue (the dialer applies it within a second)
export const PATCH = updateHandler(routes.updateQueue, "Queue", updateQueue);

// DELETE /api/queues/:id — delete a queue no campaign routes to
export const DELETE = deleteHandler(routes.deleteQueue, "Queue", deleteQueue);
