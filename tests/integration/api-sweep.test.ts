import { beforeAll, describe, expect, it } from "vitest";
import { adminClient, baseUrl, clientAs, createToken, type Client } from "../support/api";

/**
 * Every route of /api/openapi.json, read from the document itself: who may reach it (no
 * credentials: 401; a role or token scope it does not name: 403; the scope it names: past the
 * gate), and what bad input does to it (wrong types, missing and extra fields, huge strings,
 * unicode, negative and huge numbers, broken JSON, bad ids: never a 5xx, and nothing written).
 */

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; anyOf?: Schema[] };
type Op = {
  method: string;
  path: string;
  permission: string;
  roles: string[];
  body: Schema | null;
  upload: boolean;
  query: string[];
};

/** An id nothing has, so a request that passed every check still finds no record to change. */
const NO_SUCH_ID = "999999";
const urlOf = (path: string, id = NO_SUCH_ID) => `${baseUrl()}/api${path.replace(/\{\w+\}/g, id)}`;

let ops: Op[] = [];

beforeAll(async () => {
  const doc = (await (await fetch(`${baseUrl()}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { "x-permission": string; "x-roles": string[]; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op["x-permission"],
      roles: op["x-roles"],
      body: op.requestBody?.content["application/json"]?.schema ?? null,
      upload: !!op.requestBody && !op.requestBody.content["application/json"],
      query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
    })),
  );
});

async function send(op: Op, init: { headers?: Record<string, string>; body?: string; url?: string } = {}): Promise<Response> {
  const hasBody = op.method !== "GET" && op.method !== "DELETE";
  return fetch(init.url ?? urlOf(op.path), {
    method: op.method,
    headers: { ...(hasBody ? { "Content-Type": "application/json" } : {}), ...init.headers },
    body: hasBody ? (init.body ?? "{}") : undefined,
  });
}

const describeOp = (op: Op) => `${op.method} ${op.path}`;

describe("who may reach each route", () => {
  it("knows every route's permission and roles from the document", () => {
    expect(ops.length).toBeGreaterThan(80);
    for (const op of ops) {
      expect(op.permission, describeOp(op)).toMatch(/^[a-z_]+\/[a-z_]+$/);
      expect(op.roles.length, describeOp(op)).toBeGreaterThan(0);
    }
  });

  it("answers 401 to every route without credentials", async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      const res = await send(op);
      if (res.status !== 401) wrong.push(`${describeOp(op)}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403 to every route a role may not use", async () => {
    const sessions: Record<string, Client> = { agent: await clientAs("agent"), supervisor: await clientAs("supervisor") };
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops) {
      for (const [role, c] of Object.entries(sessions)) {
        if (op.roles.includes(role)) continue;
        checked++;
        const res = await send(op, { headers: { Cookie: c.auth.cookie! } });
        if (res.status !== 403) wrong.push(`${describeOp(op)} as ${role}: ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it("answers 403 to a token without a route's scope, and lets the scope it names through", async () => {
    // A token for one narrow scope reaches nothing else.
    const { token: narrow } = await createToken({ permissions: ["tokens/list"] });
    const wrong: string[] = [];
    for (const op of ops) {
      if (op.permission === "tokens/list") continue;
      const res = await send(op, { headers: { Authorization: `Bearer ${narrow}` } });
      if (res.status !== 403) wrong.push(`${describeOp(op)} with tokens/list: ${res.status}`);
    }
    // A token for exactly a route's scope gets past the gate (to a 2xx, or a 400/404 for the
    // record nobody has). Actions with neither a body nor a record to aim at are left out: passing
    // the gate would really run them (installing the demo, say).
    const tokens = new Map<string, string>();
    for (const op of ops) {
      if (op.method !== "GET" && !op.body && !op.upload && !op.path.includes("{")) continue;
      const token = tokens.get(op.permission) ?? (await createToken({ permissions: [op.permission] })).token;
      tokens.set(op.permission, token);
      const res = await send(op, { headers: { Authorization: `Bearer ${token}` } });
      if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push(`${describeOp(op)} with ${op.permission}: ${res.status}`);
    }
    expect(tokens.size).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });
});

/** Bodies no route should take: each wrong in one way the issue names. */
function badBodies(schema: Schema | null): string[] {
  const props = Object.keys(schema?.properties ?? {});
  const every = (v: unknown) => JSON.stringify(Object.fromEntries((props.length ? props : ["name"]).map((p) => [p, v])));
  return [
    "{",
    "null",
    "[]",
    '"a string"',
    "12",
    JSON.stringify({ unexpected_field: "x" }),
    every({ nested: [1, { deeper: true }] }),
    every([]),
    every(true),
    every("x".repeat(100_000)),
    every("Pacer ☎ 𝒫 \u202e\u0000 ÿ"),
    every(-1),
    every(-1e308),
    every(1e308),
    every(2 ** 63),
    every(""),
  ];
}

const BAD_QUERY_VALUES = ["", "-1", "1e308", "9223372036854775808", "x".repeat(10_000), "Pacer ☎ 𝒫 \u202e", "[object Object]", "2024-13-45", "null"];

/** What the API lists, counted: the same after bad input as before. */
async function counts(admin: Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of ["/campaigns", "/lists", "/agents", "/users", "/tokens", "/dnc", "/trunks", "/ivr", "/audit"]) {
    const r = await admin.get(`${path}${path === "/campaigns" || path === "/users" || path === "/tokens" ? "" : "?per_page=1"}`);
    out[path] = r.body.pagination?.total ?? (Array.isArray(r.body.data) ? r.body.data.length : -1);
  }
  return out;
}

describe("bad input on every route", () => {
  it("never gets a 5xx and writes nothing", { timeout: 600_000 }, async () => {
    const admin = await adminClient();
    const cookie = admin.auth.cookie!;
    const before = await counts(admin);
    const failures: string[] = [];
    let sent = 0;
    const check = async (op: Op, what: string, init: { body?: string; url?: string }) => {
      const res = await send(op, { headers: { Cookie: cookie }, ...init });
      sent++;
      if (res.status >= 500) failures.push(`${describeOp(op)} ${what}: ${res.status} ${(await res.text()).slice(0, 160)}`);
      else await res.body?.cancel();
    };
    for (const op of ops) {
      // Ids that are not ids.
      if (op.path.includes("{")) for (const id of ["abc", "-1", "0", "1.5", "99999999999999999999", "%00"]) await check(op, `id=${id}`, { url: urlOf(op.path, id) });
      if (op.body || op.upload) {
        const bodies = badBodies(op.body);
        for (const [i, body] of bodies.entries()) await check(op, `body #${i} ${body.slice(0, 40)}`, { body });
        // The same against a record that exists would change it; these aim at one that does not,
        // and at the collection routes, where nothing above is a valid record.
      }
      for (const name of op.query) {
        for (const value of BAD_QUERY_VALUES) {
          const url = new URL(urlOf(op.path));
          url.searchParams.set(name, value);
          await check(op, `?${name}=${value.slice(0, 20)}`, { url: url.toString() });
        }
      }
    }
    console.log(`bad-input sweep: ${sent} requests to ${ops.length} routes, ${failures.length} answered 5xx`);
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
    const after = await counts(admin);
    // The audit log took only the downloads it records by design (an export with an odd but
    // valid search is still an export); no change.
    const audited = after["/audit"] - before["/audit"];
    const newest: { action: string }[] = [];
    for (let page = 1; newest.length < audited; page++) newest.push(...(await admin.get(`/audit?per_page=100&page=${page}`)).body.data);
    newest.splice(audited);
    expect(newest.filter((a) => !a.action.endsWith(".export")).map((a) => a.action)).toEqual([]);
    expect({ ...after, "/audit": 0 }).toEqual({ ...before, "/audit": 0 });
  });
});
