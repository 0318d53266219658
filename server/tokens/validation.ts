import { z } from "zod";
import { isKnownGrant } from "../auth/permissions";
import { dateTimeInput } from "../api/validation";

export const createTokenBody = z.object({
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
  permissions: z
    .array(
      z.string().trim().refine(isKnownGrant, {
        error: (issue) => `unknown permission '${String(issue.input)}' (use e.g. campaigns/*, campaigns/list, cdr/*)`,
      }),
      { error: "must be a list of permission strings" },
    )
    .max(64)
    .nullish()
    .transform((p) => (p && p.length ? [...new Set(p)] : null)),
  expires_at: z
    .union([dateTimeInput, z.null()])
    .optional()
    .refine((d) => !d || d.getTime() > Date.now(), "must be in the future"),
});

export const tokenOut = z.object({
  id: z.number(),
  token: z.string().describe("masked: first and last 8 characters"),
  name: z.string(),
  permissions: z.array(z.string()).nullable(),
  is_active: z.union([z.literal(0), z.literal(1)]),
  last_used: z.string().nullable(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
});

export const createdTokenOut = z.object({
  id: z.number(),
  token: z.string().describe("the token itself, shown this once"),
  name: z.string(),
  permissions: z.array(z.string()).nullable(),
  expires_at: z.string().nullable(),
  message: z.string(),
});
