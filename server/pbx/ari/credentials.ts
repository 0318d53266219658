import { ariSwaggerClient } from "./swagger-client";

/**
 * ari-client signs every REST request with ONE process-wide credential: its swagger client keeps
 * a global `authorizations` table and each `connect()` overwrites its `basic-auth` entry. With two
 * Asterisk servers, or a settings-page "Test connection" with another password, every other
 * client's requests then go out with the wrong password ("Authentication required").
 *
 * Pacer adds one more authorization to that table, applied after ari-client's: it signs each
 * request with the credentials registered for the server the request is going to (the longest
 * registered base URL that prefixes it). Several clients of the same server share its credentials:
 * the one registered last wins until it is removed.
 */
type Entry = { owner: object; username: string; password: string };

// On globalThis: the route handlers' bundle and the server entry each load their own copy of this
// module, and both must read and feed the one table ari-client's swagger client consults.
const STATE = Symbol.for("pacer.ari.credentials");
type State = { byBase: Map<string, Entry[]>; installed: boolean };
const state: State = ((globalThis as Record<symbol, unknown>)[STATE] as State | undefined) ?? { byBase: new Map(), installed: false };
(globalThis as Record<symbol, unknown>)[STATE] = state;
const byBase = state.byBase;

const normalise = (url: string) => url.replace(/\/+$/, "").replace(/\/ari$/, "");

function credentialsFor(url: string): Entry | undefined {
  let best: string | undefined;
  for (const base of byBase.keys()) if ((url === base || url.startsWith(`${base}/`)) && (!best || base.length > best.length)) best = base;
  const list = best ? byBase.get(best) : undefined;
  return list?.[list.length - 1];
}

function install() {
  if (state.installed) return;
  const swagger = ariSwaggerClient();
  // Authorizations apply in the order they were added, and ari-client replaces `basic-auth` in
  // place on each connect: holding its place first keeps ours after it, so ours has the last word.
  if (!("basic-auth" in swagger.authorizations.authz)) swagger.authorizations.add("basic-auth", { apply: () => false });
  swagger.authorizations.add("pacer-per-server", {
    apply(obj) {
      const c = credentialsFor(obj.url);
      if (!c) return false;
      obj.headers.Authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}`;
      return true;
    },
  });
  state.installed = true;
}

/** `owner` (the driver) signs requests to `url` with these credentials until it unregisters. */
export function registerAriCredentials(owner: object, url: string, username: string, password: string): void {
  install();
  const base = normalise(url);
  const list = (byBase.get(base) ?? []).filter((e) => e.owner !== owner);
  list.push({ owner, username, password });
  byBase.set(base, list);
}

export function unregisterAriCredentials(owner: object): void {
  for (const [base, list] of byBase) {
    const kept = list.filter((e) => e.owner !== owner);
    if (kept.length) byBase.set(base, kept);
    else byBase.delete(base);
  }
}

/** For tests: the credentials a request to `url` would carry. */
export function ariCredentialsFor(url: string): { username: string; password: string } | undefined {
  const c = credentialsFor(url);
  return c && { username: c.username, password: c.password };
}
