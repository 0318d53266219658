import { inject } from "vitest";
import postgres from "postgres";
import { nextAuthSignIn } from "./sign-in";

export type Envelope<T = any> = {
  success: boolean;
  code: number;
  message: string;
  data?: T;
  errors?: Record<string, string[]>;
  // Present on paginated replies; tests assert on it where the contract promises it.
  pagination: { total: number; per_page: number; current_page: number; total_pages: number; from: number | null; to: number | null };
};

export type Reply<T = any> = { status: number; body: Envelope<T> };

export const baseUrl = () => inject("baseUrl");

type Auth = { token?: string; cookie?: string };

/** A small HTTP client for the API, as an integrator would write it. */
export function client(auth: Auth = {}, prefix = "/api", base?: string) {
  async function call<T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    if (body !== undefined || raw !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${base ?? baseUrl()}${prefix}${path}`, {
      method,
      headers,
      body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
    const text = await res.text();
    let parsed: Envelope<T>;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path}: non-JSON reply ${res.status}: ${text.slice(0, 300)}`);
    }
    return { status: res.status, body: parsed };
  }
  return {
    /** The credentials this client sends, for raw requests made alongside it. */
    auth,
    get: <T = any>(path: string) => call<T>("GET", path),
    post: <T = any>(path: string, body?: unknown) => call<T>("POST", path, body),
    postRaw: <T = any>(path: string, raw: string) => call<T>("POST", path, undefined, raw),
    put: <T = any>(path: string, body?: unknown) => call<T>("PUT", path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>("PATCH", path, body),
    del: <T = any>(path: string) => call<T>("DELETE", path),
  };
}
export type Client = ReturnType<typeof client>;

/** Signs in as a browser does and returns the cookie header (undefined when refused). */
export function signIn(username: string, password: string, base = baseUrl()): Promise<string | undefined> {
  return nextAuthSignIn(base, username, password);
}

let adminCookie: Promise<string> | undefined;
export function adminSession(): Promise<string> {
  adminCookie ??= signIn(inject("adminUsername"), inject("adminPassword")).then((c) => {
    if (!c) throw new Error("admin sign-in failed");
    return c;
  });
  return adminCookie;
}

export async function adminClient(): Promise<Client> {
  return client({ cookie: await adminSession() });
}

/** Creates a token for the admin (or another session) through the API itself. */
export async function createToken(opts: { permissions?: string[]; expires_at?: string; name?: string; cookie?: string } = {}): Promise<{ id: number; token: string }> {
  const c = client({ cookie: opts.cookie ?? (await adminSession()) });
  const r = await c.post("/tokens", { name: opts.name ?? `test ${Math.random()}`, permissions: opts.permissions, expires_at: opts.expires_at });
  if (r.status !== 201) throw new Error(`token create failed: ${JSON.stringify(r.body)}`);
  return { id: r.body.data.id, token: r.body.data.token };
}

let userSeq = 0;
/** Creates a user through the admin API and returns its session cookie. */
export async function createUser(role: "admin" | "supervisor" | "agent" | "user", extra: Record<string, unknown> = {}) {
  const admin = await adminClient();
  const username = `u${Date.now().toString(36)}${++userSeq}`;
  const password = "password-" + username;
  const r = await admin.post("/users", { username, password, email: `${username}@example.com`, role, ...extra });
  if (r.status !== 201) throw new Error(`user create failed: ${JSON.stringify(r.body)}`);
  return { id: r.body.data.id as number, username, password };
}

/** A client signed in as a new user of `role`. */
export async function clientAs(role: "admin" | "supervisor" | "agent" | "user"): Promise<Client> {
  const user = await createUser(role);
  return client({ cookie: (await signIn(user.username, user.password))! });
}

/** A client holding a new token limited to `permissions`. */
export async function tokenClient(permissions: string[]): Promise<Client> {
  return client({ token: (await createToken({ permissions })).token });
}

/**
 * A campaign for tests of the API itself. Its schedule has not begun, so the dialer of the test
 * server (which really dials, through the built-in simulator) leaves its numbers alone and a
 * started campaign stays `running` instead of completing by itself. Dialer tests set their own.
 */
export const sampleCampaign = (over: Record<string, unknown> = {}) => ({
  name: `Campaign ${Math.random().toString(36).slice(2, 8)}`,
  schedule: { from: "2099-01-01" },
  trunk_type: "pjsip",
  trunk_value: "my_trunk",
  agent_dest_type: "exten",
  agent_dest_value: "100",
  ...over,
});

/** Direct SQL on the test database: only when the run is on PostgreSQL (PGlite is owned by the server process). */
export function directSql() {
  const url = inject("databaseUrl");
  return url ? postgres(url, { max: 2, onnotice: () => {} }) : undefined;
}
export const onPostgres = () => inject("databaseKind") === "postgres";
