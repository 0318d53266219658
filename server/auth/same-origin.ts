/**
 * A browser sends Pacer's session cookie with any request to Pacer, whichever site's page made
 * it. So a change made with the cookie, or a live socket opened with it, must come from Pacer's
 * own pages: the browser's `Sec-Fetch-Site` says "same-origin" (or "none", typed by the user), and
 * its `Origin`, when sent, names this host. Bearer tokens are not sent by browsers on their own, so
 * requests that carry one are not checked.
 *
 * Returns why the request is refused, or null when it may go on.
 */
export function crossSiteReason(header: (name: string) => string | null | undefined): string | null {
  const site = header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `the request came from another site (Sec-Fetch-Site: ${site})`;
  const origin = header("origin");
  if (!origin) return null;
  let from: string;
  try {
    from = new URL(origin).host;
  } catch {
    return "the request's Origin is not a web address";
  }
  // server.ts keeps X-Forwarded-Host only from a trusted proxy (TRUST_PROXY).
  const host = header("x-forwarded-host") ?? header("host");
  return from === host ? null : `the request came from ${origin}, not from this server's pages`;
}
