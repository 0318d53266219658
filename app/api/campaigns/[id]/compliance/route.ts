import { idParam } from "@/server/api/params";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { complianceLedger, complianceSummary } from "@/server/compliance/service";
import { wantsCsv } from "@/server/reports/service";

// GET /api/campaigns/:id/compliance — the compliance summary over a period (format=csv: the ledger)
export const GET = withApi(routes.campaignCompliance, async ({ caller, params, query, req }) => {
  const id = idParam(params, "Campaign");
  if (wantsCsv(req, query.format)) return complianceLedger(caller, id, query);
  return { message: "Campaign compliance retrieved successfully", data: await complianceSummary(id, query) };
});
