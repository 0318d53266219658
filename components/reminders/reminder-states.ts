import type { Reminder } from "@/lib/api-types";
import type { Tone } from "@/lib/tone";

/** Each reminder state's colour and words on the calendar. */
export const REMINDER_STATE_VIEW: Record<Reminder["state"], { tone: Tone; label: string }> = {
  scheduled: { tone: "slate", label: "Scheduled" },
  calling: { tone: "amber", label: "Calling" },
  confirmed: { tone: "green", label: "Confirmed" },
  cancelled: { tone: "orange", label: "Cancelled" },
  transferred: { tone: "blue", label: "Transferred" },
  answered: { tone: "sky", label: "Answered, no choice" },
  no_answer: { tone: "red", label: "No answer" },
  busy: { tone: "red", label: "Busy" },
  failed: { tone: "red", label: "Failed" },
  not_callable: { tone: "slate", label: "Not callable" },
  dnc: { tone: "slate", label: "Do not call" },
  expired: { tone: "slate", label: "Expired" },
  interrupted: { tone: "red", label: "Interrupted" },
};
