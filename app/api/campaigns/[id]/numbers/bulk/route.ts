import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addLeadsBulk } from "@/server/leads/service";

// POST /api/campaigns/:id/numbers/bulk — add many numbers, all or nothing
export const POST = withApi(routes.addNumbersBulk, async ({ caller, params, body }) => {
  const data = await addLeadsBulk(caller, idParam(params, "Campaign"), body);
  return { message: `${data.count} numbers added successfully`, data };
});
