import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { checkDnc } from "@/server/dnc/service";

// GET /api/dnc/check — is a number on the system-wide list or a campaign's?
export const GET = withApi(routes.checkDnc, async ({ query }) => ({
  message: "Do-not-call check done",
  data: await checkDnc(query),
}));
