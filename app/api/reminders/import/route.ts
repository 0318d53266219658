import { routes } from "@/server/api/routes";
import { withApi } from "@/server/api/with-api";
import { importReminders } from "@/server/reminders/service";

// POST /api/reminders/import — reminders from a CSV, with a report of the rows refused
export const POST = withApi(routes.importReminders, async ({ caller, req }) => {
  const data = await importReminders(caller, req);
  return { message: `${data.created} reminders created, ${data.failed} rows refused`, data };
});
