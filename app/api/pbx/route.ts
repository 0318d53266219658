import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createPbxServer, listPbxServers } from "@/server/pbx/service";

// GET /api/pbx — PBX servers with live health (admin)
export const GET = withApi(routes.listPbx, async () => ({
  message: "PBX servers retrieved successfully",
  data: await listPbxServers(),
}));

// POST /api/pbx — add a PBX server (admin)
export const POST = withApi(routes.createPbx, async ({ caller, body }) => ({
  message: "PBX server created successfully",
  data: await createPbxServer(caller, body),
}));
