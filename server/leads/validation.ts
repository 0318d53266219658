import { z } from "zod";
import { LEAD_STATUSES } from "@/db/schema";
import { validZone } from "../dialer/compliance";
import { leadDataInput, pageQuery, phoneNumberInput } from "../api/validation";

export const MAX_BULK_NUMBERS = 10_000;

/** Where the called party is, for calling hours: an IANA zone, else a US/Canadian state code or a ZIP. */
export const leadLocation = {
  timezone: z.string({ error: "must be an IANA time zone" }).refine(validZone, "must be an IANA time zone such as America/Chicago").nullish(),
  state: z.string({ error: "must be a two-letter state or province code" }).regex(/^[A-Za-z]{2}$/, "must be a two-letter state or province code").nullish(),
  zip: z.string({ error: "must be a ZIP code" }).regex(/^\d{5}(-\d{4})?$/, "must be a ZIP code (12345 or 12345-6789)").nullish(),
};

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
  created_at: z.string(),
  updated_at: z.string().nullable(),
});
