import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { trunksReportReply } from "@/server/reports/service";

// GET /api/reports/trunks — per trunk: attempts, ASR, ACD, failure causes (JSON or CSV)
export const GET = withApi(routes.reportTrunks, ({ req, query }) => trunksReportReply(req, query));
