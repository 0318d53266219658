import { z } from "zod";
import { IMPORT_DNC_MODES, IMPORT_STATUSES, LEAD_STATUSES } from "@/db/schema";
import { IMPORT_TARGETS } from "@/lib/csv";
import { flagInput, leadDataInput, optionalText, pageQuery, phoneNumberInput, recordId, timestampsOut } from "../api/validation";
import { extraPhones, flagRepeatedPhones, leadLocation, leadOut } from "../leads/validation";

const name = z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters");
const description = optionalText(2000);
const campaignId = recordId("campaign");

export const createListBody = z.object({
  name,
  description,
  campaign_id: campaignId.describe("the campaign that dials this list"),
  active: flagInput.optional().describe("dialed when its campaign runs (default 1)"),
});

export const updateListBody = z.object({
  name: name.optional(),
  description,
  campaign_id: campaignId.optional().describe("move the list to another campaign (409 while either campaign is running or paused)"),
  active: flagInput.optional(),
});

export const listListsQuery = z.object({
  campaign_id: campaignId.optional(),
  search: z.string().trim().max(100, "must be at most 100 characters").optional(),
  ...pageQuery,
});

export const listStatsOut = z.object(Object.fromEntries(["total", ...LEAD_STATUSES].map((s) => [s, z.number()])) as Record<"total" | (typeof LEAD_STATUSES)[number], z.ZodNumber>);

export const listOut = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  campaign_id: z.number(),
  campaign_name: z.string().nullable(),
  campaign_status: z.string().nullable(),
  active: z.number().describe("1: dialed when its campaign runs"),
  is_default: z.number().describe("1: the campaign's default list, where the contract's /campaigns/:id/numbers adds numbers"),
  ...timestampsOut,
  stats: listStatsOut,
});

export const listLeadInput = z
  .object({
    phone_number: phoneNumberInput.describe("phone 1"),
    phones: extraPhones.optional().describe("extra numbers (phone 2 … phone 8), tried in order after phone_number, each with its own attempts"),
    custom: leadDataInput.optional().describe("custom data (the contract's `data`)"),
    data: leadDataInput.optional().describe("the contract's name for `custom`"),
    ...leadLocation,
  })
  .superRefine((v, ctx) => {
    flagRepeatedPhones(v.phone_number, v.phones, ctx);
    if (v.custom !== undefined && v.data !== undefined) ctx.addIssue({ code: "custom", path: ["data"], message: "give custom or data, not both" });
  });

export const listLeadsQuery = z.object({
  status: z.enum(LEAD_STATUSES, { error: `must be one of: ${LEAD_STATUSES.join(", ")}` }).optional(),
  search: z.string().trim().max(100, "must be at most 100 characters").optional(),
  ...pageQuery,
});

export const listLeadOut = leadOut.extend({ custom: z.record(z.string(), z.unknown()).nullable() });

/** A column: its index (0-based) or, with a header, its name. */
const column = z.union([z.number().int().min(0, "must be a column index or name"), z.string().min(1, "must be a column index or name")], { error: "must be a column index or name" });

export const importMappingInput = z
  .object({
    ...Object.fromEntries(IMPORT_TARGETS.map((t) => [t, column.nullish()])),
    ignore: z.array(column, { error: "must be a list of columns" }).optional().describe("columns left out (every other unmapped column goes into custom data)"),
  } as Record<(typeof IMPORT_TARGETS)[number], z.ZodOptional<z.ZodNullable<typeof column>>> & { ignore: z.ZodOptional<z.ZodArray<typeof column>> })
  .strict();

/** Import options, from the query string (text/csv body) or the form fields (multipart). */
export const importOptions = z.object({
  mapping: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON object" });
        return z.NEVER;
      }
    })
    .pipe(importMappingInput.optional())
    .describe('JSON: lead field → column index or header name, e.g. {"phone":"Mobile","phone2":"Home","state":3}; unmapped columns become custom data. Guessed from the header when omitted.'),
  has_header: z.enum(["auto", "true", "false", "1", "0"], { error: "must be auto, true or false" }).default("auto").describe("auto: a first row with no phone number in it is a header"),
  dnc: z.enum(IMPORT_DNC_MODES, { error: "must be flag or skip" }).default("flag").describe("flag: import, marking barred numbers never to be called; skip: leave out rows whose every number is barred"),
  delimiter: z.enum(["auto", ",", ";", "\t", "|", "tab"], { error: "must be auto, ',', ';', tab or '|'" }).default("auto"),
  file_name: z.string().max(255).optional(),
});

export const importOut = z.object({
  id: z.number(),
  list_id: z.number(),
  status: z.enum(IMPORT_STATUSES),
  file_name: z.string().nullable(),
  has_header: z.number(),
  header: z.array(z.string()).nullable(),
  mapping: z.record(z.string(), z.unknown()),
  dnc_mode: z.enum(IMPORT_DNC_MODES),
  delimiter: z.string(),
  total_rows: z.number().nullable().describe("data rows in the file; null while it is being counted"),
  rows_done: z.number(),
  progress: z.number().describe("rows_done / total_rows, 0 … 1"),
  inserted: z.number(),
  duplicates: z.number(),
  dnc: z.number().describe("rows with a barred number (flagged), or rows skipped for it"),
  errors: z.number(),
  message: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const importErrorsQuery = z.object({
  format: z.enum(["json", "csv"], { error: "must be json or csv" }).default("json"),
  ...pageQuery,
});

export const importErrorOut = z.object({ row: z.number(), kind: z.enum(["error", "duplicate", "dnc"]), field: z.string().nullable(), message: z.string(), raw: z.string().nullable() });
