import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { dispositionsReportReply } from "@/server/reports/service";

// GET /api/reports/dispositions — dispositions and AMD outcomes by hour or day, average talk time (JSON or CSV)
export const GET = withApi(routes.reportDispositions, ({ req, query }) => dispositionsReportReply(req, query));
