import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { createToken, listMyTokens } from "@/server/tokens/service";

// GET /api/tokens — list the caller's API tokens, masked
export const GET = withApi(routes.listTokens, async ({ caller }) => ({
  message: "API tokens retrieved successfully",
  data: await listMyTokens(caller),
}));

// POST /api/tokens — create a token; the only time it is shown
export const POST = withApi(routes.createToken, async ({ caller, body }) => ({
  message: "API token created successfully",
  data: await createToken(caller, body),
}));
