import { z } from "zod";

/** Longest period one summary or ledger covers. */
export const MAX_RANGE_DAYS = 366;
/** The period when `from` is left out: the 30 days before `to` (the longest abandonment window). */
export const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant: a date-time (ISO 8601; without an offset read as UTC) or a bare date, which means the
 * start of that day (UTC) for `from` and its end for `to`. Dates that roll over (2025-02-30) are refused.
 */
function instantInput(edge: "start" | "end") {
  return z
    .string()
    .trim()
    .transform((s, ctx) => {
      let iso: string | null = null;
      if (DATE_ONLY.test(s)) iso = `${s}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`;
      else if (ISO_INSTANT.test(s)) iso = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s.replace(" ", "T") : `${s.replace(" ", "T")}Z`;
      const t = iso === null ? Number.NaN : Date.parse(iso);
      // The calendar date must survive the round trip, or Date.parse rolled it over.
      if (!Number.isFinite(t) || (iso !== null && DATE_ONLY.test(s) && new Date(t).toISOString().slice(0, 10) !== s)) {
        ctx.addIssue({ code: "custom", message: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time such as 2025-12-31T23:59:59Z" });
        return z.NEVER;
      }
      return new Date(t);
    });
}

const range = {
  from: instantInput("start").optional().describe(`start of the period (inclusive): a date (its start, UTC) or an ISO 8601 date-time; default ${DEFAULT_RANGE_DAYS} days before \`to\``),
  to: instantInput("end").optional().describe("end of the period (inclusive): a date (its end, UTC) or an ISO 8601 date-time; default now"),
};

/** Fills in the defaults and checks the order and length of the period. */
function resolved<T extends { from?: Date; to?: Date }>(q: T, ctx: z.RefinementCtx) {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (from.getTime() > to.getTime()) ctx.addIssue({ code: "custom", message: "must not be before from", path: ["to"] });
  else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", message: `must be at most ${MAX_RANGE_DAYS} days after from`, path: ["to"] });
  return { ...q, from, to };
}

export const complianceQuery = z
  .object({
    ...range,
    format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json").describe("csv: the per-attempt ledger as a CSV file (as /compliance/ledger.csv)"),
  })
  .transform((q, ctx) => resolved(q, ctx));

export const ledgerQuery = z.object(range).transform((q, ctx) => resolved(q, ctx));

export type ComplianceRange = { from: Date; to: Date };

const rate = z.number().describe("a fraction, 0 to 1");
const abandonWindowOut = z.object({ live_answers: z.number(), abandoned: z.number(), rate });

export const complianceOut = z.object({
  campaign_id: z.number(),
  from: z.string(),
  to: z.string(),
  attempts: z.number().describe("attempts the dialer let out in the period (claimed to dial)"),
  with_evidence: z.number().describe("of those, attempts that carry their decision's evidence (attempts made before evidence was kept have none)"),
  outside_window: z.number().describe("attempts whose called party's local time at dial (from the evidence) lay outside the calling window then in force: must be 0"),
  dnc_dialed: z.number().describe("attempts to a number that was on a do-not-call list checked for the campaign (system-wide or its own) when the attempt was let out: must be 0"),
  zone_sources: z.record(z.string(), z.number()).describe("attempts by where the called party's time zone came from: lead, state, zip, area_code, country, fallback"),
  abandonment: z.object({
    cap: rate.describe("the campaign's abandonment cap"),
    rule: z.string(),
    period: abandonWindowOut.describe("live answers and abandoned calls in the period"),
    window_24h: abandonWindowOut.describe("the 24 hours ending at `to`"),
    window_30d: abandonWindowOut.describe("the 30 days ending at `to`"),
    max_24h_at_dial: rate.nullable().describe("the highest 24 h rate the dialer saw when letting an attempt out in the period"),
    max_30d_at_dial: rate.nullable().describe("the highest 30 d rate the dialer saw when letting an attempt out in the period"),
  }),
  connect: z.object({
    applies: z.boolean().describe("false for campaigns whose answered calls do not go to agents (agentless)"),
    human_answers: z.number().describe("calls a person answered (not a machine)"),
    within_2s: z.number().describe("of those, put through to an agent within 2 seconds of the answer"),
    rate: rate.nullable().describe("within_2s / human_answers; null without human answers or when it does not apply"),
  }),
});
