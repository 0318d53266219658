import { z } from "zod";
import { REMINDER_OUTSIDE_HOURS, REMINDER_STATES, TRUNK_KINDS } from "@/db/schema";
import { instantAtLocal, parseClock } from "../dialer/compliance/calling-hours";
import { validZone } from "../dialer/compliance";
import { dateOnly, intIn, optionalText, pageQuery, phoneNumberInput, recordId, timestampsOut } from "../api/validation";

const required = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, "is required")
    .max(max, `must be at most ${max} characters`);

/** A sound id the PBX can play (or a TTS prompt's id): no spaces, commas or quotes, which would split a command. */
const soundId = required(255).regex(/^[A-Za-z0-9_./:-]+$/, "must be a sound or TTS id (letters, digits, _ . / : -)");

const clock = (allowEnd: boolean) =>
  z.string({ error: 'must be a time as "HH:MM"' }).refine((v) => parseClock(v, allowEnd) !== null, allowEnd ? 'must be "HH:MM" (24 h) or "24:00"' : 'must be "HH:MM" (24 h)');

const zone = z.string({ error: (i) => (i.input === undefined ? "is required" : "must be an IANA time zone such as Asia/Kathmandu") }).refine(validZone, "must be an IANA time zone such as Asia/Kathmandu");

/** ISO 8601 with a zone (`2026-06-10T10:00:00+05:45`, `…Z`), or a wall time `YYYY-MM-DD HH:MM[:SS]` read in the reminder's time zone. */
const appointmentInput = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a date-time") })
  .trim()
  .refine((s) => LOCAL_TIME.test(s) || (ZONED_TIME.test(s) && !Number.isNaN(Date.parse(s))), "must be an ISO 8601 time with its offset (2026-06-10T10:00:00+05:45) or a local time 2026-06-10 10:00 in the reminder's time zone");

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant an appointment input names; a wall time is read in `tz` (a wall time skipped by DST: when the clock jumps past it). */
export function appointmentInstant(value: string, tz: string): Date | null {
  const local = LOCAL_TIME.exec(value);
  if (!local) return new Date(value);
  const [, date, hh, mm, ss] = local;
  const minutes = Number(hh) * 60 + Number(mm);
  if (Number(hh) > 23 || Number(mm) > 59 || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null;
  const at = instantAtLocal(tz, date, minutes);
  return at && new Date(at.getTime() + Number(ss ?? 0) * 1000);
}

const reminderFields = {
  contact_name: required(200),
  phone_number: phoneNumberInput,
  appointment_at: appointmentInput,
  timezone: zone,
  message: soundId.nullish(),
  ivr_menu_id: recordId("IVR menu").nullish(),
  call_before_min: intIn(0, 60 * 24 * 14),
  retries: intIn(0, 10).default(0),
  retry_delay_sec: intIn(5, 86_400).default(300),
  ring_timeout_sec: intIn(10, 120).default(30),
  transfer_number: z.union([z.literal(""), z.null(), z.string().trim().regex(/^\+?[0-9*#]{2,20}$|^[^@\s/]+@[^@\s/]+$/, "must be a phone number or an extension@context")]).nullish(),
  trunk_type: z.enum(TRUNK_KINDS, { error: `must be one of: ${TRUNK_KINDS.join(", ")}` }).default("pjsip"),
  trunk_value: required(255),
  caller_id: optionalText(80),
  window_start: clock(false).default("08:00"),
  window_end: clock(true).default("21:00"),
  outside_hours: z.enum(REMINDER_OUTSIDE_HOURS, { error: `must be one of: ${REMINDER_OUTSIDE_HOURS.join(", ")}` }).default("call_earlier"),
};

/** The fields a reminder is made of: the CSV import's column names. */
export const REMINDER_FIELDS = Object.keys(reminderFields);

type WhatToPlay = { message?: string | null; ivr_menu_id?: number | null; trunk_type?: string; trunk_value?: string };
const onePrompt = (v: WhatToPlay) => Boolean(v.message) !== Boolean(v.ivr_menu_id);
const customDialString = (v: WhatToPlay) => v.trunk_type !== "custom" || !v.trunk_value || /\$\{EXTEN\}|\{number\}/.test(v.trunk_value);

/** With the instant resolved: `appointment_at` becomes a Date (the zone is known by then). */
function resolveAppointment<T extends { appointment_at?: string; timezone?: string }>(v: T, ctx: z.RefinementCtx) {
  if (v.appointment_at === undefined) return { ...v, appointment_at: undefined };
  const at = v.timezone ? appointmentInstant(v.appointment_at, v.timezone) : LOCAL_TIME.test(v.appointment_at) ? null : new Date(v.appointment_at);
  if (!at || Number.isNaN(at.getTime())) {
    ctx.addIssue({ code: "custom", path: ["appointment_at"], message: "is not a valid time" });
    return z.NEVER;
  }
  return { ...v, appointment_at: at };
}

export const createReminderBody = z
  .object(reminderFields)
  .refine(onePrompt, { message: "give either message (a sound or TTS id) or ivr_menu_id, not both", path: ["message"] })
  .refine(customDialString, { message: "a custom dial string must contain ${EXTEN} or {number}", path: ["trunk_value"] })
  .transform((v, ctx) => resolveAppointment(v, ctx) as Omit<typeof v, "appointment_at"> & { appointment_at: Date });

/** Any of the fields; the reminder is planned again. A time without a zone is read in the new or current zone. */
export const updateReminderBody = z
  // Without their defaults: a field left out keeps its value rather than going back to the default.
  .object(Object.fromEntries(Object.entries(reminderFields).map(([k, s]) => [k, (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : (s as z.ZodType)).optional()])) as { [K in keyof typeof reminderFields]: z.ZodOptional<(typeof reminderFields)[K]> })
  .refine((v) => Object.keys(v).length > 0, { message: "give at least one field to change" })
  .refine(customDialString, { message: "a custom dial string must contain ${EXTEN} or {number}", path: ["trunk_value"] });

const stateFilter = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .refine((list) => list.every((s) => (REMINDER_STATES as readonly string[]).includes(s)), `must be one or more of: ${REMINDER_STATES.join(", ")} (comma-separated)`);

export const listRemindersQuery = z
  .object({
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    state: stateFilter.optional(),
    search: z.string().trim().max(100).optional(),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });

export const reminderOut = z.object({
  id: z.number(),
  contact_name: z.string(),
  phone_number: z.string(),
  appointment_at: z.string(),
  appointment_local: z.string(),
  timezone: z.string(),
  message: z.string().nullable(),
  ivr_menu_id: z.number().nullable(),
  call_before_min: z.number(),
  retries: z.number(),
  retry_delay_sec: z.number(),
  ring_timeout_sec: z.number(),
  transfer_number: z.string().nullable(),
  trunk_type: z.string(),
  trunk_value: z.string(),
  caller_id: z.string().nullable(),
  window_start: z.string(),
  window_end: z.string(),
  outside_hours: z.enum(REMINDER_OUTSIDE_HOURS),
  state: z.enum(REMINDER_STATES),
  call_at: z.string().nullable(),
  attempts: z.number(),
  last_outcome: z.string().nullable(),
  digits: z.string().nullable(),
  note: z.string().nullable(),
  result_at: z.string().nullable(),
  ...timestampsOut,
});

export const reminderImportOut = z.object({
  rows: z.number(),
  created: z.number(),
  failed: z.number(),
  ids: z.array(z.number()),
  errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
});

export type ReminderInput = z.output<typeof createReminderBody>;
