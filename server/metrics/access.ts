import type { NextRequest } from "next/server";
import { resolveCaller } from "../api/caller";
import { ApiError } from "../api/errors";
import { routes } from "../api/routes";
import { checkAccess } from "../api/with-api";
import { parseAllowList, type AllowList } from "./allow-list";

let cached: { text: string | undefined; list: AllowList } | null = null;

/** METRICS_ALLOW as parsed once (the process refused to start when it was malformed, see server/env.ts). */
function allowList(): AllowList {
  const text = process.env.METRICS_ALLOW;
  const last = cached;
  if (last && last.text === text) return last.list;
  const parsed = parseAllowList(text);
  if ("error" in parsed) throw new Error(`METRICS_ALLOW: ${parsed.error}`);
  cached = { text, list: parsed.list };
  return parsed.list;
}

/** Whether an address may scrape without credentials (the dialer's own metrics port uses it too). */
export function addressAllowed(address: string | null | undefined): boolean {
  return allowList().matches(address);
}

/**
 * Who may scrape: an address in METRICS_ALLOW with no credentials, or anyone the API would let
 * read metrics (an admin or supervisor; a token must carry `metrics/read`). Credentials that are
 * sent are always checked, even from an allowed address: a bad token is refused, never ignored.
 */
export async function authorizeScrape(req: NextRequest): Promise<void> {
  const sentCredentials = req.headers.has("authorization");
  if (!sentCredentials && addressAllowed(req.headers.get("x-pacer-remote-addr"))) return;
  try {
    checkAccess(await resolveCaller(req), routes.metrics);
  } catch (err) {
    if (!sentCredentials && err instanceof ApiError && err.code === 401) {
      throw ApiError.unauthorized("Unauthorized: send 'Authorization: Bearer <token>' (a token with 'metrics/read'), or scrape from an address listed in METRICS_ALLOW");
    }
    throw err;
  }
}
