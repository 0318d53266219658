import { z } from "zod";
import { TRUNK_KINDS } from "@/db/schema";
import { flagInput, intIn, optionalCap, pageQuery, timestampsOut } from "../api/validation";

const name = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9_.@:-]+$/, "letters, digits and _ . @ : - only");

const type = z.enum(TRUNK_KINDS, { error: (i) => (i.input === undefined ? "is required" : `must be one of: ${TRUNK_KINDS.join(", ")}`) });

const value = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .trim()
  .min(1, "is required")
  .max(255, "must be at most 255 characters");

const description = z
  .string({ error: "must be a string" })
  .trim()
  .max(500, "must be at most 500 characters")
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

/**
 * A prefix to take off or put on the numbers a trunk dials: digits, with a leading + allowed (a
 * number stored as +1… loses "+1"). Empty or null: none.
 */
const prefix = z
  .string({ error: "must be a string of digits" })
  .trim()
  .max(20, "must be at most 20 characters")
  .regex(/^\+?[0-9]*$/, "must be digits (optionally after a leading +)")
  .nullable()
  .transform((v) => v ?? "");

const pbxServerId = z
  .union([z.null(), z.coerce.number({ error: "must be a PBX server id" }).int().positive("must be a PBX server id")], { error: "must be a PBX server id or null" })
  .optional();

/**
 * The value must fit its type: a custom template says where the number goes; an endpoint or
 * gateway name is one word (it goes into a dial string between `/` and `@`, and onto one ESL line).
 */
export function trunkValueProblem(type: string, value: string): string | null {
  if (type === "custom") {
    if (!/\$\{EXTEN\}|\{number\}/.test(value)) return "a custom trunk must contain ${EXTEN} or {number} where the number goes";
    if (/\s/.test(value)) return "a dial string cannot contain spaces";
    return null;
  }
  if (!/^[A-Za-z0-9_.:-]+$/.test(value)) return "an endpoint or gateway name: letters, digits and _ . : - only";
  return null;
}

/** Empty or null: the rule is off. */
const optionalRule = (min: number, max: number, what: string) =>
  z
    .union([z.literal(""), z.null(), intIn(min, max)], { error: `must be a whole number from ${min} to ${max}, or null for no ${what}` })
    .transform((v) => (v === "" || v === null ? null : v));

