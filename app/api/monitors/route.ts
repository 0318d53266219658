import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { listLiveMonitors } from "@/server/monitors/service";

// GET /api/monitors — listen/whisper/barge sessions not ended yet
export const GET = withApi(routes.listMonitors, async () => ({ message: "Monitoring sessions", data: await listLiveMonitors() }));
