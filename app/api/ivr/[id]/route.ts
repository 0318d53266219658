import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteIvrMenu, getIvrMenu, updateIvrMenu } from "@/server/ivr/service";

// GET /api/ivr/:id — a menu with its actions
export const GET = withApi(routes.getIvr, async ({ params }) => ({
  message: "IVR menu retrieved successfully",
  data: await getIvrMenu(idParam(params, "IVR menu")),
}));

// PUT /api/ivr/:id — update a menu; `actions` replaces them all
export const PUT = withApi(routes.updateIvr, async ({ caller, params, body }) => ({
  message: "IVR menu updated successfully",
  data: await updateIvrMenu(caller, idParam(params, "IVR menu"), body),
}));

// DELETE /api/ivr/:id — delete a menu no campaign sends calls to
export const DELETE = withApi(routes.deleteIvr, async ({ caller, params }) => {
  await deleteIvrMenu(caller, idParam(params, "IVR menu"));
  return { message: "IVR menu deleted successfully" };
});
