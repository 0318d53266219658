import { describe, expect, it } from "vitest";
import { adminClient, client, clientAs, createToken, createUser, sampleCampaign, signIn, tokenClient } from "../support/api";

const TRUNK_KEYS = ["id", "name", "type", "value", "max_channels", "max_cps", "remove_prefix", "add_prefix", "weight", "enabled", "pbx_server_id", "description", "campaigns", "live_channels", "cps", "min_asr_pct", "max_consecutive_failures", "min_samples", "probe_number", "probe_interval_sec", "created_at", "updated_at"].sort();

let seq = 0;
const uniqueName = (base = "carrier") => `${base}-${Date.now().toString(36)}-${++seq}`;

describe("trunks API", () => {
  it("creates, lists with pagination and search, gets, updates and deletes trunks", async () => {
    const api = client({ token: (await createToken()).token });
    const name = uniqueName();
    const created = await api.post("/trunks", { name, type: "pjsip", value: "carrier_a", max_channels: 30, max_cps: 10, weight: 3, description: "main carrier" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, code: 201, message: "Trunk created successfully" });
    const t = created.body.data;
    expect(Object.keys(t).sort()).toEqual(TRUNK_KEYS);
    expect(t).toMatchObject({ name, type: "pjsip", value: "carrier_a", max_channels: 30, max_cps: 10, weight: 3, enabled: true, pbx_server_id: null, campaigns: 0, live_channels: 0, cps: 0, updated_at: null });

    const other = (await api.post("/trunks", { name: uniqueName("backup"), type: "custom", value: "Local/${EXTEN}@from-trunk" })).body.data;
    expect(other).toMatchObject({ max_channels: null, max_cps: null, remove_prefix: "", add_prefix: "", weight: 1, enabled: true });

    const search = await api.get(`/trunks?search=${encodeURIComponent(name)}`);
    expect(search.status).toBe(200);
    expect(search.body.data).toEqual([t]);
    expect(search.body.pagination).toMatchObject({ total: 1, current_page: 1, per_page: 20, total_pages: 1 });
    const paged = await api.get("/trunks?per_page=1&page=1");
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.pagination.total).toBeGreaterThanOrEqual(2);

    expect((await api.get(`/trunks/${t.id}`)).body.data).toEqual(t);
    const updated = await api.put(`/trunks/${t.id}`, { max_cps: null, enabled: false });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ max_cps: null, enabled: false, max_channels: 30, weight: 3 });
    expect(updated.body.data.updated_at).toEqual(expect.any(String));
    expect((await api.get(`/trunks?enabled=0&search=${encodeURIComponent(name)}`)).body.data.map((x: { id: number }) => x.id)).toEqual([t.id]);

    expect((await api.del(`/trunks/${t.id}`)).body).toEqual({ success: true, code: 200, message: "Trunk deleted successfully" });
    expect((await api.get(`/trunks/${t.id}`)).status).toBe(404);
    expect((await api.del(`/trunks/${t.id}`)).status).toBe(404);
    expect((await api.get(`/trunks/abc`)).status).toBe(404);
    await api.del(`/trunks/${other.id}`);
  });

  it("rejects bad input with per-field errors and writes nothing", async () => {
    const api = await adminClient();
    const before = (await api.get("/audit?per_page=1")).body.pagination.total;
    const bad = await api.post("/trunks", { name: "has space", type: "isdn", value: "", max_channels: 0, max_cps: -1, weight: 0, remove_prefix: "x1", add_prefix: "9-" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors!).sort()).toEqual(["add_prefix", "max_channels", "max_cps", "name", "remove_prefix", "type", "value", "weight"]);
    const custom = await api.post("/trunks", { name: uniqueName(), type: "custom", value: "Local/555@ctx" });
    expect(custom.status).toBe(400);
    expect(custom.body.errors!.value[0]).toContain("${EXTEN}");
    const endpoint = await api.post("/trunks", { name: uniqueName(), type: "pjsip", value: "carrier/evil@x" });
    expect(endpoint.body.errors!.value).toBeDefined();
    expect((await api.post("/trunks", { name: uniqueName(), type: "pjsip", value: "x", pbx_server_id: 999999 })).body.errors).toHaveProperty("pbx_server_id");

    const name = uniqueName();
    const t = (await api.post("/trunks", { name, type: "sip", value: "carrier" })).body.data;
    expect((await api.post("/trunks", { name, type: "sip", value: "other" })).status).toBe(409);
    // Changing the type to custom needs a value that says where the number goes.
    const toCustom = await api.put(`/trunks/${t.id}`, { type: "custom" });
    expect(toCustom.status).toBe(400);
    expect(toCustom.body.errors).toHaveProperty("value");
    expect((await api.put(`/trunks/${t.id}`, {})).status).toBe(400);
    expect((await api.get(`/trunks/${t.id}`)).body.data).toMatchObject({ type: "sip", value: "carrier" });
    // One create succeeded: one audit row; none for the refusals.
    expect((await api.get("/audit?per_page=1")).body.pagination.total).toBe(before + 1);
    await api.del(`/trunks/${t.id}`);
  });

  it("assigns trunks to a campaign, refuses to delete one a running campaign uses, and audits every change", async () => {
    const { id: tokenId, token } = await createToken({ name: "trunks audited" });
    const api = client({ token });
    const admin = await adminClient();
    const a = (await api.post("/trunks", { name: uniqueName("a"), type: "pjsip", value: "a", weight: 5 })).body.data;
    const b = (await api.post("/trunks", { name: uniqueName("b"), type: "gateway", value: "b" })).body.data;
    const campaign = (await api.post("/campaigns", sampleCampaign())).body.data;

    expect((await api.get(`/campaigns/${campaign.id}/trunks`)).body.data).toEqual({ campaign_id: campaign.id, trunks: [] });
    const set = await api.put(`/campaigns/${campaign.id}/trunks`, { trunks: [{ trunk_id: a.id }, { trunk_id: b.id, weight: 2, priority: 1 }] });
    expect(set.status).toBe(200);
    expect(set.body.data.trunks).toEqual([
      { trunk_id: a.id, name: a.name, type: "pjsip", value: "a", enabled: true, weight: null, effective_weight: 5, priority: 0 },
      { trunk_id: b.id, name: b.name, type: "gateway", value: "b", enabled: true, weight: 2, effective_weight: 2, priority: 1 },
    ]);
    expect((await api.get(`/trunks/${a.id}`)).body.data.campaigns).toBe(1);

    const dup = await api.put(`/campaigns/${campaign.id}/trunks`, { trunks: [{ trunk_id: a.id }, { trunk_id: a.id }] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toHaveProperty(["trunks.1.trunk_id"]);
    const missing = await api.put(`/campaigns/${campaign.id}/trunks`, { trunks: [{ trunk_id: b.id }, { trunk_id: 999999 }] });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty(["trunks.1.trunk_id"]);
    expect((await api.put(`/campaigns/999999/trunks`, { trunks: [] })).status).toBe(404);
    expect((await api.get(`/campaigns/${campaign.id}/trunks`)).body.data.trunks).toHaveLength(2);

    expect((await api.post(`/campaigns/${campaign.id}/start`)).status).toBe(200);
    const refused = await api.del(`/trunks/${a.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("disable the trunk instead");
    // Disabling is allowed while it runs; so is changing the assignment.
    expect((await api.put(`/trunks/${a.id}`, { enabled: 0 })).status).toBe(200);
    expect((await api.put(`/campaigns/${campaign.id}/trunks`, { trunks: [{ trunk_id: b.id }] })).status).toBe(200);
    expect((await api.del(`/trunks/${a.id}`)).status).toBe(200);
    expect((await api.post(`/campaigns/${campaign.id}/stop`)).status).toBe(200);
    expect((await api.del(`/trunks/${b.id}`)).status).toBe(200);
    expect((await api.get(`/campaigns/${campaign.id}/trunks`)).body.data.trunks).toEqual([]);

    const trail = (await admin.get(`/audit?entity_type=trunk&entity_id=${a.id}`)).body.data;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(["trunk.delete", "trunk.update", "trunk.create"]);
    for (const e of trail) expect(e).toMatchObject({ auth_method: "token", token_id: tokenId });
    expect(trail[1].details).toMatchObject({ changed: ["enabled"], before: { enabled: true }, after: { enabled: false } });
    const assignments = (await admin.get(`/audit?entity_type=campaign&entity_id=${campaign.id}`)).body.data.filter((e: { action: string }) => e.action === "campaign.trunks");
    expect(assignments.map((e: { details: unknown }) => e.details)).toEqual([
      { before: [{ trunk_id: a.id, weight: null, priority: 0 }, { trunk_id: b.id, weight: 2, priority: 1 }], after: [{ trunk_id: b.id, weight: null, priority: 0 }] },
      { before: [], after: [{ trunk_id: a.id, weight: null, priority: 0 }, { trunk_id: b.id, weight: 2, priority: 1 }] },
    ]);
  });

  it("goes by token permissions and roles: supervisors see and assign trunks, only admins change them", async () => {
    const listOnly = await tokenClient(["trunks/list"]);
    expect((await listOnly.get("/trunks")).status).toBe(200);
    expect((await listOnly.post("/trunks", { name: uniqueName(), type: "pjsip", value: "x" })).status).toBe(403);
    const campaignsOnly = await tokenClient(["campaigns/*"]);
    expect((await campaignsOnly.get("/trunks")).status).toBe(403);

    const supervisor = await clientAs("supervisor");
    expect((await supervisor.get("/trunks")).status).toBe(200);
    expect((await supervisor.post("/trunks", { name: uniqueName(), type: "pjsip", value: "x" })).status).toBe(403);
    const admin = await adminClient();
    const t = (await admin.post("/trunks", { name: uniqueName(), type: "pjsip", value: "x" })).body.data;
    const campaign = (await supervisor.post("/campaigns", sampleCampaign())).body.data;
    expect((await supervisor.put(`/campaigns/${campaign.id}/trunks`, { trunks: [{ trunk_id: t.id, weight: 4 }] })).status).toBe(200);
    expect((await supervisor.put(`/trunks/${t.id}`, { weight: 9 })).status).toBe(403);
    expect((await supervisor.del(`/trunks/${t.id}`)).status).toBe(403);
    const agent = await createUser("agent");
    expect((await client({ cookie: (await signIn(agent.username, agent.password))! }).get("/trunks")).status).toBe(403);
    expect((await client().get("/trunks")).status).toBe(401);
    await admin.del(`/trunks/${t.id}`);
  });

  it("shows every trunk's live channels and CPS in /api/monitoring/dialer and is described in OpenAPI", async () => {
    const admin = await adminClient();
    const t = (await admin.post("/trunks", { name: uniqueName("mon"), type: "pjsip", value: "mon", max_channels: 7, max_cps: 3 })).body.data;
    const m = await admin.get("/monitoring/dialer");
    expect(m.status).toBe(200);
    expect(m.body.data.trunks).toContainEqual({ id: t.id, name: t.name, enabled: true, live_channels: 0, max_channels: 7, cps: 0, max_cps: 3 });
    const doc = await (await fetch(`${(await import("../support/api")).baseUrl()}/api/openapi.json`)).json();
    for (const [path, method] of [["/trunks", "get"], ["/trunks", "post"], ["/trunks/{id}", "get"], ["/trunks/{id}", "put"], ["/trunks/{id}", "delete"], ["/campaigns/{id}/trunks", "get"], ["/campaigns/{id}/trunks", "put"]]) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths["/trunks"].post.description).toContain("trunks/create");
    expect(doc.paths["/trunks"].post.requestBody.content["application/json"].schema.properties.type.enum).toEqual(["pjsip", "sip", "gateway", "custom"]);
    expect(doc.paths["/campaigns/{id}/trunks"].put.requestBody.content["application/json"].schema.required).toEqual(["trunks"]);
    await admin.del(`/trunks/${t.id}`);
  });
});
