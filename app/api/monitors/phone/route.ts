import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { myMonitorPhone } from "@/server/monitors/service";

// GET /api/monitors/phone — the phone the caller last listened in from
export const GET = withApi(routes.monitorPhone, async ({ caller }) => ({ message: "Your monitoring phone", data: await myMonitorPhone(caller) }));
