import type { ServerResponse } from "node:http";

/**
 * The headers every response carries, and the content security policy of Pacer's pages.
 *
 * Every response (pages, /api, static files, Socket.IO's polling) gets the plain headers from
 * server.ts, with a policy that lets nothing load or frame it. Pages get their own policy from
 * proxy.ts: scripts only from Pacer with the request's nonce (Next puts it on its own scripts)
 * or the theme script's hash; styles from Pacer and inline (charts and layout set style
 * attributes); connections (the API, Socket.IO) to Pacer only; never inside another site's frame.
 */
export const STRICT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function pagePolicy(opts: { nonce: string; scriptHashes: string[]; dev: boolean; https: boolean }): string {
  const script = ["'self'", `'nonce-${opts.nonce}'`, ...opts.scriptHashes, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Sets the headers every response carries; HSTS only where the browser reached Pacer over TLS. */
export function setBaseHeaders(res: ServerResponse, https: boolean): void {
  res.setHeader("Content-Security-Policy", STRICT_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
