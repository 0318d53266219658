import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createPbxServer, listPbxServers } from "@/server/pbx/service";

// GET /api/pbx — PBX servers with live health (admin)
export const GET = listHandler(routes.listPbx, "PBX servers", () => listPbxServers());

// POST /api/pbx — add a PBX server (admin)
export const POST = createHandler(routes.createPbx, "PBX server", createPbxServer);
