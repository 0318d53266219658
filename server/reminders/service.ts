import { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Reminder } from "@/db/schema";
import { parseCsv } from "@/lib/csv";
import type { Caller } from "../api/caller";
import { pagination } from "../api/envelope";
import { ApiError, orNotFound, zodFieldErrors } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findIvrMenu } from "../ivr/queries";
import { planReminderCall } from "./call-time";
import { deleteReminderRow, findReminder, insertReminder, listReminderRows, toReminderDto, updateReminderRow } from "./queries";
import { appointmentInstant, createReminderBody, REMINDER_FIELDS, type listRemindersQuery, type ReminderInput, type updateReminderBody } from "./validation";

/** Biggest CSV the import takes in one request (about 20,000 reminders). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
const MAX_IMPORT_ROWS = 20_000;

type Planned = Pick<Reminder, "state" | "callAt" | "note" | "resultAt">;

/** The reminder's state and call moment as of now (from its appointment, lead time, zone and hours). */
function planned(r: Pick<Reminder, "appointmentAt" | "callBeforeMin" | "timezone" | "windowStart" | "windowEnd" | "outsideHours">, now = new Date()): Planned {
  const plan = planReminderCall({ appointmentAt: r.appointmentAt, callBeforeMin: r.callBeforeMin, zone: r.timezone, window: { start: r.windowStart, end: r.windowEnd }, outsideHours: r.outsideHours, now });
  if (plan.kind === "call") return { state: "scheduled", callAt: plan.at, note: plan.note, resultAt: null };
  return { state: plan.kind, callAt: null, note: plan.reason, resultAt: now };
}

function rowValues(input: ReminderInput, createdBy: number | null) {
  return {
    contactName: input.contact_name,
    phoneNumber: input.phone_number,
    appointmentAt: input.appointment_at,
    timezone: input.timezone,
    message: input.message ?? null,
    ivrMenuId: input.ivr_menu_id ?? null,
    callBeforeMin: input.call_before_min,
    retries: input.retries,
    retryDelaySec: input.retry_delay_sec,
    ringTimeoutSec: input.ring_timeout_sec,
    transferNumber: input.transfer_number || null,
    trunkType: input.trunk_type,
    trunkValue: input.trunk_value,
    callerId: input.caller_id,
    windowStart: input.window_start,
    windowEnd: input.window_end,
    outsideHours: input.outside_hours,
    createdBy,
  };
}

/** What a body may not say whatever its shape: a past appointment, a menu that does not exist. */
async function checkReminder(db: DbOrTx, r: { appointmentAt: Date; ivrMenuId: number | null }, prefix = ""): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  if (r.appointmentAt.getTime() <= Date.now()) errors[`${prefix}appointment_at`] = ["must be in the future"];
  if (r.ivrMenuId !== null && !(await findIvrMenu(db, r.ivrMenuId))) errors[`${prefix}ivr_menu_id`] = [`IVR menu ${r.ivrMenuId} does not exist`];
  return errors;
}

export async function listReminders(query: z.output<typeof listRemindersQuery>) {
  const db = await getDb();
  const { rows, total } = await listReminderRows(db, { from: query.from, to: query.to, states: query.state, search: query.search || undefined, page: query.page, perPage: query.per_page });
  return { data: rows.map(toReminderDto), pagination: pagination(total, query.page, query.per_page) };
}

export async function getReminder(id: number) {
  const db = await getDb();
  return toReminderDto(orNotFound(await findReminder(db, id), "Reminder"));
}

export async function createReminder(caller: Caller, input: ReminderInput) {
  return inTransaction(async (tx) => {
    const values = rowValues(input, caller.user.id);
    const errors = await checkReminder(tx, values);
    if (Object.keys(errors).length) throw ApiError.badRequest("Validation failed", errors);
    const row = await insertReminder(tx, { ...values, ...planned(values) });
    const dto = toReminderDto(row);
    await recordAudit(tx, caller, { action: "reminder.create", entityType: "reminder", entityId: row.id, details: dto });
    return dto;
  });
}

/** Changes a reminder not being called now and plans it again from scratch (attempts and result cleared). */
export async function updateReminder(caller: Caller, id: number, input: z.output<typeof updateReminderBody>) {
  return inTransaction(async (tx) => {
    const before = orNotFound(await findReminder(tx, id, { forUpdate: true }), "Reminder");
    if (before.state === "calling") throw ApiError.conflict("The reminder is being called now; change it once the call is over");
    const zone = input.timezone ?? before.timezone;
    const appointmentAt = input.appointment_at === undefined ? before.appointmentAt : appointmentInstant(input.appointment_at, zone);
    if (!appointmentAt || Number.isNaN(appointmentAt.getTime())) throw ApiError.badRequest("Validation failed", { appointment_at: ["is not a valid time"] });
    const merged: ReminderInput = {
      contact_name: input.contact_name ?? before.contactName,
      phone_number: input.phone_number ?? before.phoneNumber,
      appointment_at: appointmentAt,
      timezone: zone,
      message: input.message === undefined ? before.message : input.message,
      ivr_menu_id: input.ivr_menu_id === undefined ? before.ivrMenuId : input.ivr_menu_id,
      call_before_min: input.call_before_min ?? before.callBeforeMin,
      retries: input.retries ?? before.retries,
      retry_delay_sec: input.retry_delay_sec ?? before.retryDelaySec,
      ring_timeout_sec: input.ring_timeout_sec ?? before.ringTimeoutSec,
      transfer_number: input.transfer_number === undefined ? before.transferNumber : input.transfer_number,
      trunk_type: input.trunk_type ?? before.trunkType,
      trunk_value: input.trunk_value ?? before.trunkValue,
      caller_id: input.caller_id === undefined ? before.callerId : input.caller_id,
      window_start: input.window_start ?? before.windowStart,
      window_end: input.window_end ?? before.windowEnd,
      outside_hours: input.outside_hours ?? before.outsideHours,
    };
    if (Boolean(merged.message) === Boolean(merged.ivr_menu_id)) throw ApiError.badRequest("Validation failed", { message: ["give either message (a sound or TTS id) or ivr_menu_id, not both"] });
    const { createdBy: _keep, ...values } = rowValues(merged, null);
    const errors = await checkReminder(tx, values);
    if (Object.keys(errors).length) throw ApiError.badRequest("Validation failed", errors);
    const row = await updateReminderRow(tx, id, { ...values, ...planned(values), attempts: 0, lastOutcome: null, lastCause: null, digits: null, channelId: null });
    const dto = toReminderDto(row);
    await recordAudit(tx, caller, { action: "reminder.update", entityType: "reminder", entityId: id, details: { before: toReminderDto(before), after: dto } });
    return dto;
  });
}

