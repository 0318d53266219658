import { listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { providersHealth } from "@/server/providers/service";

// GET /api/providers/health — every trunk's rolling figures and rotation state
export const GET = listHandler(routes.providersHealth, "Provider health", () => providersHealth());
