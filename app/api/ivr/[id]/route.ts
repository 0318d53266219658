import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteIvrMenu, getIvrMenu, updateIvrMenu } from "@/server/ivr/service";

// GET /api/ivr/:id — a menu with its actions
export const GET = getHandler(routes.getIvr, "IVR menu", getIvrMenu);

// PUT /api/ivr/:id — update a menu; `actions` replaces them all
export const PUT = updateHandler(routes.updateIvr, "IVR menu", updateIvrMenu);

// DELETE /api/ivr/:id — delete a menu no campaign sends calls to
export const DELETE = deleteHandler(routes.deleteIvr, "IVR menu", deleteIvrMenu);
