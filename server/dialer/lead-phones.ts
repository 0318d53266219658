import type { LeadPhone, LeadStatus } from "@/db/schema";
import { leadResultOf, OUTCOME_EFFECTS, type AttemptOutcome, type RetryDefaults } from "./outcomes";

/**
 * A lead's numbers, tried in order (`003_*` dial lists): each number has its own attempts under
 * the campaign's retry rules; when one is used up, or ends in a way no retry helps (the number
 * does not exist), the dialer moves to the next; the lead is final when every number is done, or
 * at once when a person was reached or a final disposition (SALE, DNC, …) was given.
 */

export type LeadPhonesRow = { phoneNumber: string; attempts: number; phones: LeadPhone[] | null; phonePosition: number };

export const newPhone = (number: string, state: LeadPhone["state"] = "pending"): LeadPhone => ({ number, attempts: 0, state, outcome: null, lastAttempt: null });

/** The lead's numbers; a lead from before extra numbers existed has just its own, with its attempts. */
export function phonesOf(lead: LeadPhonesRow): LeadPhone[] {
  if (lead.phones && lead.phones.length > 0) return lead.phones.map((p) => ({ ...p }));
  return [{ ...newPhone(lead.phoneNumber), attempts: lead.attempts }];
}

/** The number to call now, by position (1-based), clamped to the numbers the lead has. */
export function currentPhone(lead: LeadPhonesRow): { position: number; phone: LeadPhone } {
  const phones = phonesOf(lead);
  let position = Math.min(Math.max(1, lead.phonePosition), phones.length);
  // A number barred or done is never the one to call while a later one is still to try.
  const next = phones[position - 1].state === "pending" ? position : nextPending(phones, position);
  if (next !== null) position = next;
  return { position, phone: phones[position - 1] };
}

export type LeadNext = { status: LeadStatus; nextAttemptAt: Date | null; phones: LeadPhone[]; phonePosition: number };

/** The next number still to try after `position`, or null. */
function nextPending(phones: LeadPhone[], position: number): number | null {
  for (let i = position; i < phones.length; i++) if (phones[i].state === "pending") return i + 1;
  return null;
}

/** Every number done: the lead's status is that of the last number actually called (dnc when none was). */
function finalStatus(phones: LeadPhone[]): LeadStatus {
  for (let i = phones.length - 1; i >= 0; i--) {
    const o = phones[i].outcome as AttemptOutcome | null;
    if (phones[i].attempts > 0 && o && o in OUTCOME_EFFECTS) return OUTCOME_EFFECTS[o].finalStatus;
  }
  return "dnc";
}

/** Moves on from the number at `position` (already marked): to the next number at once, or the lead is final. */
function moveOn(phones: LeadPhone[], position: number, finalIfNone: LeadStatus): LeadNext {
  const next = nextPending(phones, position);
  if (next !== null) return { status: "pending", nextAttemptAt: null, phones, phonePosition: next };
  return { status: finalIfNone, nextAttemptAt: null, phones, phonePosition: position };
}

/** The number at `position` is on a do-not-call list: it is never called; the lead moves on. */
export function skipDncPhone(lead: LeadPhonesRow, position: number): LeadNext {
  const phones = phonesOf(lead);
  phones[position - 1].state = "dnc";
  return moveOn(phones, position, finalStatus(phones));
}

export type AttemptEnd = {
  outcome: AttemptOutcome;
  /** An agent's or IVR's disposition, which overrides the outcome. */
  disposition?: string | null;
  callbackAt?: Date | null;
  rules: RetryDefaults;
  now: Date;
  /** The number turned out to be on a do-not-call list just before dialing (nobody was called). */
  phoneOnDnc?: boolean;
};

/** A person was reached: the lead ends whatever numbers are left. */
const REACHED: ReadonlySet<AttemptOutcome> = new Set(["answered", "abandoned"]);

/**
 * What becomes of a lead after an attempt on its number at `position` (whose attempt is already
 * counted): retried on the same number, moved to the next number, or final.
 */
export function settleAttempt(lead: LeadPhonesRow, position: number, end: AttemptEnd): LeadNext {
  if (end.phoneOnDnc) return skipDncPhone(lead, position);
  const phones = phonesOf(lead);
  const pos = Math.min(Math.max(1, position), phones.length);
  const phone = phones[pos - 1];
  const disposition = end.disposition ?? null;
  phone.outcome = disposition ?? end.outcome;
  let outcome = end.outcome;
  switch (disposition) {
    case null:
      break;
    case "CALLBACK":
      return { status: "pending", nextAttemptAt: end.callbackAt ?? new Date(end.now.getTime() + 3600_000), phones, phonePosition: pos };
    case "NOANSWER":
      outcome = "no_answer";
      break;
    case "BUSY":
      outcome = "busy";
      break;
    case "VOICEMAIL":
      outcome = "machine";
      break;
    case "DNC":
      phone.state = "dnc";
      return { status: "dnc", nextAttemptAt: null, phones, phonePosition: pos };
    default:
      // SALE and custom words finish the whole lead.
      return { status: "completed", nextAttemptAt: null, phones, phonePosition: pos };
  }
  const result = leadResultOf(outcome, phone.attempts, end.rules, end.now);
  if (result.retried) return { status: "pending", nextAttemptAt: result.nextAttemptAt, phones, phonePosition: pos };
  if (!disposition && REACHED.has(outcome)) return { status: result.status, nextAttemptAt: null, phones, phonePosition: pos };
  phone.state = "done";
  return moveOn(phones, pos, result.status);
}

/** The claim: one more attempt on the number at `position`. */
export function countAttempt(lead: LeadPhonesRow, position: number, at: Date): LeadPhone[] {
  const phones = phonesOf(lead);
  const p = phones[position - 1];
  p.attempts += 1;
  p.lastAttempt = at.toISOString();
  return phones;
}

/** A claim given back (nobody was called): the attempt is uncounted. */
export function uncountAttempt(lead: LeadPhonesRow, position: number): LeadPhone[] {
  const phones = phonesOf(lead);
  const p = phones[Math.min(Math.max(1, position), phones.length) - 1];
  p.attempts = Math.max(0, p.attempts - 1);
  return phones;
}
