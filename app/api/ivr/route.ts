import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createIvrMenu, listIvrMenus } from "@/server/ivr/service";

// GET /api/ivr — IVR menus, optionally of one campaign
export const GET = withApi(routes.listIvr, async ({ query }) => ({
  message: "IVR menus retrieved successfully",
  data: await listIvrMenus(query.campaign_id),
}));

// POST /api/ivr — create a menu with its DTMF actions
export const POST = withApi(routes.createIvr, async ({ caller, body }) => ({
  message: "IVR menu created successfully",
  data: await createIvrMenu(caller, body),
}));