const probeNumber = z
  .union([z.literal(""), z.null(), z.string({ error: "must be a string" }).trim().regex(/^\+?[0-9*#]{1,32}$/, "digits (and * #, a leading +), at most 32")], { error: "must be a number to dial, or null" })
  .transform((v) => (v ? v : null));

/** The rotation settings (see server/providers): when a failing trunk leaves the rotation, and how it is tested to come back. */
const rotationFields = {
  min_asr_pct: optionalRule(1, 100, "ASR rule").describe("out of rotation when its 5-minute ASR (%) falls below this with min_samples calls; null = no ASR rule"),
  max_consecutive_failures: optionalRule(1, 1000, "failure rule").describe("out of rotation after this many trunk failures in a row (congested, unreachable, refused); null = no such rule"),
  min_samples: intIn(1, 10_000).describe("calls the ASR rule needs in its window before it judges"),
  probe_number: probeNumber.describe("the number a probe call dials through this trunk (a test line); required with either rule"),
  probe_interval_sec: intIn(5, 3600).describe("seconds between probes while the trunk is out of rotation"),
};

/** A trunk that can be taken out of rotation must say how to test it. */
export function rotationProblem(v: { min_asr_pct?: number | null; max_consecutive_failures?: number | null; probe_number?: string | null }): string | null {
  if ((v.min_asr_pct != null || v.max_consecutive_failures != null) && !v.probe_number) return "is required when min_asr_pct or max_consecutive_failures is set: probe calls dial it to bring the trunk back";
  return null;
}

const valueFits = {
  check: (v: { type?: string; value?: string }) => !v.type || !v.value || trunkValueProblem(v.type, v.value) === null,
  issue: (v: { type?: string; value?: string }) => ({ message: trunkValueProblem(v.type ?? "", v.value ?? "") ?? "", path: ["value"] }),
};

export const createTrunkBody = z
  .object({
    name,
    type,
    value,
    max_channels: optionalCap(100_000).default(null).describe("calls up at once through this trunk, across campaigns and processes; null = no limit"),
    max_cps: optionalCap(10_000).default(null).describe("calls started per second, across campaigns and processes; null = no limit"),
    remove_prefix: prefix.default("").describe("taken off the front of each number that starts with it, before add_prefix (Newfies' removeprefix); empty = none"),
    add_prefix: prefix.default("").describe("put in front of each number this trunk dials, after remove_prefix (Newfies' addprefix); empty = none"),
    weight: intIn(1, 1000).default(1).describe("default share of a campaign's calls"),
    enabled: flagInput.default(true),
    pbx_server_id: pbxServerId.describe("only usable through this PBX server; null = any"),
    description,
    min_asr_pct: rotationFields.min_asr_pct.default(null),
    max_consecutive_failures: rotationFields.max_consecutive_failures.default(null),
    min_samples: rotationFields.min_samples.default(20),
    probe_number: rotationFields.probe_number.default(null),
    probe_interval_sec: rotationFields.probe_interval_sec.default(60),
  })
  .superRefine((v, ctx) => {
    if (!valueFits.check(v)) ctx.addIssue({ code: "custom", ...valueFits.issue(v) });
    const rotation = rotationProblem(v);
    if (rotation) ctx.addIssue({ code: "custom", message: rotation, path: ["probe_number"] });
  });

export const updateTrunkBody = z
  .object({
    name: name.optional(),
    type: type.optional(),
    value: value.optional(),
    max_channels: optionalCap(100_000).optional(),
    max_cps: optionalCap(10_000).optional(),
    remove_prefix: prefix.optional(),
    add_prefix: prefix.optional(),
    weight: intIn(1, 1000).optional(),
    enabled: flagInput.optional(),
    pbx_server_id: pbxServerId,
    description,
    min_asr_pct: rotationFields.min_asr_pct.optional(),
    max_consecutive_failures: rotationFields.max_consecutive_failures.optional(),
    min_samples: rotationFields.min_samples.optional(),
    probe_number: rotationFields.probe_number.optional(),
    probe_interval_sec: rotationFields.probe_interval_sec.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const listTrunksQuery = z.object({
  search: z.string().trim().max(100, "must be at most 100 characters").optional(),
  enabled: flagInput.optional(),
  ...pageQuery,
});

export const MAX_CAMPAIGN_TRUNKS = 50;

export const campaignTrunksBody = z.object({
  trunks: z
    .array(
      z.object({
        trunk_id: z.coerce.number({ error: "must be a trunk id" }).int().positive("must be a trunk id"),
        weight: z
          .union([z.null(), intIn(1, 1000)], { error: "must be a whole number from 1 to 1000, or null for the trunk's own weight" })
          .optional()
          .transform((v) => v ?? null),
        priority: intIn(0, 100).default(0).describe("0 first; higher priorities take the overflow and the failovers"),
      }),
      { error: (i) => (i.input === undefined ? "is required" : "must be a list of {trunk_id, weight, priority}") },
    )
    .max(MAX_CAMPAIGN_TRUNKS, `must list at most ${MAX_CAMPAIGN_TRUNKS} trunks`)
    .describe("the campaign's trunks; an empty list returns it to its own trunk_type/trunk_value"),
});

export const trunkOut = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(TRUNK_KINDS),
  value: z.string(),
  max_channels: z.number().nullable(),
  max_cps: z.number().nullable(),
  remove_prefix: z.string().describe("taken off the front of each number that starts with it; empty = none"),
  add_prefix: z.string().describe("put in front of each number dialed; empty = none"),
  weight: z.number(),
  enabled: z.boolean(),
  pbx_server_id: z.number().nullable(),
  description: z.string().nullable(),
  campaigns: z.number().describe("campaigns this trunk is assigned to"),
  live_channels: z.number().describe("calls up on it now, from every dialer process"),
  cps: z.number().describe("calls started per second over the last 10 s"),
  min_asr_pct: z.number().nullable(),
  max_consecutive_failures: z.number().nullable(),
  min_samples: z.number(),
  probe_number: z.string().nullable(),
  probe_interval_sec: z.number(),
  ...timestampsOut,
});

export const campaignTrunkOut = z.object({
  trunk_id: z.number(),
  name: z.string(),
  type: z.enum(TRUNK_KINDS),
  value: z.string(),
  enabled: z.boolean(),
  weight: z.number().nullable().describe("null: the trunk's own weight"),
  effective_weight: z.number(),
  priority: z.number(),
});

export const campaignTrunksOut = z.object({
  campaign_id: z.number(),
  trunks: z.array(campaignTrunkOut).describe("empty: the campaign dials through its own trunk_type/trunk_value"),
});
