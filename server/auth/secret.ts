import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The secret that signs session JWTs. Taken from AUTH_SECRET, else read from (or written once to)
 * `<DATA_DIR>/auth-secret` so sessions survive restarts on a machine nobody configured.
 */
export function resolveAuthSecret(opts: { authSecret?: string; dataDir: string }): string {
  if (opts.authSecret) return opts.authSecret;
  const file = path.resolve(opts.dataDir, "auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Route handlers run in Next's bundle; server.ts publishes the resolved secret through the env. */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: the server must be started through server.ts");
  return secret;
}
