import { describe, expect, it } from "vitest";
import { adminClient, adminSession, baseUrl, client, clientAs, createToken, createUser, sampleCampaign, signIn, tokenClient } from "../support/api";
import { inject } from "vitest";

describe("sessions", () => {
  it("signs in through next-auth's csrf + credentials callback flow", async () => {
    const cookie = await adminSession();
    const res = await fetch(`${baseUrl()}/api/auth/session`, { headers: { Cookie: cookie } });
    const session = await res.json();
    expect(session.user).toMatchObject({ username: inject("adminUsername"), role: "admin" });
  });

  it("refuses a wrong password", async () => {
    expect(await signIn(inject("adminUsername"), "not-the-password")).toBeUndefined();
    expect(await signIn("nobody-here", "whatever-password")).toBeUndefined();
  });

  it("holds a username back from the address that failed 5 times, even with the right password", async () => {
    const user = await createUser("supervisor");
    for (let i = 0; i < 5; i++) expect(await signIn(user.username, `wrong-${i}`)).toBeUndefined();
    expect(await signIn(user.username, user.password)).toBeUndefined();
    const other = await createUser("supervisor");
    expect(await signIn(other.username, other.password)).toBeTruthy();
  });

  it("refuses a change made with the session cookie from another site's page, but not a read, Pacer's own pages or a token", async () => {
    const cookie = await adminSession();
    const own = new URL(baseUrl()).origin;
    const post = (headers: Record<string, string>, auth: Record<string, string> = { Cookie: cookie }) =>
      fetch(`${baseUrl()}/api/campaigns`, { method: "POST", headers: { ...auth, "Content-Type": "application/json", ...headers }, body: JSON.stringify(sampleCampaign()) });
    const count = async () => ((await (await adminClient()).get("/campaigns")).body.data as unknown[]).length;
    const before = await count();

    const foreign: Record<string, string>[] = [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site", Origin: own }, { Origin: "null" }];
    for (const headers of foreign) {
      const r = await post(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(((await r.json()) as { message: string }).message).toMatch(/another site|not a web address|not from this server/);
    }
    expect(await count()).toBe(before);

    // Reads stay open to links from anywhere; Pacer's own pages and tokens change things.
    expect((await fetch(`${baseUrl()}/api/campaigns`, { headers: { Cookie: cookie, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
    expect((await post({ Origin: own, "Sec-Fetch-Site": "same-origin" })).status).toBe(201);
    const { token } = await createToken();
    expect((await post({ Origin: "https://evil.example" }, { Authorization: `Bearer ${token}` })).status).toBe(201);
  });

  it("serves the login page and sends signed-out visitors to it", async () => {
    const login = await fetch(`${baseUrl()}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("Sign in");
    const home = await fetch(`${baseUrl()}/campaigns`, { redirect: "manual" });
    expect([302, 307, 303]).toContain(home.status);
    expect(home.headers.get("location")).toContain("/login");
  });
});

describe("bearer tokens", () => {
  it("answers 401 in the contract's envelope without credentials or with a bad token", async () => {
    for (const auth of [{}, { token: "f".repeat(64) }, { token: "short" }]) {
      const r = await client(auth).get("/campaigns");
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ success: false, code: 401 });
      expect(typeof r.body.message).toBe("string");
    }
  });

  it("creates a token once, lists it masked, and authenticates with it on /api and /adial/api", async () => {
    const admin = await adminClient();
    const created = await admin.post("/tokens", { name: "Production Token", permissions: ["campaigns/*", "cdr/*"], expires_at: "2999-12-31 23:59:59" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, code: 201, message: "API token created successfully" });
    expect(created.body.data).toMatchObject({ name: "Production Token", message: "Save this token securely. It will not be shown again." });
    const token: string = created.body.data.token;
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const list = await admin.get("/tokens");
    expect(list.status).toBe(200);
    expect(list.body.message).toBe("API tokens retrieved successfully");
    const row = list.body.data.find((t: { id: number }) => t.id === created.body.data.id);
    expect(row).toMatchObject({ name: "Production Token", is_active: 1, last_used: null, expires_at: "2999-12-31 23:59:59" });
    expect(row.token).toBe(`${token.slice(0, 8)}...${token.slice(-8)}`);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(Object.keys(row).sort()).toEqual(["created_at", "expires_at", "id", "is_active", "last_used", "name", "permissions", "token"].sort());

    for (const prefix of ["/api", "/adial/api"]) {
      const r = await client({ token }, prefix).get("/campaigns");
      expect(r.status).toBe(200);
      expect(r.body.success).toBe(true);
    }
    const after = await admin.get("/tokens");
    expect(after.body.data.find((t: { id: number }) => t.id === created.body.data.id).last_used).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("stops accepting a revoked token (401) and refuses to revoke it twice (409) or revoke a missing one (404)", async () => {
    const { id, token } = await createToken();
    expect((await client({ token }).get("/campaigns")).status).toBe(200);
    const admin = await adminClient();
    const revoked = await admin.del(`/tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ success: true, message: "API token revoked successfully" });
    const r = await client({ token }).get("/campaigns");
    expect(r.status).toBe(401);
    expect((await admin.del(`/tokens/${id}`)).status).toBe(409);
    expect((await admin.del(`/tokens/99999999`)).status).toBe(404);
    const listed = (await admin.get("/tokens")).body.data.find((t: { id: number }) => t.id === id);
    expect(listed.is_active).toBe(0);
  });

  it("rejects an expired token with 401", async () => {
    const expires = new Date(Date.now() + 2500).toISOString();
    const { token } = await createToken({ expires_at: expires });
    expect((await client({ token }).get("/campaigns")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3000));
    const r = await client({ token }).get("/campaigns");
    expect(r.status).toBe(401);
    expect(r.body.message).toMatch(/expired/i);
  });

  it("validates token input: name required, permissions known, expiry in the future", async () => {
    const admin = await adminClient();
    const r1 = await admin.post("/tokens", { permissions: ["campaigns/*"] });
    expect(r1.status).toBe(400);
    expect(r1.body.errors).toHaveProperty("name");
    const r2 = await admin.post("/tokens", { name: "x", permissions: ["campaigns/fly"] });
    expect(r2.status).toBe(400);
    expect(r2.body.errors).toHaveProperty("permissions.0");
    const r3 = await admin.post("/tokens", { name: "x", expires_at: "2001-01-01 00:00:00" });
    expect(r3.status).toBe(400);
    expect(r3.body.errors).toHaveProperty("expires_at");
  });

  it("enforces token permissions with 403", async () => {
    const { token } = await createToken({ permissions: ["campaigns/list"] });
    const c = client({ token });
    expect((await c.get("/campaigns")).status).toBe(200);
    const denied = await c.post("/campaigns", sampleCampaign());
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ success: false, code: 403 });
    expect((await c.get("/cdr")).status).toBe(403);

    const cdrOnly = await tokenClient(["cdr/*"]);
    expect((await cdrOnly.get("/cdr")).status).toBe(200);
    expect((await cdrOnly.get("/cdr/stats")).status).toBe(200);
    expect((await cdrOnly.get("/campaigns")).status).toBe(403);

    const campaignsAll = await tokenClient(["campaigns/*"]);
    const made = await campaignsAll.post("/campaigns", sampleCampaign());
    expect(made.status).toBe(201);
    expect((await campaignsAll.post(`/campaigns/${made.body.data.id}/numbers`, { phone_number: "5551234567" })).status).toBe(201);
  });

  it("does not let a restricted token mint a broader one", async () => {
    const narrow = await tokenClient(["tokens/*", "cdr/list"]);
    expect((await narrow.post("/tokens", { name: "wider" })).status).toBe(403);
    expect((await narrow.post("/tokens", { name: "wider", permissions: ["campaigns/*"] })).status).toBe(403);
    const ok = await narrow.post("/tokens", { name: "same", permissions: ["cdr/list"] });
    expect(ok.status).toBe(201);
  });

  it("stops a disabled user's tokens at once, and honours api_access", async () => {
    const user = await createUser("supervisor");
    const cookie = (await signIn(user.username, user.password))!;
    expect(cookie).toBeTruthy();
    const { token } = await createToken({ cookie });
    expect((await client({ token }).get("/campaigns")).status).toBe(200);

    const admin = await adminClient();
    expect((await admin.put(`/users/${user.id}`, { api_access: 0 })).status).toBe(200);
    expect((await client({ token }).get("/campaigns")).status).toBe(403);
    expect((await admin.put(`/users/${user.id}`, { api_access: 1, is_active: 0 })).status).toBe(200);
    expect((await client({ token }).get("/campaigns")).status).toBe(401);
    expect((await client({ cookie }).get("/campaigns")).status).toBe(401);
    expect(await signIn(user.username, user.password)).toBeUndefined();
  });
});

describe("roles", () => {
  it("answers 403 to a non-admin calling /api/users, and to an agent managing campaigns", async () => {
    const sup = await clientAs("user");
    const r = await sup.get("/users");
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ success: false, code: 403 });
    expect((await sup.post("/users", { username: "zzz", password: "12345678", email: "a@b.co" })).status).toBe(403);
    expect((await sup.get("/campaigns")).status).toBe(200);

    const ag = await clientAs("agent");
    expect((await ag.get("/campaigns")).status).toBe(403);
    expect((await ag.get("/tokens")).status).toBe(200);
  });
});
