import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import type { UserRole } from "@/db/schema";
import { authSecret } from "../auth/secret";
import { API_TOKEN_PATTERN } from "../auth/api-token";
import { findActiveToken, touchToken } from "../tokens/queries";
import { findUserById } from "../users/queries";
import { ApiError } from "./errors";

/** How stale a token's `last_used` may get before a request writes it again. */
const TOUCH_EVERY_MS = 60_000;

/** Who is making a request, and how they proved it. */
export type Caller = {
  user: { id: number; username: string; role: UserRole };
  /** `system`: Pacer itself acting as the user (the demo's simulated agents). */
  method: "session" | "token" | "system";
  token?: { id: number; permissions: string[] | null };
  ip: string | null;
  userAgent: string | null;
};

export function requestOrigin(req: Request): { ip: string | null; userAgent: string | null } {
  return {
    ip: req.headers.get("x-pacer-remote-addr"),
    userAgent: req.headers.get("user-agent")?.slice(0, 400) ?? null,
  };
}

/** The token of an `Authorization` header: `Bearer <token>`, or (where `basic`) the password of `Basic`. */
function tokenOfHeader(header: string, basic: boolean): string {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const credentials = basic ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!credentials) {
    throw ApiError.unauthorized(
      basic ? "Unauthorized: Authorization header must be 'Bearer <token>' or Basic credentials with the token as the password" : "Unauthorized: Authorization header must be 'Bearer <token>'",
    );
  }
  const decoded = Buffer.from(credentials[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw ApiError.unauthorized("Unauthorized: Basic credentials must be 'user:token'");
  return decoded.slice(colon + 1);
}

/**
 * Bearer token first, then the next-auth session cookie. A token of a disabled user, or of a user
 * whose API access was switched off, stops working at once. With `basic`, the token may also be
 * the password of HTTP Basic credentials (for a PBX that can send nothing else).
 */
export async function resolveCaller(req: NextRequest, opts: { basic?: boolean } = {}): Promise<Caller> {
  const origin = requestOrigin(req);
  const header = req.headers.get("authorization");
  if (header) {
    const raw = tokenOfHeader(header, opts.basic ?? false);
    if (!API_TOKEN_PATTERN.test(raw)) throw ApiError.unauthorized("Unauthorized: invalid token");
    const found = await findActiveToken(raw);
    if (!found) throw ApiError.unauthorized("Unauthorized: invalid or revoked token");
    if (found.token.expiresAt && found.token.expiresAt.getTime() <= Date.now()) {
      throw ApiError.unauthorized("Unauthorized: token expired");
    }
    if (!found.user.isActive) throw ApiError.unauthorized("Unauthorized: user account is disabled");
    if (!found.user.apiAccess) throw ApiError.forbidden("Forbidden: API access is disabled for this user");
    // last_used is kept to the minute: a write on every request would make each read a write too.
    if (!found.token.lastUsed || Date.now() - found.token.lastUsed.getTime() >= TOUCH_EVERY_MS) await touchToken(found.token.id);
    return {
      user: { id: found.user.id, username: found.user.username, role: found.user.role },
      method: "token",
      token: { id: found.token.id, permissions: found.token.permissions },
      ...origin,
    };
  }

  const jwt = await getToken({ req, secret: authSecret(), secureCookie: req.headers.get("x-forwarded-proto") === "https" });
  if (jwt?.uid) {
    const user = await findUserById(jwt.uid);
    if (user && user.isActive) {
      return { user: { id: user.id, username: user.username, role: user.role }, method: "session", ...origin };
    }
  }
  throw ApiError.unauthorized("Unauthorized: sign in or send 'Authorization: Bearer <token>'");
}
