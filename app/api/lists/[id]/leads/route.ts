import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addListLead, listListLeads } from "@/server/lists/service";

// GET /api/lists/:id/leads — the list's leads, paginated, by status and search
export const GET = withApi(routes.listListLeads, async ({ params, query }) => ({
  message: "Leads retrieved successfully",
  ...(await listListLeads(idParam(params, "List"), query)),
}));

// POST /api/lists/:id/leads — add one lead with its numbers
export const POST = withApi(routes.addListLead, async ({ caller, params, body }) => ({
  message: "Lead added successfully",
  data: await addListLead(caller, idParam(params, "List"), body),
}));
