import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { complianceLedger } from "@/server/compliance/service";

// GET /api/campaigns/:id/compliance/ledger.csv — the per-attempt compliance ledger, streamed as CSV
export const GET = withApi(routes.campaignComplianceLedger, ({ caller, params, query }) => complianceLedger(caller, idParam(params, "Campaign"), query));
