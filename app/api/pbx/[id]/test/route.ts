import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { testSavedPbxServer } from "@/server/pbx/service";

// POST /api/pbx/:id/test — try connecting to a saved server (admin)
export const POST = withApi(routes.testPbx, async ({ params }) => {
  const data = await testSavedPbxServer(idParam(params, "PBX server"));
  return { message: data.ok ? "Connection succeeded" : "Connection failed", data };
});
