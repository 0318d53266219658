import { idParam } from "@/server/api/params";
import { listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addLead, listLeads } from "@/server/leads/service";

// GET /api/campaigns/:id/numbers — paginated, optionally by status
export const GET = listHandler(routes.listNumbers, "Numbers", ({ params, query }) => listLeads(idParam(params, "Campaign"), query));

// POST /api/campaigns/:id/numbers — add one number
export const POST = withApi(routes.addNumber, async ({ caller, params, body }) => ({
  message: "Number added successfully",
  data: await addLead(caller, idParam(params, "Campaign"), body),
}));
