import { describe, expect, it } from "vitest";
import { adminClient, client, clientAs, createToken, sampleCampaign, tokenClient } from "../support/api";

describe("audit log", () => {
  it("records who changed what, how they authenticated, and from where", async () => {
    const { id: tokenId, token } = await createToken({ name: "audited" });
    const api = client({ token });
    const c = (await api.post("/campaigns", sampleCampaign({ name: "Audited" }))).body.data;
    await api.put(`/campaigns/${c.id}`, { concurrent_calls: 3 });
    await api.post(`/campaigns/${c.id}/numbers/bulk`, { numbers: [{ phone_number: "5553001" }, { phone_number: "5553002" }] });
    await api.post(`/campaigns/${c.id}/start`);

    const admin = await adminClient();
    const log = await admin.get(`/audit?entity_type=campaign&entity_id=${c.id}`);
    expect(log.status).toBe(200);
    const actions = log.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(["campaign.start", "number.bulk_create", "campaign.update", "campaign.create"]);
    for (const e of log.body.data) {
      expect(e).toMatchObject({ username: "admin", auth_method: "token", token_id: tokenId, ip: "127.0.0.1" });
      expect(e.created_at).toMatch(/^\d{4}-/);
    }
    const update = log.body.data.find((e: { action: string }) => e.action === "campaign.update");
    expect(update.details.changed).toEqual(["concurrent_calls"]);
    expect(update.details.before.concurrent_calls).toBe(1);
    expect(update.details.after.concurrent_calls).toBe(3);
    expect(log.body.data.find((e: { action: string }) => e.action === "number.bulk_create").details.count).toBe(2);

    await admin.post(`/campaigns/${c.id}/stop`);
    const bySession = (await admin.get(`/audit?entity_type=campaign&entity_id=${c.id}`)).body.data[0];
    expect(bySession).toMatchObject({ action: "campaign.stop", auth_method: "session", token_id: null, details: { from: "running", to: "stopped" } });
  });

  it("writes nothing for a refused change, and never stores secrets", async () => {
    const admin = await adminClient();
    const before = (await admin.get("/audit?per_page=1")).body.pagination.total;
    expect((await admin.post("/campaigns", { name: "" })).status).toBe(400);
    expect((await admin.post(`/campaigns/999999/start`)).status).toBe(404);
    expect((await admin.get("/audit?per_page=1")).body.pagination.total).toBe(before);

    const created = await admin.post("/users", { username: `secret${Date.now()}`, password: "super-secret-pass", email: "s@example.com" });
    const t = await admin.post("/tokens", { name: "secret-token" });
    const entries = JSON.stringify((await admin.get("/audit?per_page=100")).body.data);
    expect(entries).toContain(`"entity_id":"${created.body.data.id}"`);
    expect(entries).not.toContain("super-secret-pass");
    expect(entries).not.toContain(t.body.data.token);
  });

  it("is admin only, and needs audit permission on a token", async () => {
    const supervisor = await clientAs("supervisor");
    expect((await supervisor.get("/audit")).status).toBe(403);
    const narrow = await tokenClient(["campaigns/*"]);
    expect((await narrow.get("/audit")).status).toBe(403);
    const wide = await tokenClient(["audit/list"]);
    expect((await wide.get("/audit")).status).toBe(200);
  });
});
