import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deletePbxServer, getPbxServer, updatePbxServer } from "@/server/pbx/service";

// GET /api/pbx/:id — one PBX server with live health (admin)
export const GET = getHandler(routes.getPbx, "PBX server", getPbxServer);

// PUT /api/pbx/:id — update; a missing password keeps the stored one (admin)
export const PUT = updateHandler(routes.updatePbx, "PBX server", updatePbxServer);

// DELETE /api/pbx/:id — remove a PBX server (admin)
export const DELETE = deleteHandler(routes.deletePbx, "PBX server", deletePbxServer);
