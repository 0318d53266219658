import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { freeswitchIntegration } from "@/server/integrations/service";

// GET /api/integrations/freeswitch — the FreeSWITCH configuration for this install (admin)
export const GET = withApi(routes.freeswitchIntegration, async ({ req }) => ({
  message: "FreeSWITCH configuration retrieved successfully",
  data: await freeswitchIntegration(req),
}));
