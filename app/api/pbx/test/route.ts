import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { testNewPbxServer } from "@/server/pbx/service";

// POST /api/pbx/test — try a connection before saving it (admin)
export const POST = withApi(routes.testNewPbx, async ({ body }) => {
  const data = await testNewPbxServer(body);
  return { message: data.ok ? "Connection succeeded" : "Connection failed", data };
});
