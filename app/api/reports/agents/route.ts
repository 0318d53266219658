import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { agentsReportReply } from "@/server/reports/service";

// GET /api/reports/agents — per agent: calls, talk time, dispositions (JSON or CSV)
export const GET = withApi(routes.reportAgents, ({ req, query }) => agentsReportReply(req, query));
