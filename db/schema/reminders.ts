import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { ivrMenus } from "./ivr";
import { optionalRef, serialId, timestamps, timestampTz } from "./columns";
import type { TrunkKind } from "./trunks";
import { users } from "./users";

/**
 * An appointment reminder: one call to a contact some minutes before their appointment, inside
 * their calling hours, asking them to confirm (1), cancel (2) or speak to someone (0: the call is
 * transferred to `transfer_number`). Its state says where it is:
 * - `scheduled`: waiting for `call_at`; `calling`: claimed by a dialer process (one UPDATE … RETURNING);
 * - results: `confirmed`, `cancelled`, `transferred`, `answered` (no choice keyed), `no_answer`,
 *   `busy`, `failed` (after its retries);
 * - never called: `not_callable` (no legal moment before the appointment), `dnc`, `expired` (the
 *   appointment passed first, e.g. while Pacer was down), `interrupted` (the process died during its
 *   call: it is not dialed again).
 */
export const REMINDER_STATES = [
  "scheduled",
  "calling",
  "confirmed",
  "cancelled",
  "transferred",
  "answered",
  "no_answer",
  "busy",
  "failed",
  "not_callable",
  "dnc",
  "expired",
  "interrupted",
] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];

/** When the moment to call is outside calling hours: call at the last legal moment before it, or not at all. */
export const REMINDER_OUTSIDE_HOURS = ["call_earlier", "not_callable"] as const;
export type ReminderOutsideHours = (typeof REMINDER_OUTSIDE_HOURS)[number];

export const reminders = pgTable(
  "reminders",
  {
    id: serialId(),
    contactName: text("contact_name").notNull(),
    phoneNumber: text("phone_number").notNull(),
    appointmentAt: timestampTz("appointment_at").notNull(),
    /** IANA zone of the contact: calling hours are judged in it. */
    timezone: text("timezone").notNull(),
    /** What the call plays and asks (a sound id or TTS text id); or the IVR menu's own audio. */
    message: text("message"),
    ivrMenuId: optionalRef("ivr_menu_id", () => ivrMenus.id),
    /** How long before the appointment to call. */
    callBeforeMin: integer("call_before_min").notNull(),
    retries: integer("retries").notNull().default(0),
    retryDelaySec: integer("retry_delay_sec").notNull().default(300),
    ringTimeoutSec: integer("ring_timeout_sec").notNull().default(30),
    transferNumber: text("transfer_number"),
    trunkType: text("trunk_type").$type<TrunkKind>().notNull().default("pjsip"),
    trunkValue: text("trunk_value").notNull(),
    callerId: text("caller_id"),
    /** Calling hours in the contact's zone ("HH:MM", end may be "24:00"). */
    windowStart: text("window_start").notNull().default("08:00"),
    windowEnd: text("window_end").notNull().default("21:00"),
    outsideHours: text("outside_hours").$type<ReminderOutsideHours>().notNull().default("call_earlier"),
    state: text("state").$type<ReminderState>().notNull().default("scheduled"),
    /** The next call's moment; null once there is none to make. */
    callAt: timestampTz("call_at"),
    attempts: integer("attempts").notNull().default(0),
    /** The dialer process that holds the call, and until when (renewed while the call lasts). */
    claimedBy: text("claimed_by"),
    leaseUntil: timestampTz("lease_until"),
    channelId: text("channel_id"),
    /** Last call's hang-up outcome (answered, busy, no_answer, …), its cause, and the key pressed. */
    lastOutcome: text("last_outcome"),
    lastCause: integer("last_cause"),
    digits: text("digits"),
    /** Why it is in its state, in words (which hours, which list, …). */
    note: text("note"),
    resultAt: timestampTz("result_at"),
    createdBy: optionalRef("created_by", () => users.id),
    ...timestamps(),
  },
  (t) => [index("reminders_due_idx").on(t.state, t.callAt), index("reminders_appointment_idx").on(t.appointmentAt)],
);

export type Reminder = typeof reminders.$inferSelect;
