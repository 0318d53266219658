import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteTrunk, getTrunk, updateTrunk } from "@/server/trunks/service";

// GET /api/trunks/:id — one trunk with its live channels and CPS
export const GET = withApi(routes.getTrunk, async ({ params }) => ({
  message: "Trunk retrieved successfully",
  data: await getTrunk(idParam(params, "Trunk")),
}));

// PUT /api/trunks/:id — update a trunk (takes effect on the dialer's next tick)
export const PUT = withApi(routes.updateTrunk, async ({ caller, params, body }) => ({
  message: "Trunk updated successfully",
  data: await updateTrunk(caller, idParam(params, "Trunk"), body),
}));

// DELETE /api/trunks/:id — delete a trunk no running or paused campaign uses
export const DELETE = withApi(routes.deleteTrunk, async ({ caller, params }) => {
  await deleteTrunk(caller, idParam(params, "Trunk"));
  return { message: "Trunk deleted successfully" };
});
