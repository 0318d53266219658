import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addLead, listLeads } from "@/server/leads/service";

// GET /api/campaigns/:id/numbers — paginated, optionally by status
export const GET = withApi(routes.listNumbers, async ({ params, query }) => ({
  message: "Numbers retrieved successfully",
  ...(await listLeads(idParam(params, "Campaign"), query)),
}));

// POST /api/campaigns/:id/numbers — add one number
export const POST = withApi(routes.addNumber, async ({ caller, params, body }) => ({
  message: "Number added successfully",
  data: await addLead(caller, idParam(params, "Campaign"), body),
}));
