import { afterAll, describe, expect, it } from "vitest";
import { adminClient, client, createToken, directSql, onPostgres, sampleCampaign } from "../support/api";

// The contract's fields first; the rest are the dialer's settings, each with a default.
const CAMPAIGN_KEYS = [
  "id", "name", "description", "trunk_type", "trunk_value", "callerid", "agent_dest_type", "agent_dest_value",
  "record_calls", "status", "concurrent_calls", "retry_times", "retry_delay", "created_at", "updated_at", "stats",
  "dial_mode", "dial_timeout", "amd_enabled", "machine_action", "machine_message", "abandon_cap", "abandon_message",
  "wrapup_sec", "agent_drop_action", "timezone", "calling_hours_start", "calling_hours_end", "schedule", "retry_rules",
  "preview_timeout_sec", "preview_timeout_action", "abandon_rule", "amd_false_positive_rate", "demo",
  "frequency", "call_max_duration", "queue_id",
].sort();
const STATS_KEYS = [
  "total", "pending", "calling", "answered", "completed", "failed", "no_answer", "busy", "total_calls", "answered_calls",
  "dnc", "abandoned_calls", "abandon_rate_24h", "abandon_rate_30d",
].sort();

async function tokenClient() {
  return client({ token: (await createToken()).token });
}

