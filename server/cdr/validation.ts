import { z } from "zod";
import { ATTEMPT_OUTCOMES, CDR_DISPOSITIONS } from "@/db/schema";
import { dateOnly, pageQuery, recordId } from "../api/validation";

const filters = {
  campaign_id: z.coerce.number({ error: "must be a campaign id" }).int().positive().optional(),
  start_date: dateOnly.optional(),
  end_date: dateOnly.optional(),
};
const rangeOk = (q: { start_date?: string; end_date?: string }) => !q.start_date || !q.end_date || q.start_date <= q.end_date;
const rangeIssue = { message: "must not be before start_date", path: ["end_date"] };

const listDisposition = z.enum(CDR_DISPOSITIONS, { error: `must be one of: ${CDR_DISPOSITIONS.join(", ")}` }).optional();
const listSearch = z.string().trim().max(100).optional();
const listTrunk = recordId("trunk")
  .optional()
  .describe("only calls that trunk finally carried (the records' trunk_id)");
const listAgent = recordId("agent").optional().describe("only calls that agent took (the records' agent_id)");
const listOutcome = z
  .enum(ATTEMPT_OUTCOMES, { error: `must be one of: ${ATTEMPT_OUTCOMES.join(", ")}` })
  .optional()
  .describe(
    "how the dialer saw the attempt end, finer than `disposition`: answered (a person, connected), machine (AMD said machine), abandoned (a person no agent took within 2 s), busy, no_answer, congestion, unavailable (number does not exist), failed, cancelled, lost (the dialer died during the call). Records without a dialer attempt (imported or written by a PBX) match no outcome",
  );

/** Spaces, dashes, dots and brackets people type in numbers; a leading + is optional in the records too. */
const NUMBER_NOISE = /[\s\-.()]/g;
const listNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(NUMBER_NOISE, "").replace(/^\+/, ""))
  .pipe(z.string().regex(/^\d{1,20}\*?$/, "must be a phone number: up to 20 digits, optionally ending in * to match a prefix"))
  .optional()
  .describe("the dialed number (destination) or caller ID, exactly; `1555*` matches every number starting 1555. Unlike `search` it does not match inside numbers or agent names");

/** Beyond the contract's filters (campaign, dates): what the CDR page filters by. */
const listFilters = { disposition: listDisposition, search: listSearch, trunk_id: listTrunk, agent_id: listAgent, outcome: listOutcome, number: listNumber };

export const listCdrQuery = z.object({ ...filters, ...listFilters, ...pageQuery }).refine(rangeOk, rangeIssue);

/** The same filters as the list, so totals can match it. */
export const cdrStatsQuery = z.object({ ...filters, ...listFilters }).refine(rangeOk, rangeIssue);

/** The list's filters, without paging: the export is every matching record. */
export const exportCdrQuery = cdrStatsQuery;

export const cdrOut = z.object({
  id: z.number(),
  campaign_id: z.number().nullable(),
  campaign_number_id: z.number().nullable(),
  channel_id: z.string().nullable(),
  uniqueid: z.string().nullable(),
  callerid: z.string().nullable(),
  destination: z.string().nullable(),
  dialed_number: z.string().nullable().describe("the number actually dialed: destination after the trunk's prefix rewriting (remove_prefix, add_prefix)"),
  phone_position: z.number().nullable().describe("which of the lead's numbers `destination` is (1 = the contract's number)"),
  agent: z.string().nullable(),
  start_time: z.string(),
  answer_time: z.string().nullable(),
  end_time: z.string().nullable(),
  duration: z.number(),
  billsec: z.number(),
  disposition: z.enum(CDR_DISPOSITIONS),
  hangup_cause: z.number().nullable(),
  hangup_cause_text: z.string().nullable(),
  sip_code: z.number().nullable(),
  post_dial_delay_ms: z.number().nullable().describe("milliseconds from the final leg's originate to its first ring (post-dial delay); null when it never rang"),
  amd_result: z.string().nullable(),
  trunk: z.string().nullable().describe("the trunk that carried the call (its name), or the campaign's trunk_value"),
  trunk_id: z.number().nullable().describe("the trunk that finally carried the call, after any failover; null when the campaign dials without trunks"),
  recording_file: z.string().nullable(),
  recording_leg1: z.string().nullable(),
  recording_leg2: z.string().nullable(),
  attempt_id: z.number().nullable(),
  abandoned: z.union([z.literal(0), z.literal(1)]).describe("1 when a person answered and no agent took the call within 2 s"),
  agent_id: z.number().nullable(),
  lead_disposition: z.string().nullable(),
  created_at: z.string(),
});

export const cdrStatsOut = z.object({
  total_calls: z.number(),
  answered: z.number(),
  no_answer: z.number(),
  busy: z.number(),
  failed: z.number(),
  cancelled: z.number(),
  avg_duration: z.number(),
  avg_billsec: z.number(),
  total_duration: z.number(),
  total_billsec: z.number(),
});

export const recordingQuery = z.object({
  disposition: z.enum(["attachment", "inline"], { error: "must be attachment or inline" }).default("attachment").describe("inline to play in the browser, attachment (default) to save"),
});
