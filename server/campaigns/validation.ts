import { z } from "zod";
import { ABANDON_RULES, AGENT_DEST_TYPES, AGENT_DROP_ACTIONS, CAMPAIGN_STATUSES, DIAL_MODES, MACHINE_ACTIONS, PREVIEW_TIMEOUT_ACTIONS, RETRY_OUTCOMES, TRUNK_TYPES } from "@/db/schema";
import { scheduleProblems, validZone } from "../dialer/compliance";
import { flagInput, intIn, optionalCap, recordId, timestampsOut } from "../api/validation";

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") }).trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "is required");
const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? "is required" : `must be one of: ${values.join(", ")}`),
  });

/** Caller ID: a number, optionally with a display name as `"Name" <number>`. */
const callerid = text(80).refine(
  (v) => v === "" || /^\+?[0-9]{2,20}$/.test(v) || /^"?[^"<>]{1,60}"?\s*<\+?[0-9]{2,20}>$/.test(v),
  'must be digits (optionally with +) or "Name" <digits>',
);

const clockStart = z.string({ error: "must be a time as HH:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM (24 h), 00:00 to 23:59");
/** An end may be 24:00: the end of the day. */
const clock = z.string({ error: "must be a time as HH:MM" }).regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time as HH:MM (24 h), or 24:00 for the end of the day");
const media = text(255).regex(/^[A-Za-z0-9_./:-]+$/, "letters, digits and _ . / : - only (a sound or recording name)");

const schedule = z
  .object({
    days: z.array(z.number()).optional(),
    start: z.string().optional(),
    end: z.string().optional(),
    from: z.string().optional(),
    until: z.string().optional(),
    exceptions: z.array(z.string()).optional(),
  }, { error: "must be an object with days, start, end, from, until, exceptions" })
  .strict()
  .superRefine((v, ctx) => {
    for (const message of scheduleProblems(v)) ctx.addIssue({ code: "custom", message });
  });

const retryRule = z.object({
  cooldown_sec: intIn(0, 30 * 24 * 3600),
  max_attempts: intIn(1, 100),
});
const retryRules = z.partialRecord(z.enum(RETRY_OUTCOMES, { error: `keys must be one of: ${RETRY_OUTCOMES.join(", ")}` }), retryRule);

/** Dialer settings beyond the ARI Dialer contract; every one has a default, so old clients never send them. */
const dialerFields = {
  dial_mode: enumOf(DIAL_MODES),
  dial_timeout: intIn(15, 300),
  amd_enabled: flagInput,
  machine_action: enumOf(MACHINE_ACTIONS),
  machine_message: media.nullish(),
  abandon_cap: z.coerce.number({ error: "must be a number" }).min(0, "must be at least 0").max(0.5, "must be a fraction, at most 0.5 (0.03 is 3 %)"),
  abandon_rule: enumOf(ABANDON_RULES),
  amd_false_positive_rate: z.coerce.number({ error: "must be a number" }).min(0, "must be at least 0").max(1, "must be a fraction, at most 1 (0.02 is 2 %)"),
  abandon_message: media.min(1, "is required"),
  wrapup_sec: intIn(0, 3600),
  agent_drop_action: enumOf(AGENT_DROP_ACTIONS),
  preview_timeout_sec: intIn(0, 3600),
  preview_timeout_action: enumOf(PREVIEW_TIMEOUT_ACTIONS),
  timezone: z.string({ error: "must be an IANA time zone such as America/New_York" }).refine(validZone, "must be an IANA time zone such as America/New_York"),
  calling_hours_start: clockStart,
  calling_hours_end: clock,
  schedule: schedule.nullish(),
  retry_rules: retryRules.nullish(),
  frequency: optionalCap(10_000).describe("calls started per minute, across every dialer process (Newfies' frequency); null = no limit"),
  call_max_duration: intIn(0, 24 * 3600).describe("seconds an answered call may last before Pacer hangs it up (Newfies' callmaxduration); 0 = no limit"),
  queue_id: z
    .union([z.null(), recordId("queue")], { error: "must be a queue id or null" })
    .describe("the queue whose agents take the answered calls, by its strategy and tiers (agent modes); null = the campaign's agents, longest idle first"),
};

const fields = {
  name: required(255),
  description: text(2000).nullish(),
  trunk_type: enumOf(TRUNK_TYPES),
  trunk_value: required(255),
  callerid: callerid.nullish(),
  agent_dest_type: enumOf(AGENT_DEST_TYPES),
  agent_dest_value: required(255),
  record_calls: flagInput,
  concurrent_calls: intIn(1, 1000),
  retry_times: intIn(0, 100),
  retry_delay: intIn(0, 7 * 24 * 3600),
};

const customDialString = (v: { trunk_type?: string; trunk_value?: string }) =>
  v.trunk_type !== "custom" || !v.trunk_value || /\$\{EXTEN\}|\{number\}/.test(v.trunk_value);
const customDialStringIssue = {
  message: "a custom trunk must contain ${EXTEN} or {number} where the number goes",
  path: ["trunk_value"],
  // Checked even when other fields are invalid, so one reply lists every problem.
  when: (payload: { value: unknown }) => {
    const v = payload.value as { trunk_type?: unknown; trunk_value?: unknown } | null;
    return typeof v?.trunk_type === "string" && typeof v?.trunk_value === "string";
  },
};

export const createCampaignBody = z
  .object({
    ...fields,
    record_calls: fields.record_calls.default(false),
    concurrent_calls: fields.concurrent_calls.default(1),
    retry_times: fields.retry_times.default(0),
    retry_delay: fields.retry_delay.default(300),
    dial_mode: dialerFields.dial_mode.default("agentless"),
    dial_timeout: dialerFields.dial_timeout.default(30),
    amd_enabled: dialerFields.amd_enabled.default(false),
    machine_action: dialerFields.machine_action.default("hangup"),
    machine_message: dialerFields.machine_message,
    abandon_cap: dialerFields.abandon_cap.default(0.03),
    abandon_rule: dialerFields.abandon_rule.default("us"),
    amd_false_positive_rate: dialerFields.amd_false_positive_rate.default(0),
    abandon_message: dialerFields.abandon_message.default("pacer/abandon-message"),
    wrapup_sec: dialerFields.wrapup_sec.default(10),
    agent_drop_action: dialerFields.agent_drop_action.default("requeue"),
    preview_timeout_sec: dialerFields.preview_timeout_sec.default(60),
    preview_timeout_action: dialerFields.preview_timeout_action.default("skip"),
    timezone: dialerFields.timezone.default("UTC"),
    calling_hours_start: dialerFields.calling_hours_start.default("08:00"),
    calling_hours_end: dialerFields.calling_hours_end.default("21:00"),
    schedule: dialerFields.schedule,
    retry_rules: dialerFields.retry_rules,
    frequency: dialerFields.frequency.default(null),
    call_max_duration: dialerFields.call_max_duration.default(0),
    queue_id: dialerFields.queue_id.default(null),
  })
  .refine(customDialString, customDialStringIssue);

export const updateCampaignBody = z
  .object({
    name: fields.name.optional(),
    description: fields.description,
    trunk_type: fields.trunk_type.optional(),
    trunk_value: fields.trunk_value.optional(),
    callerid: fields.callerid,
    agent_dest_type: fields.agent_dest_type.optional(),
    agent_dest_value: fields.agent_dest_value.optional(),
    record_calls: fields.record_calls.optional(),
    concurrent_calls: fields.concurrent_calls.optional(),
    retry_times: fields.retry_times.optional(),
    retry_delay: fields.retry_delay.optional(),
    dial_mode: dialerFields.dial_mode.optional(),
    dial_timeout: dialerFields.dial_timeout.optional(),
    amd_enabled: dialerFields.amd_enabled.optional(),
    machine_action: dialerFields.machine_action.optional(),
    machine_message: dialerFields.machine_message,
    abandon_cap: dialerFields.abandon_cap.optional(),
    abandon_rule: dialerFields.abandon_rule.optional(),
    amd_false_positive_rate: dialerFields.amd_false_positive_rate.optional(),
    abandon_message: dialerFields.abandon_message.optional(),
    wrapup_sec: dialerFields.wrapup_sec.optional(),
    agent_drop_action: dialerFields.agent_drop_action.optional(),
    preview_timeout_sec: dialerFields.preview_timeout_sec.optional(),
    preview_timeout_action: dialerFields.preview_timeout_action.optional(),
    timezone: dialerFields.timezone.optional(),
    calling_hours_start: dialerFields.calling_hours_start.optional(),
    calling_hours_end: dialerFields.calling_hours_end.optional(),
    schedule: dialerFields.schedule,
    retry_rules: dialerFields.retry_rules,
    frequency: dialerFields.frequency.optional(),
    call_max_duration: dialerFields.call_max_duration.optional(),
    queue_id: dialerFields.queue_id.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const listCampaignsQuery = z.object({
  status: enumOf(CAMPAIGN_STATUSES).optional(),
});

export const campaignStatsOut = z.object({
  total: z.number(),
  pending: z.number(),
  calling: z.number(),
  answered: z.number(),
  completed: z.number(),
  failed: z.number(),
  no_answer: z.number(),
  busy: z.number(),
  dnc: z.number(),
  total_calls: z.number(),
  answered_calls: z.number(),
  abandoned_calls: z.number(),
  abandon_rate_24h: z.number(),
  abandon_rate_30d: z.number(),
});

const bit = z.union([z.literal(0), z.literal(1)]);
export const campaignOut = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  trunk_type: z.enum(TRUNK_TYPES),
  trunk_value: z.string(),
  callerid: z.string().nullable(),
  agent_dest_type: z.enum(AGENT_DEST_TYPES),
  agent_dest_value: z.string(),
  record_calls: bit,
  status: z.enum(CAMPAIGN_STATUSES),
  concurrent_calls: z.number(),
  retry_times: z.number(),
  retry_delay: z.number(),
  dial_mode: z.enum(DIAL_MODES),
  dial_timeout: z.number(),
  amd_enabled: bit,
  machine_action: z.enum(MACHINE_ACTIONS),
  machine_message: z.string().nullable(),
  abandon_cap: z.number(),
  abandon_rule: z.enum(ABANDON_RULES),
  amd_false_positive_rate: z.number(),
  abandon_message: z.string(),
  wrapup_sec: z.number(),
  agent_drop_action: z.enum(AGENT_DROP_ACTIONS),
  preview_timeout_sec: z.number().describe("preview mode: seconds the agent has to dial or skip a lead (0 = no limit)"),
  preview_timeout_action: z.enum(PREVIEW_TIMEOUT_ACTIONS).describe("preview mode: what a lead left undecided at the timeout does"),
  timezone: z.string(),
  calling_hours_start: z.string(),
  calling_hours_end: z.string(),
  schedule: z.record(z.string(), z.unknown()).nullable(),
  retry_rules: z.record(z.string(), retryRule).nullable(),
  frequency: z.number().nullable().describe("calls started per minute, across every dialer process; null = no limit"),
  call_max_duration: z.number().describe("seconds an answered call may last before Pacer hangs it up; 0 = no limit"),
  queue_id: z.number().nullable().describe("the queue whose agents take the answered calls; null = the campaign's agents, longest idle first"),
  demo: z.boolean().describe("made by the first-start demo (fictional numbers, simulated agents); DELETE /demo removes it"),
  ...timestampsOut,
  stats: campaignStatsOut,
});

export const campaignStatusOut = z.object({ campaign_id: z.number(), status: z.enum(CAMPAIGN_STATUSES) });
