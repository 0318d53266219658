import { staffPage } from "@/components/auth/require-role";
import { RemindersCalendar } from "@/components/reminders/reminders-calendar";

export const metadata = { title: "Reminders" };
export default staffPage(() => <RemindersCalendar />);
