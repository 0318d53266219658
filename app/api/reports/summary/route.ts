import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { summaryReportReply } from "@/server/reports/service";

// GET /api/reports/summary — attempts, connects, answer and abandon rates by hour or day (JSON or CSV)
export const GET = withApi(routes.reportSummary, ({ req, query }) => summaryReportReply(req, query));
