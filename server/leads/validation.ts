import { z } from "zod";
import { LEAD_STATUSES } from "@/db/schema";
import { leadDataInput, pageQuery, phoneNumberInput } from "../api/validation";

export const MAX_BULK_NUMBERS = 10_000;

export const leadInput = z.object({
  phone_number: phoneNumberInput,
  data: leadDataInput.optional(),
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
  created_at: z.string(),
  updated_at: z.string().nullable(),
});
