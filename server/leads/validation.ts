import { z } from "zod";
import { LEAD_STATUSES, MAX_LEAD_PHONES } from "@/db/schema";
import { validZone } from "../dialer/compliance";
import { leadDataInput, pageQuery, phoneNumberInput, timestampsOut } from "../api/validation";

export const MAX_BULK_NUMBERS = 10_000;

/** Where the called party is, for calling hours: an IANA zone, else a US/Canadian state code or a ZIP. */
export const leadLocation = {
  timezone: z.string({ error: "must be an IANA time zone" }).refine(validZone, "must be an IANA time zone such as America/Chicago").nullish(),
  state: z.string({ error: "must be a two-letter state or province code" }).regex(/^[A-Za-z]{2}$/, "must be a two-letter state or province code").nullish(),
  zip: z.string({ error: "must be a ZIP code" }).regex(/^\d{5}(-\d{4})?$/, "must be a ZIP code (12345 or 12345-6789)").nullish(),
};

/** A lead's numbers after phone 1 (phone 2 … phone 8), in dialing order. */
export const extraPhones = z
  .array(phoneNumberInput, { error: "must be a list of phone numbers" })
  .max(MAX_LEAD_PHONES - 1, `must hold at most ${MAX_LEAD_PHONES - 1} numbers (${MAX_LEAD_PHONES} with phone_number)`);

/** The extra numbers (by index) that repeat phone 1 or an earlier extra: a lead has each number once. */
export function repeatedPhones(first: string, extras: readonly string[] = []): { index: number; phone: string }[] {
  const seen = new Set([first]);
  const repeated: { index: number; phone: string }[] = [];
  extras.forEach((phone, index) => {
    if (seen.has(phone)) repeated.push({ index, phone });
    seen.add(phone);
  });
  return repeated;
}

export const repeatedPhoneMessage = (phone: string) => `repeats another of this lead's numbers (${phone})`;

/** Adds a `phones.<i>` issue for each repeated number (create and import bodies). */
export function flagRepeatedPhones(first: string, extras: readonly string[] | undefined, ctx: z.RefinementCtx) {
  for (const { index, phone } of repeatedPhones(first, extras)) ctx.addIssue({ code: "custom", path: ["phones", index], message: repeatedPhoneMessage(phone) });
}

/**
 * A lead's numbers, edited: `phones` replaces the extra numbers (phone 2 …), `phone_number` phone 1.
 * A number kept keeps its attempts; a number on a do-not-call list is kept but never called.
 */
export const updateLeadBody = z
  .object({
    phone_number: phoneNumberInput.optional().describe("phone 1 (409 when another lead of the list has it)"),
    phones: extraPhones.optional().describe("every extra number (phone 2 … phone 8) in dialing order; replaces the lead's extra numbers"),
  })
  .refine((v) => v.phone_number !== undefined || v.phones !== undefined, { message: "give phone_number, phones or both", path: ["phones"] })
  .superRefine((v, ctx) => {
    if (v.phone_number !== undefined) flagRepeatedPhones(v.phone_number, v.phones, ctx);
  });

export const leadInput = z.object({
  phone_number: phoneNumberInput,
  data: leadDataInput.optional(),
  ...leadLocation,
});

export const bulkLeadsBody = z.object({
  numbers: z
    .array(leadInput, { error: (i) => (i.input === undefined ? "is required" : "must be a list of numbers") })
    .min(1, "must contain at least one number")
    .max(MAX_BULK_NUMBERS, `must contain at most ${MAX_BULK_NUMBERS} numbers per request`),
});

export const listLeadsQuery = z.object({
  status: z.enum(LEAD_STATUSES, { error: `must be one of: ${LEAD_STATUSES.join(", ")}` }).optional(),
  ...pageQuery,
});

export const leadOut = z.object({
  id: z.number(),
  campaign_id: z.number(),
  phone_number: z.string(),
  status: z.enum(LEAD_STATUSES),
  attempts: z.number(),
  last_attempt: z.string().nullable(),
  data: z.string().nullable().describe("custom data as a JSON string"),
  list_id: z.number().nullable(),
  phone_position: z.number().describe("which of `phones` the dialer calls next (1-based)"),
  phones: z
    .array(
      z.object({
        position: z.number(),
        phone_number: z.string(),
        status: z.enum(["pending", "done", "dnc"]),
        attempts: z.number(),
        last_outcome: z.string().nullable(),
        last_attempt: z.string().nullable(),
      }),
    )
    .describe("every number of the lead in dialing order, phone 1 (`phone_number`) first, each with its own attempts"),
  timezone: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  skip_reason: z.string().nullable().describe("why the dialer last passed this number over: dnc, outside_hours, schedule"),
  disposition: z.string().nullable(),
  ...timestampsOut,
});
