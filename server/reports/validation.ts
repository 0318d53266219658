import { z } from "zod";
import { dateOnly, recordId } from "../api/validation";
import { validZone } from "../dialer/compliance";

export const REPORT_GROUPS = ["hour", "day"] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** Longest range a report covers: a year by day, a month by hour. */
export const MAX_DAYS = { day: 366, hour: 31 } as const;

/** Days from `from` to `to`, both counted. */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

const reportFilters = {
  campaign_id: recordId("campaign").optional().describe("one campaign; all campaigns when omitted"),
  from: dateOnly.optional().describe("first day (YYYY-MM-DD, inclusive) in the report's time zone; default six days before `to`"),
  to: dateOnly.optional().describe("last day (inclusive) in the report's time zone; default today there"),
  tz: z
    .string()
    .refine(validZone, "must be an IANA time zone such as America/New_York")
    .optional()
    .describe("time zone the hours and days are counted in; default the campaign's, or UTC for all campaigns"),
  format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json").describe("csv (or an Accept: text/csv header) for the rows as a CSV file"),
};

const rangeChecks = <T extends { from?: string; to?: string; group?: ReportGroup }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", message: "must not be before from", path: ["to"] });
  else if (q.from && q.to) {
    const group = q.group ?? "day";
    if (daysBetween(q.from, q.to) > MAX_DAYS[group]) {
      ctx.addIssue({ code: "custom", message: `must be at most ${MAX_DAYS[group]} days after from (by ${group})`, path: ["to"] });
    }
  }
};

/** Reports over time: a range of days, counted by hour or by day. */
export const timeReportQuery = z
  .object({ ...reportFilters, group: z.enum(REPORT_GROUPS, { error: "must be hour or day" }).default("day").describe("bucket size") })
  .superRefine(rangeChecks);

/** Reports over a range as a whole (per agent, per trunk). */
export const rangeReportQuery = z.object(reportFilters).superRefine(rangeChecks);

/** List penetration is the lists as they stand now: no range. */
export const listsReportQuery = z.object({ campaign_id: reportFilters.campaign_id, format: reportFilters.format });

export type TimeReportQuery = z.output<typeof timeReportQuery>;
export type RangeReportQuery = z.output<typeof rangeReportQuery>;
export type ListsReportQuery = z.output<typeof listsReportQuery>;

const rate = z.number().describe("a fraction, 0 to 1");
const reportScope = {
  campaign_id: z.number().nullable(),
  tz: z.string(),
  from: z.string(),
  to: z.string(),
};

export const summaryRowOut = z.object({
  bucket: z.string().describe("the hour (YYYY-MM-DD HH:00) or day (YYYY-MM-DD), in the report's time zone"),
  attempts: z.number(),
  connects: z.number().describe("answered calls (people and machines)"),
  live_answers: z.number().describe("answered by a person (not a machine)"),
  abandoned: z.number(),
  answer_rate: rate.describe("connects / attempts"),
  abandon_rate: rate.describe("abandoned / live answers in the bucket"),
  abandon_rate_24h: rate.describe("abandoned / live answers over the 24 hours ending with the bucket (by day: the day itself)"),
  abandon_rate_30d: rate.describe("abandoned / live answers over the 30 days ending with the bucket"),
});

export const summaryOut = z.object({
  ...reportScope,
  group: z.enum(REPORT_GROUPS),
  abandon_cap: rate.describe("the campaign's abandonment cap (0.03 for all campaigns)"),
  totals: summaryRowOut.omit({ bucket: true }),
  rows: z.array(summaryRowOut),
});

export const dispositionRowOut = z.object({
  bucket: z.string(),
  answered: z.number(),
  no_answer: z.number(),
  busy: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  amd_human: z.number(),
  amd_machine: z.number(),
  amd_notsure: z.number(),
});

export const dispositionsOut = z.object({
  ...reportScope,
  group: z.enum(REPORT_GROUPS),
  rows: z.array(dispositionRowOut),
  lead_dispositions: z.array(z.object({ disposition: z.string(), calls: z.number() })).describe("the agents' and IVR's dispositions (SALE, CALLBACK, …) over the range"),
  averages: z.object({
    answered: z.number(),
    talk_sec: z.number().describe("average talk time (billsec) of answered calls"),
    duration_sec: z.number().describe("average call length from dial to hangup, every attempt"),
  }),
});

export const agentRowOut = z.object({
  agent_id: z.number(),
  agent: z.string(),
  calls: z.number(),
  talk_sec: z.number().describe("talk time of the calls taken (billsec)"),
  avg_talk_sec: z.number(),
  wrap_sec: z.number().describe("time in wrap-up after calls"),
  idle_sec: z.number().describe("time available, waiting for a call"),
  break_sec: z.number(),
  break_by_reason: z.record(z.string(), z.number()).describe("break time by pause reason code (break, lunch, training, …)"),
  occupancy: rate.describe("(on call + wrap-up) / (on call + wrap-up + available)"),
  dispositions: z.record(z.string(), z.number()).describe("calls by the agent's disposition; `none` when none was given"),
});

export const agentsReportOut = z.object({ ...reportScope, rows: z.array(agentRowOut) });

export const trunkRowOut = z.object({
  trunk_id: z.number().nullable(),
  trunk: z.string().describe("the trunk's name, or the campaign's trunk_value when it dials without trunks"),
  attempts: z.number(),
  answered: z.number(),
  asr: rate.describe("answer-seizure ratio: answered / attempts"),
  acd_sec: z.number().describe("average call duration (billsec) of answered calls"),
  pdd_ms: z.number().nullable().describe("average post-dial delay: milliseconds from the originate to the first ring, over the calls that rang; null when none did"),
  failures: z.number(),
});

export const trunkCauseOut = z.object({
  trunk_id: z.number().nullable(),
  trunk: z.string(),
  disposition: z.string(),
  sip_code: z.number().nullable(),
  hangup_cause: z.number().nullable().describe("Q.850 cause"),
  hangup_cause_text: z.string().nullable(),
  calls: z.number(),
});

export const trunksReportOut = z.object({ ...reportScope, rows: z.array(trunkRowOut), causes: z.array(trunkCauseOut).describe("unanswered calls by SIP code and Q.850 cause") });

export const listRowOut = z.object({
  list_id: z.number(),
  list: z.string(),
  campaign_id: z.number(),
  active: z.boolean(),
  leads: z.number(),
  dialed: z.number().describe("leads called at least once"),
  remaining: z.number().describe("leads the dialer may still call (pending or being called)"),
  exhausted: z.number().describe("leads in a final state"),
  callbacks_due: z.number().describe("callbacks whose time has come"),
  penetration: rate.describe("dialed / leads"),
});

export const listsReportOut = z.object({ campaign_id: z.number().nullable(), rows: z.array(listRowOut) });
