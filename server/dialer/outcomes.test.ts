import { describe, expect, it } from "vitest";
import { leadResultOf, leadResultOfDisposition, OUTCOME_EFFECTS, retryRuleFor } from "./outcomes";

const now = new Date("2026-12-01T12:00:00Z");
const contract = { retryTimes: 2, retryDelaySec: 300, rules: null };

describe("retry rules", () => {
  it("uses retry_times / retry_delay for the nobody-reached outcomes", () => {
    expect(leadResultOf("busy", 1, contract, now)).toEqual({ status: "pending", nextAttemptAt: new Date("2026-12-01T12:05:00Z"), retried: true });
    expect(leadResultOf("no_answer", 2, contract, now).status).toBe("pending");
    // retry_times 2 means three calls in all: the third ends it.
    expect(leadResultOf("no_answer", 3, contract, now)).toEqual({ status: "no_answer", nextAttemptAt: null, retried: false });
    expect(leadResultOf("congestion", 3, contract, now).status).toBe("failed");
  });

  it("never retries someone reached, or a number that does not exist", () => {
    expect(leadResultOf("answered", 1, contract, now)).toMatchObject({ status: "answered", retried: false });
    expect(leadResultOf("unavailable", 1, contract, now)).toMatchObject({ status: "failed", retried: false });
    expect(leadResultOf("cancelled", 1, contract, now)).toMatchObject({ status: "failed", retried: false });
  });

  it("retries an abandoned person only when the campaign has a rule for it", () => {
    expect(retryRuleFor("abandoned", contract)).toBeNull();
    expect(leadResultOf("abandoned", 1, contract, now)).toMatchObject({ status: "answered", retried: false });
    const rules = { ...contract, rules: { ABANDONED: { cooldown_sec: 3600, max_attempts: 2 } } };
    expect(leadResultOf("abandoned", 1, rules, now)).toMatchObject({ status: "pending", nextAttemptAt: new Date("2026-12-01T13:00:00Z") });
  });

  it("lets a campaign's own rule per outcome override the default", () => {
    const rules = { ...contract, rules: { BUSY: { cooldown_sec: 60, max_attempts: 5 }, VOICEMAIL: { cooldown_sec: 86_400, max_attempts: 1 } } };
    expect(leadResultOf("busy", 4, rules, now)).toMatchObject({ status: "pending", nextAttemptAt: new Date("2026-12-01T12:01:00Z") });
    expect(leadResultOf("busy", 5, rules, now).status).toBe("busy");
    expect(leadResultOf("machine", 1, rules, now)).toMatchObject({ status: "no_answer", retried: false });
    // Outcomes without a rule keep the contract's default.
    expect(leadResultOf("no_answer", 1, rules, now).nextAttemptAt).toEqual(new Date("2026-12-01T12:05:00Z"));
  });

  it("maps every outcome onto the contract's CDR dispositions", () => {
    expect(OUTCOME_EFFECTS.machine.cdr).toBe("answered");
    expect(OUTCOME_EFFECTS.abandoned.cdr).toBe("answered");
    expect(OUTCOME_EFFECTS.congestion.cdr).toBe("failed");
    expect(OUTCOME_EFFECTS.lost.cdr).toBe("failed");
  });
});

describe("agent dispositions", () => {
  it("finishes the lead on SALE, DNC and custom words", () => {
    expect(leadResultOfDisposition("SALE", 1, contract, now).status).toBe("completed");
    expect(leadResultOfDisposition("DNC", 1, contract, now).status).toBe("dnc");
    expect(leadResultOfDisposition("NOT_INTERESTED", 1, contract, now).status).toBe("completed");
  });

  it("brings a CALLBACK back at the time asked, whatever the retry limits", () => {
    const at = new Date("2026-12-03T09:30:00Z");
    expect(leadResultOfDisposition("CALLBACK", 99, contract, now, at)).toEqual({ status: "pending", nextAttemptAt: at, retried: true });
  });

  it("sends NOANSWER, BUSY and VOICEMAIL through their retry rules", () => {
    expect(leadResultOfDisposition("BUSY", 1, contract, now)).toMatchObject({ status: "pending" });
    expect(leadResultOfDisposition("NOANSWER", 3, contract, now)).toMatchObject({ status: "no_answer" });
  });
});
