import type { Lead, LeadPhone, LeadStatus } from "@/db/schema";
import { newPhone, phonesOf } from "../dialer/lead-phones";
import { OUTCOME_EFFECTS, type AttemptOutcome } from "../dialer/outcomes";

/** Statuses a lead has while the dialer may still take it up; a finished lead stays finished. */
const OPEN: ReadonlySet<LeadStatus> = new Set(["pending", "dnc"]);

/**
 * A lead's numbers after an edit, phone 1 first. A number the lead already had keeps its attempts
 * and state; a new one starts fresh, or barred when it is on a do-not-call list. An open lead then
 * calls its first number still to try; with none left it is final, as after its last attempt.
 */
export function editLeadPhones(lead: Lead, numbers: readonly string[], barred: ReadonlySet<string>): { phones: LeadPhone[]; phonePosition: number; status: LeadStatus } {
  const had = new Map(phonesOf(lead).map((p) => [p.number, p]));
  const phones = numbers.map((n) => had.get(n) ?? newPhone(n, barred.has(n) ? "dnc" : "pending"));
  if (!OPEN.has(lead.status)) return { phones, phonePosition: Math.min(lead.phonePosition, phones.length), status: lead.status };
  const next = phones.findIndex((p) => p.state === "pending");
  if (next !== -1) return { phones, phonePosition: next + 1, status: "pending" };
  return { phones, phonePosition: phones.length, status: statusWhenDone(phones) };
}

/** Every number tried or barred: the status of the last number actually called, dnc when none was. */
function statusWhenDone(phones: LeadPhone[]): LeadStatus {
  for (let i = phones.length - 1; i >= 0; i--) {
    const outcome = phones[i].outcome as AttemptOutcome | null;
    if (phones[i].attempts > 0 && outcome && outcome in OUTCOME_EFFECTS) return OUTCOME_EFFECTS[outcome].finalStatus;
  }
  return "dnc";
}
