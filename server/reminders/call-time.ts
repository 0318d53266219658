import { addDays, instantAtLocal, localTimeParts, nextWindowStart, parseClock, withinWindow, type DailyWindow } from "../dialer/compliance/calling-hours";
import type { ReminderOutsideHours } from "@/db/schema";

/**
 * When a reminder calls: pure functions of the reminder and the clock, so the scheduler, the API
 * (which shows the planned moment as soon as a reminder is saved) and the tests share them.
 *
 * The wanted moment is `call_before_min` before the appointment, or now if that has passed and the
 * appointment has not (a reminder due while Pacer was down is still useful until the appointment).
 * Inside the contact's calling hours it stands. Outside them, by the reminder's setting: the last
 * legal moment before it (not before now), or "not callable". With no legal moment between now and
 * the wanted one, the next opening stands if it comes before the appointment; else not callable.
 */

export type CallPlanInput = {
  appointmentAt: Date;
  callBeforeMin: number;
  zone: string;
  window: DailyWindow;
  outsideHours: ReminderOutsideHours;
  now: Date;
};

export type CallPlan = { kind: "call"; at: Date; note: string | null } | { kind: "not_callable"; reason: string } | { kind: "expired"; reason: string };

const MINUTE = 60_000;
/** Days looked back for a window's last open minute: one DST change can swallow at most one close. */
const LOOK_BACK_DAYS = 4;

export function planReminderCall(input: CallPlanInput): CallPlan {
  const { appointmentAt, zone, window, now } = input;
  if (appointmentAt.getTime() <= now.getTime()) return { kind: "expired", reason: "the appointment time has passed" };
  const wanted = new Date(Math.max(appointmentAt.getTime() - input.callBeforeMin * MINUTE, now.getTime()));
  if (withinWindow(zone, wanted, window)) return { kind: "call", at: wanted, note: null };
  const hours = `${window.start}–${window.end} ${zone}`;
  if (input.outsideHours === "not_callable") return { kind: "not_callable", reason: `${localLabel(zone, wanted)} is outside calling hours (${hours})` };
  const earlier = lastOpenMomentBefore(zone, wanted, window);
  if (earlier && earlier.getTime() >= now.getTime()) {
    return { kind: "call", at: earlier, note: `moved earlier from ${localLabel(zone, wanted)}, outside calling hours (${hours})` };
  }
  const next = nextWindowStart(zone, wanted, window);
  if (next.getTime() < appointmentAt.getTime()) return { kind: "call", at: next, note: `calling hours (${hours}) open again before the appointment` };
  return { kind: "not_callable", reason: `no moment inside calling hours (${hours}) between now and the appointment` };
}

/**
 * After an unanswered call: the retry `delaySec` later, or when calling hours next open, if that is
 * still before the appointment; null when no retry can be useful.
 */
export function planRetry(input: { appointmentAt: Date; zone: string; window: DailyWindow; now: Date; delaySec: number }): Date | null {
  const after = new Date(input.now.getTime() + input.delaySec * 1000);
  const at = nextWindowStart(input.zone, after, input.window);
  return at.getTime() < input.appointmentAt.getTime() ? at : null;
}

/**
 * The last instant (to the minute) before `before` at which the window is open in `zone`: one
 * minute before a close. Each local close is turned into an instant and checked, so DST gaps and
 * repeated hours settle themselves. Null when none within a few days.
 */
export function lastOpenMomentBefore(zone: string, before: Date, window: DailyWindow): Date | null {
  const end = parseClock(window.end, true);
  if (end === null) throw new RangeError(`window end must be "HH:MM" or "24:00", got ${JSON.stringify(window.end)}`);
  const today = localTimeParts(zone, before).date;
  let best: Date | null = null;
  for (let back = 0; back <= LOOK_BACK_DAYS; back++) {
    const date = addDays(today, -back);
    const close = end === 1440 ? instantAtLocal(zone, addDays(date, 1), 0) : instantAtLocal(zone, date, end);
    if (!close) continue;
    const candidate = new Date(close.getTime() - MINUTE);
    if (candidate.getTime() >= before.getTime() || !withinWindow(zone, candidate, window)) continue;
    if (!best || candidate.getTime() > best.getTime()) best = candidate;
  }
  return best;
}

/** "2026-03-08 14:05 America/New_York": a moment as the contact's clock reads it. */
export function localLabel(zone: string, at: Date): string {
  const p = localTimeParts(zone, at);
  const hh = String(Math.floor(p.minutes / 60)).padStart(2, "0");
  const mm = String(p.minutes % 60).padStart(2, "0");
  return `${p.date} ${hh}:${mm} ${zone}`;
}
