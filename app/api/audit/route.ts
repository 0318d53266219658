import { getDb } from "@/db/client";
import { pagination } from "@/server/api/envelope";
import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { listAudit, toAuditDto } from "@/server/audit/queries";

// GET /api/audit — the audit log, newest first (admin)
export const GET = withApi(routes.listAudit, async ({ query }) => {
  const { rows, total } = await listAudit(await getDb(), {
    entityType: query.entity_type,
    entityId: query.entity_id,
    page: query.page,
    perPage: query.per_page,
  });
  return {
    message: "Audit log retrieved successfully",
    data: rows.map(toAuditDto),
    pagination: pagination(total, query.page, query.per_page),
  };
});
