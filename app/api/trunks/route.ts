import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createTrunk, listTrunks } from "@/server/trunks/service";

// GET /api/trunks — trunks, paginated, with live channels and CPS
export const GET = withApi(routes.listTrunks, async ({ query }) => ({
  message: "Trunks retrieved successfully",
  ...(await listTrunks(query)),
}));

// POST /api/trunks — create a trunk
export const POST = withApi(routes.createTrunk, async ({ caller, body }) => ({
  message: "Trunk created successfully",
  data: await createTrunk(caller, body),
}));
