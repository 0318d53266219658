import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createToken, listMyTokens } from "@/server/tokens/service";

// GET /api/tokens — list the caller's API tokens, masked
export const GET = listHandler(routes.listTokens, "API tokens", ({ caller }) => listMyTokens(caller));

// POST /api/tokens — create a token; the only time it is shown
export const POST = createHandler(routes.createToken, "API token", createToken);
