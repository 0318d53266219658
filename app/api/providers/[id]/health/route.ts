import { getHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { providerHealth } from "@/server/providers/service";

// GET /api/providers/:id/health — one trunk's rolling figures and rotation state
export const GET = getHandler(routes.providerHealth, "Trunk", providerHealth);
