import { zonesWithLocalHour } from "./dialer";

/**
 * A reminder for tests: it dials `PJSIP/<number>@carrier` on the simulator, in a zone whose local
 * time now is inside calling hours, and is due `dueInSec` from now (call_before_min before an
 * appointment that far plus the lead time away).
 */
export function reminderBody(phone: string, over: Record<string, unknown> = {}, dueInSec = 0) {
  const callBeforeMin = 10;
  return {
    contact_name: `Contact ${phone}`,
    phone_number: phone,
    appointment_at: new Date(Date.now() + (callBeforeMin * 60 + dueInSec) * 1000).toISOString(),
    timezone: zonesWithLocalHour(10, 18)[0],
    message: "custom/appointment-reminder",
    call_before_min: callBeforeMin,
    trunk_value: "carrier",
    ...over,
  };
}
