/**
 * Signs in through next-auth's own flow (csrf token, then the credentials callback), as a browser
 * does, and returns the cookie header; undefined when no session was given. Free of vitest, so the
 * benchmarks sign in with it too.
 */
export async function nextAuthSignIn(base: string, username: string, password: string): Promise<string | undefined> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  keep(res);
  return jar.has("next-auth.session-token") ? cookieHeader() : undefined;
}
