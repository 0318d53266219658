import type { AttemptOutcome, CdrDisposition, LeadStatus, RetryOutcome, RetryRule, RetryRules } from "@/db/schema";

/** How an attempt ended (the list and its meaning live beside the attempts' table). */
export type { AttemptOutcome } from "@/db/schema";

/**
 * What each outcome means elsewhere: the CDR's disposition; which retry rule applies (null = never
 * retried: someone was reached, or the number does not exist); the lead's status when the outcome
 * is final.
 */
export const OUTCOME_EFFECTS: Record<AttemptOutcome, { cdr: CdrDisposition; retryRule: RetryOutcome | null; finalStatus: LeadStatus }> = {
  answered: { cdr: "answered", retryRule: null, finalStatus: "answered" },
  machine: { cdr: "answered", retryRule: "VOICEMAIL", finalStatus: "no_answer" },
  abandoned: { cdr: "answered", retryRule: "ABANDONED", finalStatus: "answered" },
  busy: { cdr: "busy", retryRule: "BUSY", finalStatus: "busy" },
  no_answer: { cdr: "no_answer", retryRule: "NOANSWER", finalStatus: "no_answer" },
  congestion: { cdr: "failed", retryRule: "CONGESTION", finalStatus: "failed" },
  unavailable: { cdr: "failed", retryRule: null, finalStatus: "failed" },
  failed: { cdr: "failed", retryRule: "FAILED", finalStatus: "failed" },
  cancelled: { cdr: "cancelled", retryRule: null, finalStatus: "failed" },
  lost: { cdr: "failed", retryRule: "FAILED", finalStatus: "failed" },
};

/**
 * How a number's last attempt ended (its outcome, or the agent's disposition standing for one)
 * when a retry rule governs it: a lead that ends on one of these has used up its attempts, rather
 * than reaching somebody, being barred, or being cancelled.
 */
export const RETRIED_ENDINGS: readonly string[] = [
  ...Object.entries(OUTCOME_EFFECTS)
    .filter(([, effect]) => effect.retryRule !== null && effect.finalStatus !== "answered")
    .map(([outcome]) => outcome),
  "NOANSWER",
  "BUSY",
  "VOICEMAIL",
];

export type RetryDefaults = { retryTimes: number; retryDelaySec: number; rules: RetryRules | null };

/**
 * The rule for an outcome: the campaign's own rule for it, else the contract's retry_times /
 * retry_delay for the "nobody reached" outcomes. An abandoned person is only called back when
 * the campaign says so: the law counts the first call, a second unasked one annoys twice.
 */
export function retryRuleFor(outcome: AttemptOutcome, c: RetryDefaults): RetryRule | null {
  const key = OUTCOME_EFFECTS[outcome].retryRule;
  if (!key) return null;
  const own = c.rules?.[key];
  if (own) return own;
  if (key === "ABANDONED") return null;
  return { cooldown_sec: c.retryDelaySec, max_attempts: c.retryTimes + 1 };
}

export type LeadResult = { status: LeadStatus; nextAttemptAt: Date | null; retried: boolean };

/** What becomes of the lead after an attempt: retried later, or a final status. */
export function leadResultOf(outcome: AttemptOutcome, attemptsMade: number, c: RetryDefaults, now: Date): LeadResult {
  const rule = retryRuleFor(outcome, c);
  if (rule && attemptsMade < rule.max_attempts) {
    return { status: "pending", nextAttemptAt: new Date(now.getTime() + rule.cooldown_sec * 1000), retried: true };
  }
  return { status: OUTCOME_EFFECTS[outcome].finalStatus, nextAttemptAt: null, retried: false };
}

/** Agent and IVR dispositions (`004_*`), plus any custom word a campaign uses. */
export const STANDARD_DISPOSITIONS = ["SALE", "CALLBACK", "NOANSWER", "BUSY", "VOICEMAIL", "DNC"] as const;

/**
 * A disposition given by an agent overrides the system's outcome for the lead: NOANSWER, BUSY and
 * VOICEMAIL follow their retry rules, CALLBACK returns at the time asked, DNC and everything else
 * (SALE, custom words) finish the lead.
 */
export function leadResultOfDisposition(
  disposition: string,
  attemptsMade: number,
  c: RetryDefaults,
  now: Date,
  callbackAt?: Date | null,
): LeadResult {
  switch (disposition) {
    case "CALLBACK":
      return { status: "pending", nextAttemptAt: callbackAt ?? new Date(now.getTime() + 3600_000), retried: true };
    case "NOANSWER":
      return leadResultOf("no_answer", attemptsMade, c, now);
    case "BUSY":
      return leadResultOf("busy", attemptsMade, c, now);
    case "VOICEMAIL":
      return leadResultOf("machine", attemptsMade, c, now);
    case "DNC":
      return { status: "dnc", nextAttemptAt: null, retried: false };
    default:
      return { status: "completed", nextAttemptAt: null, retried: false };
  }
}

/**
 * Causes that say the number itself cannot be reached, whatever the route: unallocated, no route
 * to it, subscriber absent, number changed, invalid format. Another trunk would get the same answer.
 */
const NUMBER_CAUSES = new Set([1, 3, 20, 22, 28]);

/**
 * Did the trunk fail the call, rather than the called party? Congestion (34, 41, 42, Dial
 * CONGESTION) and a channel the PBX could not get (CHANUNAVAIL, network out of order 38,
 * gateway down 609…) are the route's fault: the same call may go out again through another
 * trunk. Busy, no answer and a number that does not exist are answers from the far end: never.
 */
export function isTrunkFailure(outcome: string, cause: number | null): boolean {
  if (outcome === "congestion") return true;
  if (outcome === "unavailable") return cause === null || !NUMBER_CAUSES.has(cause);
  return false;
}
