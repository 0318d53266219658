import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { deleteLead, getLead, updateLead } from "@/server/leads/service";

// GET /api/numbers/:id — one number
export const GET = withApi(routes.getNumber, async ({ params }) => ({
  message: "Number retrieved successfully",
  data: await getLead(idParam(params, "Number")),
}));

// PUT /api/numbers/:id — edit the lead's numbers (409 while it is being called)
export const PUT = withApi(routes.updateNumber, async ({ caller, params, body }) => ({
  message: "Number updated successfully",
  data: await updateLead(caller, idParam(params, "Number"), body),
}));

// DELETE /api/numbers/:id — delete (409 while it is being called)
export const DELETE = withApi(routes.deleteNumber, async ({ caller, params }) => {
  await deleteLead(caller, idParam(params, "Number"));
  return { message: "Number deleted successfully" };
});
