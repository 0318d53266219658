import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteTrunk, getTrunk, updateTrunk } from "@/server/trunks/service";

// GET /api/trunks/:id — one trunk with its live channels and CPS
export const GET = getHandler(routes.getTrunk, "Trunk", getTrunk);

// PUT /api/trunks/:id — update a trunk (takes effect on the dialer's next tick)
export const PUT = updateHandler(routes.updateTrunk, "Trunk", updateTrunk);

// DELETE /api/trunks/:id — delete a trunk no running or paused campaign uses
export const DELETE = deleteHandler(routes.deleteTrunk, "Trunk", deleteTrunk);