export async function deleteReminder(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const before = orNotFound(await findReminder(tx, id, { forUpdate: true }), "Reminder");
    if (before.state === "calling") throw ApiError.conflict("The reminder is being called now; delete it once the call is over");
    await deleteReminderRow(tx, id);
    await recordAudit(tx, caller, { action: "reminder.delete", entityType: "reminder", entityId: id, details: toReminderDto(before) });
  });
}

type ImportError = { row: number; field: string; message: string };

/** The CSV text of a request: a `text/csv` body, or the `file` field of a multipart form. */
async function csvText(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES) throw ApiError.badRequest(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { file: ["is too large"] });
  let text: string;
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!file || typeof file === "string") throw ApiError.badRequest("Send the CSV as a multipart `file` field or as a text/csv body", { file: ["is required"] });
    text = await file.text();
  } else if (type.startsWith("text/csv") || type.startsWith("text/plain")) {
    text = await req.text();
  } else {
    throw ApiError.badRequest("Send the CSV as a text/csv body or a multipart `file` field", { file: ["must be text/csv or multipart/form-data"] });
  }
  if (text.length > MAX_IMPORT_BYTES) throw ApiError.badRequest(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { file: ["is too large"] });
  return text.replace(/^\uFEFF/, "");
}

const REQUIRED_COLUMNS = ["contact_name", "phone_number", "appointment_at", "timezone", "call_before_min", "trunk_value"] as const;

/**
 * Reminders from a CSV whose header names the fields of POST /reminders (`contact_name`,
 * `phone_number`, `appointment_at`, `timezone`, `message` or `ivr_menu_id`, `call_before_min`, …).
 * Every good row is created, in one transaction; each bad row is reported (row number, field,
 * message) and skipped. A file that cannot be read at all (no header, a required column missing)
 * is a 400 and creates nothing.
 */
export async function importReminders(caller: Caller, req: Request) {
  const text = await csvText(req);
  const records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ""));
  if (records.length === 0) throw ApiError.badRequest("The file is empty", { file: ["has no header row"] });
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw ApiError.badRequest(`The header lacks ${missing.join(", ")}`, { file: [`the header must name ${missing.join(", ")}`] });
  if (!header.includes("message") && !header.includes("ivr_menu_id")) throw ApiError.badRequest("The header lacks message or ivr_menu_id", { file: ["the header must name message or ivr_menu_id"] });
  const known = new Set(REMINDER_FIELDS);
  const unknown = header.filter((h) => h && !known.has(h));
  if (unknown.length) throw ApiError.badRequest(`Unknown columns: ${unknown.join(", ")}`, { file: [`unknown columns: ${unknown.join(", ")}`] });
  const rows = records.slice(1);
  if (rows.length === 0) throw ApiError.badRequest("The file has a header and no rows", { file: ["has no rows under its header"] });
  if (rows.length > MAX_IMPORT_ROWS) throw ApiError.badRequest(`At most ${MAX_IMPORT_ROWS} rows per file`, { file: ["has too many rows"] });

  const errors: ImportError[] = [];
  const good: { row: number; input: ReminderInput }[] = [];
  rows.forEach((record, i) => {
    const row = i + 2; // the file's line, the header being line 1
    const obj = Object.fromEntries(header.map((h, j) => [h, record.fields[j]?.trim() || undefined]).filter(([, v]) => v !== undefined));
    const parsed = createReminderBody.safeParse(obj);
    if (parsed.success) good.push({ row, input: parsed.data });
    else for (const [field, messages] of Object.entries(zodFieldErrors(parsed.error))) errors.push({ row, field: field || "row", message: messages.join("; ") });
  });

  return inTransaction(async (tx) => {
    const ids: number[] = [];
    for (const { row, input } of good) {
      const values = rowValues(input, caller.user.id);
      const problems = await checkReminder(tx, values);
      if (Object.keys(problems).length) {
        for (const [field, messages] of Object.entries(problems)) errors.push({ row, field, message: messages.join("; ") });
        continue;
      }
      ids.push((await insertReminder(tx, { ...values, ...planned(values) })).id);
    }
    errors.sort((a, b) => a.row - b.row);
    const result = { rows: rows.length, created: ids.length, failed: new Set(errors.map((e) => e.row)).size, ids, errors };
    // An import that created nothing changed nothing: no audit row, as for any refused request.
    if (ids.length) await recordAudit(tx, caller, { action: "reminder.import", entityType: "reminder", entityId: null, details: { rows: result.rows, created: result.created, failed: result.failed, ids } });
    return result;
  });
}
