import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { listCdr } from "@/server/cdr/service";

// GET /api/cdr — call records with filters, newest first
export const GET = withApi(routes.listCdr, async ({ query }) => ({
  message: "CDR records retrieved successfully",
  ...(await listCdr(query)),
}));
