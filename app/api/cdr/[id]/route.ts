import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { getCdr } from "@/server/cdr/service";

// GET /api/cdr/:id — one call record
export const GET = withApi(routes.getCdr, async ({ params }) => ({
  message: "CDR record retrieved successfully",
  data: await getCdr(idParam(params, "CDR record")),
}));
