import { listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { addDnc, listDnc } from "@/server/dnc/service";

// GET /api/dnc — do-not-call numbers, paginated, by list (a campaign's, `global`, or all) and search
export const GET = listHandler(routes.listDnc, "Do-not-call numbers", ({ query }) => listDnc(query));

// POST /api/dnc — add one number to the system-wide list or a campaign's
export const POST = withApi(routes.addDnc, async ({ caller, body }) => ({
  message: "Number added to the do-not-call list",
  data: await addDnc(caller, body),
}));
