import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { demoStatus, installDemoFor, removeDemo } from "@/server/demo/service";

// GET /api/demo — is there demo data, and are its simulated agents at work
export const GET = withApi(routes.demoStatus, async () => ({ message: "Demo status", data: await demoStatus() }));

// POST /api/demo — create the demo as the first start does
export const POST = withApi(routes.installDemo, async ({ caller }) => ({ message: "Demo created", data: await installDemoFor(caller) }));

// DELETE /api/demo — remove the demo: campaign, list and numbers, simulated agents and their calls
export const DELETE = withApi(routes.removeDemo, async ({ caller }) => ({ message: "Demo removed", data: await removeDemo(caller) }));
