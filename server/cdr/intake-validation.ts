import { z } from "zod";
import { pageQuery } from "../api/validation";

/**
 * What a PBX posts to `POST /api/cdr/intake`: FreeSWITCH mod_json_cdr's record (`variables` holds
 * the channel variables, `channel_data`, `callflow` and the rest are kept but not read), or the
 * same fields flat at the top level. A field is read from `variables` first, then the top level.
 * mod_json_cdr URL-encodes the variables' values unless `encode-values` is false: both are read.
 */

/** Largest record Pacer takes (a call with a long app log is some tens of kilobytes). */
export const MAX_INTAKE_BYTES = 256 * 1024;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: "must be a string, number or boolean" });

const UUID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;
const string = (max: number) => z.string({ error: "must be a string" }).trim().max(max, `must be at most ${max} characters`);
/** Text; a number (a phone number posted as one) is taken as its digits. */
const text = (max: number) => z.union([z.string(), z.number()], { error: "must be a string" }).transform(String).pipe(string(max));
const wholeNumber = (min: number, max: number, what: string) =>
  z.union([z.number(), z.string().trim().regex(/^-?\d+$/, `must be ${what}`)], { error: `must be ${what}` }).transform(Number).pipe(z.number().int(`must be ${what}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
const seconds = wholeNumber(0, 10_000_000, "a whole number of seconds");
const pacerId = wholeNumber(1, 2_147_483_647, "a Pacer id (a positive whole number)");
/** Seconds since 1970 (`*_epoch`); 0 means it did not happen (an unanswered call's answer_epoch). */
const epoch = wholeNumber(0, 32_503_680_000, "seconds since 1970");
/** `2025-12-09 08:01:02`, the switch's local time: read as UTC (the epochs are used when present). */
const stamp = z
  .string({ error: "must be a time as YYYY-MM-DD HH:MM:SS" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/, { error: "must be a time as YYYY-MM-DD HH:MM:SS", abort: true })
  .refine((s) => !Number.isNaN(Date.parse(`${s.slice(0, 10)}T${s.slice(11, 19)}Z`)), "is not a valid time");

/** Each field Pacer reads, with the names it may be posted under (the first found wins). */
const FIELDS = {
  uuid: { names: ["uuid"], schema: string(128).regex(UUID, "must be the call's uuid (letters, digits, - _ . : @)") },
  call_id: { names: ["sip_call_id", "call_id"], schema: text(255) },
  direction: { names: ["direction", "call_direction"], schema: text(20) },
  caller_id_name: { names: ["caller_id_name", "effective_caller_id_name", "origination_caller_id_name"], schema: text(255) },
  caller_id_number: { names: ["caller_id_number", "effective_caller_id_number", "origination_caller_id_number"], schema: text(64) },
  destination_number: { names: ["destination_number", "callee_id_number", "dialed_user"], schema: text(64) },
  start_epoch: { names: ["start_epoch"], schema: epoch },
  answer_epoch: { names: ["answer_epoch"], schema: epoch },
  end_epoch: { names: ["end_epoch"], schema: epoch },
  start_stamp: { names: ["start_stamp"], schema: stamp },
  answer_stamp: { names: ["answer_stamp"], schema: stamp },
  end_stamp: { names: ["end_stamp"], schema: stamp },
  duration: { names: ["duration"], schema: seconds },
  billsec: { names: ["billsec"], schema: seconds },
  hangup_cause: { names: ["hangup_cause"], schema: string(64).regex(/^[A-Z0-9_]+$/, "must be a cause name such as NORMAL_CLEARING") },
  hangup_cause_q850: { names: ["hangup_cause_q850"], schema: wholeNumber(0, 127, "a Q.850 cause code (0-127)") },
  sip_code: { names: ["sip_term_status", "sip_code"], schema: wholeNumber(100, 699, "a SIP status code (100-699)") },
  sip_hangup_disposition: { names: ["sip_hangup_disposition"], schema: text(64) },
  attempt_id: { names: ["PACER_ATTEMPT", "pacer_attempt", "attempt_id"], schema: pacerId },
  campaign_id: { names: ["PACER_CAMPAIGN", "pacer_campaign", "campaign_id"], schema: pacerId },
  lead_id: { names: ["PACER_LEAD", "pacer_lead", "lead_id"], schema: pacerId },
} as const;

type FieldName = keyof typeof FIELDS;
export type IntakeFields = { [K in FieldName]?: z.output<(typeof FIELDS)[K]["schema"]> } & { uuid: string };

/** A value as mod_json_cdr sends it: URL-encoded text unless `encode-values` is off. */
function decoded(v: unknown): unknown {
  if (typeof v !== "string" || !/%[0-9A-Fa-f]{2}/.test(v)) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const topLevel = Object.fromEntries(
  Object.values(FIELDS)
    .flatMap((f) => f.names)
    .map((n) => [n, scalar.optional()]),
);

export const cdrIntakeBody = z
  .looseObject(
    {
      ...topLevel,
      variables: z.record(z.string(), scalar, { error: "must be an object of channel variables" }).optional().describe("the channel variables (mod_json_cdr): uuid, start_epoch, billsec, hangup_cause, PACER_ATTEMPT, …"),
      switchname: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").optional().describe("the switch that sent it"),
      channel_data: z.looseObject({}, { error: "must be an object" }).optional(),
      callflow: z.union([z.array(z.unknown()), z.looseObject({})], { error: "must be an array or object" }).optional(),
    },
    { error: "must be a JSON object: the call's record" },
  )
  .describe("A call record as FreeSWITCH mod_json_cdr posts it (fields in `variables`), or flat. `uuid` is required; PACER_ATTEMPT (set on every call Pacer places) ties it to the attempt")
  .transform((body, ctx) => {
    const variables = Object.fromEntries(Object.entries(body.variables ?? {}).map(([k, v]) => [k, decoded(v)]));
    const out: Record<string, unknown> = {};
    let bad = false;
    for (const [field, { names, schema }] of Object.entries(FIELDS)) {
      let found: { value: unknown; path: string[] } | undefined;
      for (const n of names) {
        if (variables[n] !== undefined && variables[n] !== null && variables[n] !== "") found ??= { value: variables[n], path: ["variables", n] };
        const top = (body as Record<string, unknown>)[n];
        if (top !== undefined && top !== null && top !== "") found ??= { value: decoded(top), path: [n] };
      }
      if (!found) continue;
      const parsed = (schema as z.ZodType).safeParse(found.value);
      if (parsed.success) out[field] = parsed.data;
      else {
        bad = true;
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: found.path });
      }
    }
    if (out.uuid === undefined && !bad) ctx.addIssue({ code: "custom", message: "is required: the call's uuid (variables.uuid)", path: ["variables", "uuid"] });
    const kept = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v === null ? "" : String(v)]));
    return { fields: out as IntakeFields, switchName: body.switchname ?? null, variables: kept };
  });

export type CdrIntakeInput = z.output<typeof cdrIntakeBody>;

export const listIntakeQuery = z.object({
  matched: z
    .enum(["0", "1", "true", "false"], { error: "must be 0 or 1" })
    .transform((v) => v === "1" || v === "true")
    .optional()
    .describe("1: only records tied to a Pacer attempt; 0: only external calls"),
  search: z.string().trim().max(100).optional().describe("matches inside the uuid, caller ID number and destination"),
  ...pageQuery,
});

export const cdrIntakeOut = z.object({
  id: z.number(),
  uuid: z.string(),
  call_id: z.string().nullable(),
  direction: z.string().nullable(),
  caller_id_name: z.string().nullable(),
  caller_id_number: z.string().nullable(),
  destination_number: z.string().nullable(),
  start_time: z.string().nullable(),
  answer_time: z.string().nullable(),
  end_time: z.string().nullable(),
  duration: z.number().nullable(),
  billsec: z.number().nullable(),
  hangup_cause: z.string().nullable(),
  hangup_cause_code: z.number().nullable().describe("Q.850"),
  sip_code: z.number().nullable(),
  sip_hangup_disposition: z.string().nullable(),
  campaign_id: z.number().nullable(),
  lead_id: z.number().nullable(),
  attempt_id: z.number().nullable().describe("the Pacer attempt this call is (null: an external call)"),
  cdr_id: z.number().nullable().describe("Pacer's own CDR of that attempt, once written"),
  matched: z.boolean().describe("tied to a Pacer attempt"),
  switch_name: z.string().nullable(),
  received_at: z.string(),
});

export const cdrIntakeResultOut = cdrIntakeOut.extend({
  duplicate: z.boolean().describe("true: this uuid was posted before; nothing was written and the record is the one stored then"),
  filled: z.array(z.string()).describe("the fields of Pacer's CDR this record filled in (Pacer's own values are never overwritten)"),
});
