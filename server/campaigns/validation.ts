import { z } from "zod";
import { AGENT_DEST_TYPES, CAMPAIGN_STATUSES, TRUNK_TYPES } from "@/db/schema";
import { flagInput } from "../api/validation";

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") }).trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, "is required");
const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? "is required" : `must be one of: ${values.join(", ")}`),
  });
const intIn = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** Caller ID: a number, optionally with a display name as `"Name" <number>`. */
const callerid = text(80).refine(
  (v) => v === "" || /^\+?[0-9]{2,20}$/.test(v) || /^"?[^"<>]{1,60}"?\s*<\+?[0-9]{2,20}>$/.test(v),
  'must be digits (optionally with +) or "Name" <digits>',
);

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
  total_calls: z.number(),
  answered_calls: z.number(),
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
  created_at: z.string(),
  updated_at: z.string().nullable(),
  stats: campaignStatsOut,
});

export const campaignStatusOut = z.object({ campaign_id: z.number(), status: z.enum(CAMPAIGN_STATUSES) });
