import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { revokeToken } from "@/server/tokens/service";

// DELETE /api/tokens/:id — revoke a token
export const DELETE = withApi(routes.revokeToken, async ({ caller, params }) => {
  await revokeToken(caller, idParam(params, "API token"));
  return { message: "API token revoked successfully" };
});
