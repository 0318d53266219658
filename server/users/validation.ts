import { z } from "zod";
import { flagInput, timestampsOut } from "../api/validation";

/** The contract's `user` role is Pacer's supervisor. */
export const roleInput = z
  .enum(["admin", "user", "supervisor", "agent"], { error: "must be one of: admin, user, supervisor, agent" })
  .transform((r) => (r === "user" ? "supervisor" : r));

const username = z
  .string({ error: "is required" })
  .trim()
  .min(3, "must be at least 3 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "may contain letters, digits and . _ @ - only");
const password = z.string({ error: "is required" }).min(8, "must be at least 8 characters").max(200);
const email = z.string({ error: "is required" }).trim().email("must be a valid email address").max(254);

export const createUserBody = z.object({
  username,
  password,
  email,
  full_name: z.string().trim().max(200).nullish(),
  role: roleInput.default("supervisor"),
  api_access: flagInput.default(true),
  is_active: flagInput.default(true),
});

export const updateUserBody = z
  .object({
    username: username.optional(),
    password: password.optional(),
    email: email.optional(),
    full_name: z.string().trim().max(200).nullish(),
    role: roleInput.optional(),
    api_access: flagInput.optional(),
    is_active: flagInput.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const userOut = z.object({
  id: z.number(),
  username: z.string(),
  email: z.string(),
  full_name: z.string().nullable(),
  role: z.enum(["admin", "supervisor", "agent"]),
  is_active: z.union([z.literal(0), z.literal(1)]),
  api_access: z.union([z.literal(0), z.literal(1)]),
  last_login: z.string().nullable(),
  ...timestampsOut,
});
