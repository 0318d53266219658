import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteLead, getLead, updateLead } from "@/server/leads/service";

// GET /api/numbers/:id — one number
export const GET = getHandler(routes.getNumber, "Number", getLead);

// PUT /api/numbers/:id — edit the lead's numbers (409 while it is being called)
export const PUT = updateHandler(routes.updateNumber, "Number", updateLead);

// DELETE /api/numbers/:id — delete (409 while it is being called)
export const DELETE = deleteHandler(routes.deleteNumber, "Number", deleteLead);
