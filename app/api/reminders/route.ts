import { createHandler, listHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { createReminder, listReminders } from "@/server/reminders/service";

// GET /api/reminders — reminders by appointment date range, state, name or number
export const GET = listHandler(routes.listReminders, "Reminders", ({ query }) => listReminders(query));

// POST /api/reminders — create an appointment reminder
export const POST = createHandler(routes.createReminder, "Reminder", createReminder);
