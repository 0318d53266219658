import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createQueue, listQueues } from "@/server/queues/service";

// GET /api/queues — queues with their rules, tier counts and campaigns
export const GET = listHandler(routes.listQueues, "Queues", () => listQueues());

// POST /api/queues — create a queue
export const POST = createHandler(routes.createQueue, "Queue", createQueue);
