import { z } from "zod";
import { ApiError, type FieldErrors } from "./errors";

/** Shared input pieces. The contract speaks 0/1 for flags; true/false are accepted too. */
export const flagInput = z
  .union([z.literal(0), z.literal(1), z.boolean(), z.literal("0"), z.literal("1"), z.literal("true"), z.literal("false")], {
    error: "must be 0 or 1",
  })
  .transform((v) => v === 1 || v === true || v === "1" || v === "true");

/** A whole number from `min` to `max`; strings of digits (query strings, CSV) are read as numbers. */
export const intIn = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A limit from 1 to `max`; empty or null: no limit (null). */
export const optionalCap = (max: number) =>
  z
    .union([z.literal(""), z.null(), intIn(1, max)], { error: `must be a whole number from 1 to ${max}, or null for no limit` })
    .transform((v) => (v === "" || v === null ? null : v));

/** The id of a record (`must be a campaign id` for anything that cannot be one). */
export const recordId = (what: string) =>
  z.coerce
    .number({ error: `must be a ${what} id` })
    .int(`must be a ${what} id`)
    .positive(`must be a ${what} id`);

/** Free text up to `max` characters; empty, null or absent is stored as none. */
export const optionalText = (max: number) =>
  z
    .string({ error: "must be a string" })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

/** `created_at` and `updated_at` as every resource prints them; `updated_at` is null until the first change. */
export const timestampsOut = { created_at: z.string(), updated_at: z.string().nullable() };

export const pageQuery = {
  page: z.coerce.number({ error: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  /** The contract caps pages at 100 rows: larger requests get 100. */
  per_page: z.coerce
    .number({ error: "must be a number" })
    .int()
    .min(1, "must be 1 or more")
    .default(20)
    .transform((n) => Math.min(n, 100)),
};

export const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "is not a valid date");

/** `2025-12-31 23:59:59` (read as UTC) or any ISO 8601 timestamp. */
export const dateTimeInput = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? `${s}T23:59:59Z`
      : /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(s)
        ? `${s.replace(" ", "T")}Z`
        : s;
    const t = Date.parse(iso);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: "custom", message: "must be a date-time like 2025-12-31 23:59:59" });
      return z.NEVER;
    }
    return new Date(t);
  });

/** Phone numbers: digits with an optional leading +; spaces, dots, dashes and brackets are dropped. */
export const phoneNumberInput = z
  .union([z.string(), z.number().int().nonnegative()], {
    error: (issue) => (issue.input === undefined ? "is required" : "must be a phone number string"),
  })
  .transform((v) => String(v).trim().replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, "must be 3 to 20 digits, optionally starting with +"));

/** Custom lead data: a JSON object (or a string holding one, as the contract prints it). */
export const leadDataInput = z
  .union([z.record(z.string(), z.unknown()), z.string(), z.null()], { error: "must be a JSON object" })
  .transform((v, ctx) => {
    if (typeof v !== "string") return v;
    if (v.trim() === "") return null;
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    ctx.addIssue({ code: "custom", message: "must be a JSON object" });
    return z.NEVER;
  })
  .refine((v) => v === null || JSON.stringify(v).length <= 16_384, "must be at most 16 KB of JSON");

/**
 * A bulk body names each phone number once: a repeat is an error on its row pointing at the first,
 * and any repeat rejects the whole request before anything is written.
 */
export function rejectRepeatedNumbers(rows: readonly { phone_number: string }[]): void {
  const errors: FieldErrors = {};
  const firstRow = new Map<string, number>();
  rows.forEach((n, i) => {
    const seen = firstRow.get(n.phone_number);
    if (seen !== undefined) errors[`numbers.${i}.phone_number`] = [`duplicates numbers.${seen} (${n.phone_number})`];
    else firstRow.set(n.phone_number, i);
  });
  if (Object.keys(errors).length) throw ApiError.badRequest("Validation failed: repeated phone numbers", errors);
}
