import { z } from "zod";
import { DNC_SOURCES } from "@/db/schema";
import { optionalText, pageQuery, phoneNumberInput } from "../api/validation";

export const MAX_BULK_DNC_NUMBERS = 10_000;

const campaignId = z.coerce.number({ error: "must be a campaign id" }).int().positive("must be a campaign id");

/** Absent or null: the system-wide list. */
const campaignScope = campaignId.nullish().describe("campaign whose list this is; omit or null for the system-wide list");

const note = optionalText(500);

export const dncInput = z.object({ phone_number: phoneNumberInput, note });

export const createDncBody = dncInput.extend({ campaign_id: campaignScope });

export const bulkDncBody = z.object({
  numbers: z
    .array(dncInput, { error: (i) => (i.input === undefined ? "is required" : "must be a list of numbers") })
    .min(1, "must contain at least one number")
    .max(MAX_BULK_DNC_NUMBERS, `must contain at most ${MAX_BULK_DNC_NUMBERS} numbers per request`),
  campaign_id: campaignScope,
});

export const listDncQuery = z.object({
  campaign_id: z
    .union([z.literal("global"), campaignId], { error: "must be a campaign id or 'global'" })
    .optional()
    .describe("a campaign id for that campaign's list, `global` for the system-wide list; omit for every list"),
  search: z.string().trim().max(100, "must be at most 100 characters").optional(),
  ...pageQuery,
});

export const checkDncQuery = z.object({
  phone_number: phoneNumberInput,
  campaign_id: campaignId.optional().describe("check the system-wide list and this campaign's; omit to see every list the number is on"),
});

export const dncOut = z.object({
  id: z.number(),
  campaign_id: z.number().nullable().describe("null: system-wide"),
  campaign_name: z.string().nullable(),
  phone_number: z.string(),
  source: z.enum(DNC_SOURCES),
  note: z.string().nullable(),
  created_by: z.number().nullable(),
  created_at: z.string(),
});

export const dncBulkOut = z.object({
  campaign_id: z.number().nullable(),
  added: z.number(),
  skipped: z.number().describe("numbers that were already on the list"),
});

export const dncCheckOut = z.object({
  phone_number: z.string(),
  dnc: z.boolean().describe("true when the number must not be called: by that campaign, or, without campaign_id, by any campaign (it is on the system-wide list)"),
  scopes: z.array(z.union([z.literal("global"), z.number()])).describe("the lists the number is on: `global` and/or campaign ids"),
});
