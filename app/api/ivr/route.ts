import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createIvrMenu, listIvrMenus } from "@/server/ivr/service";

// GET /api/ivr — IVR menus, optionally of one campaign
export const GET = listHandler(routes.listIvr, "IVR menus", ({ query }) => listIvrMenus(query.campaign_id));

// POST /api/ivr — create a menu with its DTMF actions
export const POST = createHandler(routes.createIvr, "IVR menu", createIvrMenu);
