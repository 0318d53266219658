import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { exportCdr } from "@/server/cdr/service";

// GET /api/cdr/export — the filtered call records as a streamed CSV download
export const GET = withApi(routes.exportCdr, ({ caller, query }) => exportCdr(caller, query));
