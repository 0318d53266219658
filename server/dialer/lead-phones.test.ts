import { describe, expect, it } from "vitest";
import type { LeadPhone } from "@/db/schema";
import { countAttempt, currentPhone, newPhone, settleAttempt, skipDncPhone, uncountAttempt, type LeadPhonesRow } from "./lead-phones";

const now = new Date("2026-01-05T15:00:00Z");
/** BUSY: 2 attempts per number, 60 s apart; others: the contract's retry_times 0. */
const rules = { retryTimes: 0, retryDelaySec: 300, rules: { BUSY: { cooldown_sec: 60, max_attempts: 2 } } };

function lead(numbers: string[], over: Partial<LeadPhonesRow> = {}): LeadPhonesRow {
  return { phoneNumber: numbers[0], attempts: 0, phones: numbers.map((n) => newPhone(n)), phonePosition: 1, ...over };
}

/** Claims and settles one attempt, as the dialer does. */
function attempt(l: LeadPhonesRow, outcome: Parameters<typeof settleAttempt>[2]["outcome"], extra: Partial<Parameters<typeof settleAttempt>[2]> = {}): LeadPhonesRow {
  const { position } = currentPhone(l);
  const phones = countAttempt(l, position, now);
  const next = settleAttempt({ ...l, phones, attempts: l.attempts + 1 }, position, { outcome, rules, now, ...extra });
  return { phoneNumber: l.phoneNumber, attempts: l.attempts + 1, phones: next.phones, phonePosition: next.phonePosition, status: next.status, nextAttemptAt: next.nextAttemptAt } as LeadPhonesRow;
}

describe("a lead's numbers, tried in order", () => {
  it("retries a busy number by its rule, then moves to the next number with its own attempts", () => {
    let l = lead(["5550001", "5550002"]);
    l = attempt(l, "busy");
    expect(l).toMatchObject({ status: "pending", phonePosition: 1, nextAttemptAt: new Date(now.getTime() + 60_000) });
    l = attempt(l, "busy");
    expect(l).toMatchObject({ status: "pending", phonePosition: 2, nextAttemptAt: null });
    expect(l.phones![0]).toMatchObject({ attempts: 2, state: "done", outcome: "busy" });
    l = attempt(l, "busy");
    expect(l).toMatchObject({ status: "pending", phonePosition: 2 });
    expect(l.phones![1].attempts).toBe(1);
    l = attempt(l, "busy");
    expect(l).toMatchObject({ status: "busy", phonePosition: 2, attempts: 4 });
    expect(l.phones!.map((p: LeadPhone) => p.state)).toEqual(["done", "done"]);
  });

  it("an answer ends the lead: the other numbers are never called", () => {
    const l = attempt(lead(["5550001", "5550002"]), "answered");
    expect(l).toMatchObject({ status: "answered", phonePosition: 1 });
    expect(l.phones![1]).toMatchObject({ attempts: 0, state: "pending" });
  });

  it("a number that does not exist is not retried: straight to the next", () => {
    const l = attempt(lead(["5550001", "5550002"], { phones: [newPhone("5550001"), newPhone("5550002")] }), "unavailable");
    expect(l).toMatchObject({ status: "pending", phonePosition: 2 });
  });

  it("final dispositions end the whole lead; NOANSWER follows the number's rule then the next number", () => {
    expect(attempt(lead(["1", "2"]), "answered", { disposition: "SALE" })).toMatchObject({ status: "completed" });
    const dnc = attempt(lead(["1", "2"]), "answered", { disposition: "DNC" });
    expect(dnc).toMatchObject({ status: "dnc" });
    expect(dnc.phones![0].state).toBe("dnc");
    expect(attempt(lead(["1", "2"]), "answered", { disposition: "NOANSWER" })).toMatchObject({ status: "pending", phonePosition: 2 });
    const cb = attempt(lead(["1", "2"]), "answered", { disposition: "CALLBACK", callbackAt: new Date("2026-01-06T10:00:00Z") });
    expect(cb).toMatchObject({ status: "pending", phonePosition: 1, nextAttemptAt: new Date("2026-01-06T10:00:00Z") });
  });

  it("a barred number is skipped; a lead with none left ends as its last call did, or dnc if none was placed", () => {
    const skipped = skipDncPhone(lead(["1", "2", "3"]), 1);
    expect(skipped).toMatchObject({ status: "pending", phonePosition: 2 });
    expect(skipped.phones.map((p) => p.state)).toEqual(["dnc", "pending", "pending"]);
    expect(skipDncPhone(lead(["1"]), 1)).toMatchObject({ status: "dnc" });
    let l = attempt(lead(["1", "2"]), "no_answer");
    expect(l).toMatchObject({ phonePosition: 2 });
    expect(skipDncPhone(l, 2)).toMatchObject({ status: "no_answer" });
    l = attempt(lead(["1", "2"]), "busy", { phoneOnDnc: true });
    expect(l).toMatchObject({ status: "pending", phonePosition: 2 });
  });

  it("the number to call skips numbers already barred or done; a given-back claim is uncounted", () => {
    const phones = [newPhone("1", "dnc"), newPhone("2", "done"), newPhone("3")];
    expect(currentPhone({ phoneNumber: "1", attempts: 0, phones, phonePosition: 1 })).toMatchObject({ position: 3, phone: { number: "3" } });
    const legacy = { phoneNumber: "9", attempts: 2, phones: null, phonePosition: 1 };
    expect(currentPhone(legacy)).toMatchObject({ position: 1, phone: { number: "9", attempts: 2 } });
    expect(uncountAttempt(legacy, 1)[0].attempts).toBe(1);
  });
});
