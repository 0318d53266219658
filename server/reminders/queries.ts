import { and, asc, eq, gte, ilike, inArray, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, pageOf, type PageRequest } from "@/db/rows";
import { reminders, type Reminder, type ReminderState } from "@/db/schema";
import { formatTime } from "../api/format";
import { localLabel } from "./call-time";

export function toReminderDto(r: Reminder) {
  return {
    id: r.id,
    contact_name: r.contactName,
    phone_number: r.phoneNumber,
    appointment_at: formatTime(r.appointmentAt)!,
    appointment_local: localLabel(r.timezone, r.appointmentAt),
    timezone: r.timezone,
    message: r.message,
    ivr_menu_id: r.ivrMenuId,
    call_before_min: r.callBeforeMin,
    retries: r.retries,
    retry_delay_sec: r.retryDelaySec,
    ring_timeout_sec: r.ringTimeoutSec,
    transfer_number: r.transferNumber,
    trunk_type: r.trunkType,
    trunk_value: r.trunkValue,
    caller_id: r.callerId,
    window_start: r.windowStart,
    window_end: r.windowEnd,
    outside_hours: r.outsideHours,
    state: r.state,
    call_at: formatTime(r.callAt),
    attempts: r.attempts,
    last_outcome: r.lastOutcome,
    digits: r.digits,
    note: r.note,
    result_at: formatTime(r.resultAt),
    created_at: formatTime(r.createdAt)!,
    updated_at: formatTime(r.updatedAt),
  };
}

export type ReminderFilter = { from?: string; to?: string; states?: string[]; search?: string } & PageRequest;

/** Appointments from `from` 00:00 UTC up to the end of `to`, in appointment order. */
export async function listReminderRows(db: DbOrTx, f: ReminderFilter): Promise<{ rows: Reminder[]; total: number }> {
  const parts: (SQL | undefined)[] = [
    f.from ? gte(reminders.appointmentAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(reminders.appointmentAt, new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)) : undefined,
    f.states?.length ? inArray(reminders.state, f.states as ReminderState[]) : undefined,
    f.search ? or(ilike(reminders.contactName, `%${f.search}%`), ilike(reminders.phoneNumber, `%${f.search}%`)) : undefined,
  ];
  const where = and(...parts);
  return pageOf(db, reminders, where, f, (limit, offset) => db.select().from(reminders).where(where).orderBy(asc(reminders.appointmentAt), asc(reminders.id)).limit(limit).offset(offset));
}

export const findReminder = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Reminder | undefined> => findById(db, reminders, id, opts);
export const insertReminder = (db: DbOrTx, values: typeof reminders.$inferInsert): Promise<Reminder> => insertRow(db, reminders, values);
export const deleteReminderRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, reminders, id);

export async function updateReminderRow(db: DbOrTx, id: number, set: Partial<typeof reminders.$inferInsert>): Promise<Reminder> {
  const [row] = await db.update(reminders).set({ ...set, updatedAt: new Date() }).where(eq(reminders.id, id)).returning();
  return row;
}

// The scheduler's statements. Each moves a reminder between states in one statement, guarded by
// the state it expects, so two processes (or a process and an API edit) never both win.

/** Scheduled reminders whose appointment has come: they will not be called. */
export async function expirePassedReminders(db: DbOrTx): Promise<Reminder[]> {
  return db
    .update(reminders)
    .set({ state: "expired", callAt: null, note: "the appointment time passed before it could be called", resultAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(reminders.state, "scheduled"), lte(reminders.appointmentAt, sql`now()`)))
    .returning();
}

/**
 * Claims up to `limit` due reminders for `nodeId`: state `calling`, one more attempt, the channel id
 * of this attempt and a lease. One UPDATE … RETURNING over rows locked SKIP LOCKED: a reminder is
 * claimed once, and a claimed one is never claimed again (only the scheduler moves it back).
 */
export async function claimDueReminders(db: DbOrTx, nodeId: string, leaseSec: number, limit: number): Promise<Reminder[]> {
  const due = db
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(eq(reminders.state, "scheduled"), lte(reminders.callAt, sql`now()`), sql`${reminders.appointmentAt} > now()`))
    .orderBy(asc(reminders.callAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(reminders)
    .set({
      state: "calling",
      attempts: sql`${reminders.attempts} + 1`,
      claimedBy: nodeId,
      leaseUntil: sql`now() + ${leaseSec}::int * interval '1 second'`,
      channelId: sql`'pacer-rem-' || ${reminders.id} || '-' || (${reminders.attempts} + 1)`,
      updatedAt: sql`now()`,
    })
    .where(and(inArray(reminders.id, due), eq(reminders.state, "scheduled")))
    .returning();
}

/** Keeps this process's calls its own while they last. */
export async function renewReminderLeases(db: DbOrTx, nodeId: string, ids: number[], leaseSec: number): Promise<void> {
  if (!ids.length) return;
  await db
    .update(reminders)
    .set({ leaseUntil: sql`now() + ${leaseSec}::int * interval '1 second'` })
    .where(and(inArray(reminders.id, ids), eq(reminders.state, "calling"), eq(reminders.claimedBy, nodeId)));
}

/**
 * Calls a process left behind when it died (its lease ran out, or, with one process only, any
 * claimed by another run): they are `interrupted`, never dialed again, as the person may have
 * been called already.
 */
export async function settleInterruptedReminders(db: DbOrTx, nodeId: string, anyOtherRun: boolean): Promise<Reminder[]> {
  return db
    .update(reminders)
    .set({ state: "interrupted", callAt: null, claimedBy: null, leaseUntil: null, note: "Pacer stopped during this call; it is not dialed again", resultAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(reminders.state, "calling"), anyOtherRun ? ne(reminders.claimedBy, nodeId) : lt(reminders.leaseUntil, sql`now()`)))
    .returning();
}

/** The end of this process's call: a result, or back to `scheduled` for a retry or a later moment. */
export async function releaseReminder(db: DbOrTx, id: number, nodeId: string, set: Partial<typeof reminders.$inferInsert>): Promise<Reminder | undefined> {
  const [row] = await db
    .update(reminders)
    .set({ ...set, claimedBy: null, leaseUntil: null, updatedAt: sql`now()` })
    .where(and(eq(reminders.id, id), eq(reminders.state, "calling"), eq(reminders.claimedBy, nodeId)))
    .returning();
  return row;
}
