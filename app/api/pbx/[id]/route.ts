import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deletePbxServer, getPbxServer, updatePbxServer } from "@/server/pbx/service";

// GET /api/pbx/:id — one PBX server with live health (admin)
export const GET = withApi(routes.getPbx, async ({ params }) => ({
  message: "PBX server retrieved successfully",
  data: await getPbxServer(idParam(params, "PBX server")),
}));

// PUT /api/pbx/:id — update; a missing password keeps the stored one (admin)
export const PUT = withApi(routes.updatePbx, async ({ caller, params, body }) => ({
  message: "PBX server updated successfully",
  data: await updatePbxServer(caller, idParam(params, "PBX server"), body),
}));

// DELETE /api/pbx/:id — remove a PBX server (admin)
export const DELETE = withApi(routes.deletePbx, async ({ caller, params }) => {
  await deletePbxServer(caller, idParam(params, "PBX server"));
  return { message: "PBX server deleted successfully" };
});
