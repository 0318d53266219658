import type { FieldErrors } from "./form-errors";

/** The rules of server/users/validation.ts, checked in the browser first. */
export const USER_FIELD_LABELS = {
  username: "Username",
  email: "Email",
  full_name: "Full name",
  password: "Password",
  role: "Role",
  api_access: "API access",
  is_active: "Active",
} as const;

const USERNAME = /^[A-Za-z0-9._@-]+$/;
// The server's check (zod's email) is stricter; this catches typos without second-guessing it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function usernameProblem(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Username is required.";
  if (v.length < 3) return "Username must be at least 3 characters.";
  if (v.length > 64) return "Username must be at most 64 characters.";
  if (!USERNAME.test(v)) return "Username may contain letters, digits and . _ @ - only.";
  return null;
}

export function emailProblem(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Email is required.";
  if (v.length > 254 || !EMAIL.test(v)) return "Email must be a valid email address.";
  return null;
}

export function passwordProblem(value: string, { required }: { required: boolean }): string | null {
  if (value === "") return required ? "Password is required." : null;
  if (value.length < 8) return "Password must be at least 8 characters.";
  if (value.length > 200) return "Password must be at most 200 characters.";
  return null;
}

export function fullNameProblem(value: string): string | null {
  return value.trim().length > 200 ? "Full name must be at most 200 characters." : null;
}

export function collectProblems(checks: Record<string, string | null>): FieldErrors {
  return Object.fromEntries(Object.entries(checks).flatMap(([k, v]) => (v ? [[k, [v]]] : [])));
}
