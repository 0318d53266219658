import { describe, expect, it } from "vitest";
import { adminClient, clientAs, sampleCampaign, type Client } from "../support/api";

/** Queues and tiers over the API: shapes, audit, and bad input refused with nothing written. */

const auditTotal = async (api: Client) => (await api.get("/audit?per_page=1")).body.pagination.total as number;
const unique = (head: string) => `${head}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

describe("queues API", () => {
  it("creates a queue, adds and removes tiers, changes and deletes it, each change audited", async () => {
    const api = await adminClient();
    const before = await auditTotal(api);
    const name = unique("sales");
    const created = await api.post("/queues", {
      name,
      strategy: "round-robin",
      moh: "local_stream://moh",
      tier_rules: { apply: true, wait_second: 15, wait_multiply_level: true },
      wrap_up_sec: 3,
      no_answer_delay_sec: 2,
    });
    expect(created.status).toBe(201);
    const q = created.body.data;
    expect(q).toMatchObject({
      name,
      strategy: "round-robin",
      moh: "local_stream://moh",
      tier_rules: { apply: true, wait_second: 15, wait_multiply_level: true },
      wrap_up_sec: 3,
      no_answer_delay_sec: 2,
      tier_count: 0,
      campaigns: [],
      tiers: [],
    });

    const agentName = unique("qa");
    const agent = (await api.post("/agents", { name: agentName, extension: "2901" })).body.data;
    // By name, as mod_callcenter's tiers name agents, or by id.
    const tier = await api.post(`/queues/${q.id}/tiers`, { agent: agentName, level: 2, position: 3 });
    expect(tier.status).toBe(201);
    expect(tier.body.data).toMatchObject({ queue_id: q.id, agent_id: agent.id, agent_name: agentName, level: 2, position: 3, agent_state: "logged_out" });
    expect((await api.post(`/queues/${q.id}/tiers`, { agent: agent.id })).status).toBe(409);
    expect((await api.get(`/queues/${q.id}/tiers`)).body.data).toHaveLength(1);

    const patched = await api.patch(`/queues/${q.id}`, { strategy: "fewest-calls", tier_rules: { apply: false } });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ strategy: "fewest-calls", tier_rules: { apply: false, wait_second: 15 }, tier_count: 1 });
    expect(patched.body.data.tiers).toHaveLength(1);

    // A campaign routes to it: it cannot be deleted while so.
    const campaign = (await api.post("/campaigns", sampleCampaign({ dial_mode: "progressive", queue_id: q.id }))).body.data;
    expect(campaign.queue_id).toBe(q.id);
    const list = (await api.get("/queues")).body.data as any[];
    expect(list.find((x) => x.id === q.id)).toMatchObject({ tier_count: 1, campaigns: [{ id: campaign.id, name: campaign.name }] });
    expect((await api.del(`/queues/${q.id}`)).status).toBe(409);
    // An agent not in the queue cannot log in to the campaign.
    const outsider = (await api.post("/agents", { name: unique("qb"), extension: "2902" })).body.data;
    const refused = await api.post(`/agents/${outsider.id}/login`, { campaign_id: campaign.id });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/not in the queue/);

    expect((await api.put(`/campaigns/${campaign.id}`, { queue_id: null })).body.data.queue_id).toBeNull();
    expect((await api.del(`/queues/${q.id}/tiers/${agent.id}`)).status).toBe(200);
    expect((await api.del(`/queues/${q.id}/tiers/${agent.id}`)).status).toBe(404);
    expect((await api.del(`/queues/${q.id}`)).status).toBe(200);
    expect((await api.get(`/queues/${q.id}`)).status).toBe(404);

    const audit = (await api.get("/audit?per_page=100")).body.data as any[];
    const actions = audit.filter((a) => a.entity_type === "queue" && String(a.entity_id) === String(q.id)).map((a) => a.action);
    expect(actions.sort()).toEqual(["queue.create", "queue.delete", "queue.tier_add", "queue.tier_remove", "queue.update"]);
    expect(await auditTotal(api)).toBeGreaterThan(before);
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const api = await adminClient();
    const q = (await api.post("/queues", { name: unique("support") })).body.data;
    expect(q).toMatchObject({ strategy: "longest-idle-agent", wrap_up_sec: 10, no_answer_delay_sec: 0, tier_rules: { apply: false, wait_second: 0, wait_multiply_level: false } });
    const queuesBefore = (await api.get("/queues")).body.data.length;
    const auditBefore = await auditTotal(api);
    const bad: [string, Record<string, unknown>, string][] = [
      ["/queues", {}, "name"],
      ["/queues", { name: "has space" }, "name"],
      ["/queues", { name: unique("x"), strategy: "random-ish" }, "strategy"],
      ["/queues", { name: unique("x"), wrap_up_sec: -1 }, "wrap_up_sec"],
      ["/queues", { name: unique("x"), no_answer_delay_sec: 1.5 }, "no_answer_delay_sec"],
      ["/queues", { name: unique("x"), tier_rules: { wait_second: "soon" } }, "tier_rules.wait_second"],
      ["/queues", { name: unique("x"), tier_rules: 5 }, "tier_rules"],
      ["/queues", { name: unique("x"), moh: "two words" }, "moh"],
      [`/queues/${q.id}/tiers`, {}, "agent"],
      [`/queues/${q.id}/tiers`, { agent: "nobody-by-this-name" }, "agent"],
      [`/queues/${q.id}/tiers`, { agent: 1, level: 0 }, "level"],
      [`/queues/${q.id}/tiers`, { agent: 1, position: "first" }, "position"],
    ];
    for (const [path, body, field] of bad) {
      const r = await api.post(path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys(r.body.errors ?? {}), `${path} ${JSON.stringify(body)}`).toContain(field);
    }
    expect((await api.patch(`/queues/${q.id}`, {})).status).toBe(400);
    expect((await api.patch(`/queues/${q.id}`, { strategy: "fastest" })).status).toBe(400);
    expect((await api.post("/queues", { name: q.name })).status).toBe(409);
    expect((await api.post(`/queues/999999/tiers`, { agent: 1 })).status).toBe(404);
    const badCampaign = await api.post("/campaigns", sampleCampaign({ queue_id: 999999 }));
    expect(badCampaign.status).toBe(400);
    expect(Object.keys(badCampaign.body.errors ?? {})).toContain("queue_id");
    expect((await api.post("/campaigns", sampleCampaign({ queue_id: "sales" }))).status).toBe(400);

    const agent = (await api.post("/agents", { name: unique("qs"), extension: "2903" })).body.data;
    const auditMid = await auditTotal(api);
    for (const body of [{}, { status: "Busy" }, { status: "available" }, { status: "Available", reason: "lunch" }, { status: "On Break", reason: "nap" }]) {
      const r = await api.patch(`/agents/${agent.id}/state`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    // Logged out: only Logged Out is accepted (and changes nothing).
    expect((await api.patch(`/agents/${agent.id}/state`, { status: "Available" })).status).toBe(409);
    expect((await api.patch(`/agents/${agent.id}/state`, { status: "Wrapup" })).status).toBe(409);
    const out = await api.patch(`/agents/${agent.id}/state`, { status: "Logged Out" });
    expect(out.status).toBe(200);
    expect(out.body.data).toMatchObject({ state: "logged_out", requested_state: null });
    expect(await auditTotal(api)).toBe(auditMid);

    expect((await api.get("/queues")).body.data.length).toBe(queuesBefore);
    // Only the agent's creation was written since.
    expect(await auditTotal(api)).toBe(auditBefore + 1);
  });

  it("lets supervisors manage queues and agents read none of them", async () => {
    const supervisor = await clientAs("supervisor");
    const created = await supervisor.post("/queues", { name: unique("sup") });
    expect(created.status).toBe(201);
    const agent = await clientAs("agent");
    expect((await agent.get("/queues")).status).toBe(403);
    expect((await agent.post("/queues", { name: unique("ag") })).status).toBe(403);
    expect((await agent.post(`/queues/${created.body.data.id}/tiers`, { agent: 1 })).status).toBe(403);
  });

  it("is described in /api/openapi.json with permissions and roles", async () => {
    const api = await adminClient();
    const doc = (await api.get("/openapi.json")).body as any;
    const paths = doc.paths ?? doc.data?.paths;
    expect(paths["/queues"].post["x-permission"]).toBe("queues/create");
    expect(paths["/queues/{id}"].patch["x-permission"]).toBe("queues/update");
    expect(paths["/queues/{id}/tiers"].post["x-permission"]).toBe("queues/tiers_update");
    expect(paths["/queues/{id}/tiers/{agentId}"].delete["x-roles"]).toEqual(["admin", "supervisor"]);
    expect(paths["/agents/{id}/state"].patch["x-permission"]).toBe("agents/state");
  });
});