describe("campaign CRUD", () => {
  it("creates with the documented defaults and returns the documented shape", async () => {
    const api = await tokenClient();
    const r = await api.post("/campaigns", sampleCampaign({ name: "New Campaign", description: "Campaign description", callerid: "1234567890" }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ success: true, code: 201, message: "Campaign created successfully" });
    const c = r.body.data;
    expect(Object.keys(c).sort()).toEqual(CAMPAIGN_KEYS);
    expect(Object.keys(c.stats).sort()).toEqual(STATS_KEYS);
    expect(c).toMatchObject({
      name: "New Campaign",
      description: "Campaign description",
      trunk_type: "pjsip",
      callerid: "1234567890",
      record_calls: 0,
      status: "stopped",
      concurrent_calls: 1,
      retry_times: 0,
      retry_delay: 300,
      updated_at: null,
      dial_mode: "agentless",
      dial_timeout: 30,
      amd_enabled: 0,
      abandon_cap: 0.03,
      abandon_rule: "us",
      amd_false_positive_rate: 0,
      frequency: null,
      call_max_duration: 0,
      queue_id: null,
      calling_hours_start: "08:00",
      calling_hours_end: "21:00",
      preview_timeout_sec: 60,
      preview_timeout_action: "skip",
    });
    expect(c.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Object.values(c.stats).every((v) => v === 0)).toBe(true);

    const got = await api.get(`/campaigns/${c.id}`);
    expect(got.status).toBe(200);
    expect(got.body.message).toBe("Campaign retrieved successfully");
    expect(got.body.data).toEqual(c);
  });

  it("lists campaigns, filtered by status", async () => {
    const api = await tokenClient();
    const a = (await api.post("/campaigns", sampleCampaign())).body.data;
    const b = (await api.post("/campaigns", sampleCampaign())).body.data;
    await api.post(`/campaigns/${b.id}/start`);
    const all = await api.get("/campaigns");
    expect(all.body.message).toBe("Campaigns retrieved successfully");
    const ids = all.body.data.map((c: { id: number }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const running = (await api.get("/campaigns?status=running")).body.data;
    expect(running.every((c: { status: string }) => c.status === "running")).toBe(true);
    expect(running.map((c: { id: number }) => c.id)).toContain(b.id);
    expect(running.map((c: { id: number }) => c.id)).not.toContain(a.id);
    const bad = await api.get("/campaigns?status=flying");
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty("status");
    await api.post(`/campaigns/${b.id}/stop`);
  });

  it("rejects missing fields, wrong enums and malformed JSON with per-field errors, writing nothing", async () => {
    const api = await tokenClient();
    const before = (await api.get("/campaigns")).body.data.length;
    const missing = await api.post("/campaigns", {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ success: false, code: 400 });
    for (const f of ["name", "trunk_type", "trunk_value", "agent_dest_type", "agent_dest_value"]) {
      expect(missing.body.errors![f]).toEqual(["is required"]);
    }
    const wrongEnum = await api.post("/campaigns", sampleCampaign({ trunk_type: "dahdi", agent_dest_type: "queue", record_calls: 7, concurrent_calls: 0 }));
    expect(wrongEnum.status).toBe(400);
    expect(wrongEnum.body.errors!.trunk_type[0]).toMatch(/custom, pjsip, sip/);
    expect(Object.keys(wrongEnum.body.errors!)).toEqual(expect.arrayContaining(["agent_dest_type", "record_calls", "concurrent_calls"]));
    const preview = await api.post("/campaigns", sampleCampaign({ dial_mode: "preview", preview_timeout_sec: -1, preview_timeout_action: "call" }));
    expect(preview.status).toBe(400);
    expect(Object.keys(preview.body.errors!).sort()).toEqual(["preview_timeout_action", "preview_timeout_sec"]);
    const malformed = await api.postRaw("/campaigns", '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe("Malformed JSON body");
    const custom = await api.post("/campaigns", sampleCampaign({ trunk_type: "custom", trunk_value: "Local/out@ctx" }));
    expect(custom.status).toBe(400);
    expect(custom.body.errors).toHaveProperty("trunk_value");
    expect((await api.post("/campaigns", sampleCampaign({ trunk_type: "custom", trunk_value: "Local/${EXTEN}@from-internal" }))).status).toBe(201);
    expect((await api.get("/campaigns")).body.data.length).toBe(before + 1);
  });

  it("answers 404 for campaigns that do not exist", async () => {
    const api = await tokenClient();
    for (const path of ["/campaigns/999999", "/campaigns/abc", "/campaigns/0", "/campaigns/999999/stats", "/campaigns/999999/numbers"]) {
      const r = await api.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ success: false, code: 404, message: "Campaign not found" });
    }
    expect((await api.put("/campaigns/999999", { name: "x" })).status).toBe(404);
    expect((await api.del("/campaigns/999999")).status).toBe(404);
    expect((await api.post("/campaigns/999999/start")).status).toBe(404);
  });

  it("updates only the fields sent, and refuses while running (409)", async () => {
    const api = await tokenClient();
    const c = (await api.post("/campaigns", sampleCampaign())).body.data;
    const r = await api.put(`/campaigns/${c.id}`, { name: "Updated Name", concurrent_calls: 10, record_calls: 1 });
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Campaign updated successfully");
    expect(r.body.data).toMatchObject({ name: "Updated Name", concurrent_calls: 10, record_calls: 1, trunk_value: c.trunk_value });
    expect(r.body.data.updated_at).not.toBeNull();
    expect((await api.put(`/campaigns/${c.id}`, {})).status).toBe(400);
    expect((await api.put(`/campaigns/${c.id}`, { retry_times: -1 })).status).toBe(400);

    await api.post(`/campaigns/${c.id}/start`);
    const running = await api.put(`/campaigns/${c.id}`, { name: "Nope" });
    expect(running.status).toBe(409);
    expect(running.body).toMatchObject({ success: false, code: 409 });
    expect((await api.del(`/campaigns/${c.id}`)).status).toBe(409);
    expect((await api.get(`/campaigns/${c.id}`)).body.data.name).toBe("Updated Name");
    await api.post(`/campaigns/${c.id}/stop`);
    const del = await api.del(`/campaigns/${c.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ success: true, message: "Campaign deleted successfully" });
    expect((await api.get(`/campaigns/${c.id}`)).status).toBe(404);
  });

  it("requires an ivr destination to name an existing IVR menu", async () => {
    const api = await tokenClient();
    const r = await api.post("/campaigns", sampleCampaign({ agent_dest_type: "ivr", agent_dest_value: "987654" }));
    expect(r.status).toBe(400);
    expect(r.body.errors).toHaveProperty("agent_dest_value");
    const menu = (await api.post("/ivr", { name: "Menu" })).body.data;
    expect((await api.post("/campaigns", sampleCampaign({ agent_dest_type: "ivr", agent_dest_value: String(menu.id) }))).status).toBe(201);
  });
});

describe("campaign lifecycle", () => {
  it("follows start → pause → resume → stop with the documented replies and 409 for impossible moves", async () => {
    const api = await tokenClient();
    // sampleCampaign's schedule has not begun: the campaign stays running with nothing dialed
    // (with nothing to dial it would otherwise complete by itself before the next move).
    const { id } = (await api.post("/campaigns", sampleCampaign())).body.data;
    const expectMove = async (cmd: string, status: string, message: string) => {
      const r = await api.post(`/campaigns/${id}/${cmd}`);
      expect(r.status, cmd).toBe(200);
      expect(r.body).toEqual({ success: true, code: 200, message, data: { campaign_id: id, status } });
    };
    expect((await api.post(`/campaigns/${id}/pause`)).status).toBe(409);
    expect((await api.post(`/campaigns/${id}/resume`)).status).toBe(409);
    expect((await api.post(`/campaigns/${id}/stop`)).status).toBe(409);
    await expectMove("start", "running", "Campaign started successfully");
    expect((await api.post(`/campaigns/${id}/start`)).status).toBe(409);
    expect((await api.post(`/campaigns/${id}/resume`)).status).toBe(409);
    await expectMove("pause", "paused", "Campaign paused successfully");
    expect((await api.post(`/campaigns/${id}/pause`)).status).toBe(409);
    await expectMove("resume", "running", "Campaign resumed successfully");
    await expectMove("pause", "paused", "Campaign paused successfully");
    await expectMove("stop", "stopped", "Campaign stopped successfully");
  });

  it("counts numbers by status in stats", async () => {
    const api = await tokenClient();
    const { id } = (await api.post("/campaigns", sampleCampaign())).body.data;
    await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: [{ phone_number: "5550001" }, { phone_number: "5550002" }, { phone_number: "5550003" }] });
    const r = await api.get(`/campaigns/${id}/stats`);
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("Campaign statistics retrieved successfully");
    expect(r.body.data).toEqual({
      total: 3, pending: 3, calling: 0, answered: 0, completed: 0, failed: 0, no_answer: 0, busy: 0, dnc: 0, total_calls: 0, answered_calls: 0,
      abandoned_calls: 0, abandon_rate_24h: 0, abandon_rate_30d: 0,
    });
    expect((await api.get(`/campaigns/${id}`)).body.data.stats).toEqual(r.body.data);
  });
});

describe.runIf(onPostgres())("stop and pause rules on numbers mid-dial (PostgreSQL)", () => {
  const sql = directSql()!;
  afterAll(() => sql?.end({ timeout: 5 }));

  it("stop resets pending and calling numbers to pending with 0 attempts; pause changes nothing; finished numbers keep their state", async () => {
    const api = await tokenClient();
    const { id } = (await api.post("/campaigns", sampleCampaign())).body.data;
    await api.post(`/campaigns/${id}/numbers/bulk`, {
      numbers: ["5551001", "5551002", "5551003", "5551004"].map((phone_number) => ({ phone_number })),
    });
    await sql`update leads set status = 'calling', attempts = 1, last_attempt = now() where campaign_id = ${id} and phone_number = '5551001'`;
    await sql`update leads set status = 'pending', attempts = 2 where campaign_id = ${id} and phone_number = '5551002'`;
    await sql`update leads set status = 'answered', attempts = 1 where campaign_id = ${id} and phone_number = '5551003'`;
    await sql`insert into cdr (campaign_id, start_time, disposition, duration, billsec) values (${id}, now(), 'answered', 30, 25), (${id}, now(), 'busy', 5, 0)`;

    await api.post(`/campaigns/${id}/start`);
    await api.post(`/campaigns/${id}/pause`);
    const paused = (await api.get(`/campaigns/${id}/numbers?per_page=100`)).body.data;
    expect(paused.find((n: { phone_number: string }) => n.phone_number === "5551001")).toMatchObject({ status: "calling", attempts: 1 });
    expect((await api.del(`/numbers/${paused.find((n: { phone_number: string }) => n.phone_number === "5551001").id}`)).status).toBe(409);

    const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
    expect(stats).toMatchObject({ total: 4, pending: 2, calling: 1, answered: 1, total_calls: 2, answered_calls: 1 });

    await api.post(`/campaigns/${id}/stop`);
    const rows = (await api.get(`/campaigns/${id}/numbers?per_page=100`)).body.data as { phone_number: string; status: string; attempts: number }[];
    const by = Object.fromEntries(rows.map((n) => [n.phone_number, n]));
    expect(by["5551001"]).toMatchObject({ status: "pending", attempts: 0 });
    expect(by["5551002"]).toMatchObject({ status: "pending", attempts: 0 });
    expect(by["5551003"]).toMatchObject({ status: "answered", attempts: 1 });
    expect(by["5551004"]).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("admin session and token see the same API", () => {
  it("a session can drive campaigns too", async () => {
    const admin = await adminClient();
    expect((await admin.post("/campaigns", sampleCampaign())).status).toBe(201);
  });
});
