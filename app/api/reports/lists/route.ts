import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { listsReportReply } from "@/server/reports/service";

// GET /api/reports/lists — list penetration: dialed, remaining, exhausted, callbacks due (JSON or CSV)
export const GET = withApi(routes.reportLists, ({ req, query }) => listsReportReply(req, query));
