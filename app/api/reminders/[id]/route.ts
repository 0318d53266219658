import { deleteHandler, getHandler, updateHandler } from "@/server/api/resource-handlers";
import { routes } from "@/server/api/routes";
import { deleteReminder, getReminder, updateReminder } from "@/server/reminders/service";

// GET /api/reminders/:id — a reminder with its state and result
export const GET = getHandler(routes.getReminder, "Reminder", getReminder);

// PUT /api/reminders/:id — change a reminder not being called; it is planned again
export const PUT = updateHandler(routes.updateReminder, "Reminder", updateReminder);

// DELETE /api/reminders/:id — delete a reminder not being called
export const DELETE = deleteHandler(routes.deleteReminder, "Reminder", deleteReminder);
