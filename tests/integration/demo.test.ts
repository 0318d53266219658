import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { client, signIn, type Client } from "../support/api";
import { allPages, waitFor } from "../support/dialer";
import { startServer, type RunningServer } from "../support/server-process";
import { createScratchDatabase } from "../support/test-database";

/**
 * The first run a newcomer sees: on the embedded defaults (PGlite and the built-in simulator) the
 * first start creates a running predictive demo campaign worked by simulated agents, who take
 * calls, talk, disposition and go again, also after a restart; "Remove demo" leaves no demo row
 * behind. On PostgreSQL the first start leaves the demo out, and POST /demo installs it through
 * the same code. Real server processes, real database, the real simulator over ARI.
 */
const ADMIN_PASSWORD = "demo-admin-password";
const onPostgres = Boolean(process.env.DATABASE_URL);
const AGENTS = 3;

type DemoStatus = { installed: boolean; campaign: { id: number; name: string; status: string; dial_mode: string } | null; agents: { id: number; name: string; state: string }[]; crew: string };

describe(`the first-start demo (${onPostgres ? "PostgreSQL: installed through POST /demo" : "PGlite: made by the first start"})`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-demo-"));
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let server: RunningServer | undefined;
  let api: Client;
  let status: DemoStatus;

  async function boot() {
    server = await startServer({
      DATA_DIR: dataDir,
      ADMIN_USERNAME: "admin",
      ADMIN_PASSWORD,
      AUTH_SECRET: "demo-test-auth-secret-0123456789abcdef",
      DATABASE_URL: scratch?.url ?? "",
      SIM_ARI_PORT: "0",
      SIM_ESL_PORT: "0",
      DEMO_AGENTS: String(AGENTS),
      DEMO_HANDLE_SEC: "2-4",
    });
    const cookie = await signIn("admin", ADMIN_PASSWORD, server.url);
    api = client({ cookie: cookie! }, "/api", server.url);
  }

  /** CDRs of calls the simulated agents took, dispositioned by them. */
  async function agentCalls(campaignId: number) {
    const records = await allPages(api, `/cdr?campaign_id=${campaignId}`);
    return records.filter((r) => r.agent_id !== null && r.lead_disposition);
  }

  afterAll(async () => {
    await server?.stop();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("exists after the first start (or POST /demo): a running predictive campaign on 300 fictional numbers, and simulated agents", async () => {
    scratch = onPostgres ? await createScratchDatabase(process.env.DATABASE_URL!, "pacer_demo") : undefined;
    await boot();
    if (onPostgres) {
      expect((await api.get<DemoStatus>("/demo")).body.data!.installed).toBe(false);
      const made = await api.post<DemoStatus>("/demo");
      expect(made.status).toBe(201);
      expect((await api.post("/demo")).status).toBe(409);
    }
    status = (await api.get<DemoStatus>("/demo")).body.data!;
    expect(status).toMatchObject({ installed: true, campaign: { status: "running", dial_mode: "predictive" }, crew: "working" });
    expect(status.agents).toHaveLength(AGENTS);
    const campaign = (await api.get(`/campaigns/${status.campaign!.id}`)).body.data;
    expect(campaign).toMatchObject({ demo: true, stats: { total: 300 } });
    const numbers = await allPages(api, `/campaigns/${campaign.id}/numbers`);
    expect(numbers.every((n) => /^\+1(202|312|415)5550[1]\d\d$/.test(n.phone_number))).toBe(true);
    const agents = (await api.get("/agents")).body.data as { demo: boolean; user_id: number | null }[];
    expect(agents.filter((a) => a.demo)).toHaveLength(AGENTS);
    const users = (await api.get("/users")).body.data as { username: string }[];
    expect(users.map((u) => u.username).sort()).toEqual(["admin", "demo-ada", "demo-alan", "demo-grace"]);
  }, 180_000);

  it("has its simulated agents take calls: bridged to customers, dispositioned by the agents, each step audited as them", async () => {
    const campaignId = status.campaign!.id;
    const calls = await waitFor("three calls taken and dispositioned by simulated agents", async () => {
      const found = await agentCalls(campaignId);
      return found.length >= 3 && found;
    }, 150_000, 1000);
    const agentIds = new Set(status.agents.map((a) => a.id));
    expect(calls.every((c) => agentIds.has(c.agent_id))).toBe(true);
    expect(calls.every((c) => c.disposition === "answered")).toBe(true);
    const audit = await allPages(api, "/audit?entity_type=lead");
    const byCrew = audit.filter((e) => e.action === "lead.disposition" && /^demo-/.test(e.username));
    expect(byCrew.length).toBeGreaterThanOrEqual(3);
    expect(byCrew[0].auth_method).toBe("system");
    const logins = (await allPages(api, "/audit?entity_type=agent")).filter((e) => e.action === "agent.login" && /^demo-/.test(e.username));
    expect(logins.length).toBeGreaterThanOrEqual(AGENTS);
  }, 180_000);

  it("resumes after a restart: the agents log in again and take more calls", async () => {
    const campaignId = status.campaign!.id;
    const before = (await agentCalls(campaignId)).length;
    expect(await server!.stop()).toBe(0);
    await boot();
    await waitFor("simulated agents logged in again", async () => {
      const agents = (await api.get<{ demo: boolean; state: string }[]>("/agents")).body.data!;
      return agents.filter((a) => a.demo && a.state !== "logged_out").length === AGENTS;
    }, 60_000, 500);
    await waitFor("more calls after the restart", async () => (await agentCalls(campaignId)).length >= before + 2, 150_000, 1000);
  }, 300_000);

  it("is removed in one request: campaign, list, numbers, agents, their users and calls; audited; nothing left", async () => {
    const campaignId = status.campaign!.id;
    const removed = await api.del("/demo");
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.data).toMatchObject({ campaigns: 1, lists: 1, leads: 300, agents: AGENTS, users: AGENTS });
    expect(removed.body.data.call_records).toBeGreaterThan(0);
    expect((await api.del("/demo")).status).toBe(404);

    expect((await api.get("/demo")).body.data).toMatchObject({ installed: false, campaign: null, agents: [] });
    expect((await api.get("/campaigns")).body.data).toEqual([]);
    expect((await api.get("/agents")).body.data).toEqual([]);
    expect(((await api.get("/users")).body.data as { username: string }[]).map((u) => u.username)).toEqual(["admin"]);
    expect(await allPages(api, "/lists")).toEqual([]);
    expect(await allPages(api, `/cdr?campaign_id=${campaignId}`)).toEqual([]);
    const audit = (await allPages(api, "/audit?entity_type=demo"))[0];
    expect(audit).toMatchObject({ action: "demo.remove", username: "admin", details: { campaigns: 1, leads: 300 } });
    const stops = (await allPages(api, `/audit?entity_type=campaign&entity_id=${campaignId}`)).map((e) => e.action);
    expect(stops).toContain("campaign.stop");

    // What the API does not show: the dialer's own rows about the demo's calls and agents.
    expect(await server!.stop()).toBe(0);
    server = undefined;
    const tables = ["campaigns", "agents", "leads", "lists", "call_attempts", "cdr", "agent_state_log"];
    const counts: Record<string, number> = {};
    if (scratch) {
      const sql = postgres(scratch.url, { max: 1, onnotice: () => {} });
      for (const t of tables) counts[t] = Number((await sql.unsafe(`select count(*)::int as n from ${t}`))[0].n);
      counts.demo_users = Number((await sql`select count(*)::int as n from users where demo`)[0].n);
      await sql.end();
    } else {
      const db = new PGlite(path.join(dataDir, "pglite"));
      for (const t of tables) counts[t] = (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0].n;
      counts.demo_users = (await db.query<{ n: number }>("select count(*)::int as n from users where demo")).rows[0].n;
      await db.close();
    }
    expect(counts).toEqual({ campaigns: 0, agents: 0, leads: 0, lists: 0, call_attempts: 0, cdr: 0, agent_state_log: 0, demo_users: 0 });
  }, 120_000);
});
