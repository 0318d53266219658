import { createHash, randomBytes } from "node:crypto";

/** Tokens are 64 hex characters; only their SHA-256 is stored. */
export function generateApiToken(): string {
  return randomBytes(32).toString("hex");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What token lists show instead of the token: `abc12345...xyz98765`. */
export function tokenHint(token: string): string {
  return `${token.slice(0, 8)}...${token.slice(-8)}`;
}

export const API_TOKEN_PATTERN = /^[0-9a-f]{64}$/;
