import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, adminSession, baseUrl, clientAs, sampleCampaign, tokenClient, type Client } from "../support/api";
import { waitFor } from "../support/dialer";
import { webhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Webhooks on the shared server: the subscriptions API refuses bad input and writes nothing, keeps
 * the secret to itself after the one reply that shows it, and a campaign's status change reaches
 * a real receiver signed, logged as delivered, and sent again on replay.
 */
describe("webhooks", () => {
  let admin: Client;
  let hook: WebhookReceiver;
  beforeAll(async () => {
    admin = await adminClient();
    hook = await webhookReceiver();
  });
  afterAll(() => hook?.close());

  const count = async () => (await admin.get("/webhooks")).body.data.length as number;

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const before = await count();
    const good = { name: "Bad input", url: "https://example.com/hook", event_types: ["call.finished"] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, url: "ftp://example.com/hook" }, "url"],
      [{ ...good, url: "not a url" }, "url"],
      [{ ...good, url: "javascript:alert(1)" }, "url"],
      [{ ...good, url: "https://user:pw@example.com/hook" }, "url"],
      [{ ...good, url: "" }, "url"],
      [{ ...good, event_types: ["call.exploded"] }, "event_types.0"],
      [{ ...good, event_types: [] }, "event_types"],
      [{ ...good, event_types: "call.finished" }, "event_types"],
      [{ ...good, name: "" }, "name"],
      [{ url: good.url, event_types: good.event_types }, "name"],
      [{ ...good, is_active: "maybe" }, "is_active"],
    ];
    for (const [body, field] of cases) {
      const r = await admin.post("/webhooks", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.success).toBe(false);
      expect(Object.keys(r.body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await admin.postRaw("/webhooks", "{not json")).status).toBe(400);
    expect(await count()).toBe(before);

    const created = await admin.post("/webhooks", good);
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    for (const body of [{ url: "gopher://x" }, { event_types: ["nope"] }, {}, { name: "" }]) {
      const r = await admin.put(`/webhooks/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const after = (await admin.get(`/webhooks/${id}`)).body.data;
    expect(after).toMatchObject({ name: good.name, url: good.url, event_types: good.event_types, updated_at: null });
    for (const path of ["/webhooks/999999", "/webhooks/abc", "/webhooks/999999/deliveries", "/webhooks/0"]) expect((await admin.get(path)).status, path).toBe(404);
    expect((await admin.post(`/webhooks/${id}/deliveries/999999/replay`)).status).toBe(404);
    expect((await admin.get(`/webhooks/${id}/deliveries?status=sideways`)).status).toBe(400);
    expect((await admin.del(`/webhooks/${id}`)).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it("is for admins and supervisors, and for tokens with the webhooks scopes", async () => {
    const agent = await clientAs("agent");
    expect((await agent.get("/webhooks")).status).toBe(403);
    expect((await (await clientAs("supervisor")).get("/webhooks")).status).toBe(200);
    const reader = await tokenClient(["webhooks/read"]);
    expect((await reader.get("/webhooks")).status).toBe(200);
    const before = await count();
    expect((await reader.post("/webhooks", { name: "x", url: "https://example.com/h", event_types: ["call.finished"] })).status).toBe(403);
    expect(await count()).toBe(before);
    const writer = await tokenClient(["webhooks/*"]);
    const made = await writer.post("/webhooks", { name: "by token", url: "https://example.com/h", event_types: ["import.finished"], is_active: 0 });
    expect(made.status).toBe(201);
    expect((await writer.del(`/webhooks/${made.body.data.id}`)).status).toBe(200);
    expect((await (await tokenClient(["campaigns/*"])).get("/webhooks")).status).toBe(403);
  });

  it("shows the secret once, delivers a signed event, logs it, and replays it", { timeout: 60_000 }, async () => {
    const created = await admin.post("/webhooks", { name: "Campaign watcher", url: hook.url, event_types: ["campaign.status_changed"] });
    expect(created.status).toBe(201);
    const sub = created.body.data;
    expect(sub.secret).toMatch(/^whsec_/);
    expect(sub.secret_hint).toBe(`…${sub.secret.slice(-4)}`);
    hook.useSecret(sub.secret);
    // Never again: not in the list, the record, nor the audit log.
    for (const path of ["/webhooks", `/webhooks/${sub.id}`, `/audit?entity_type=webhook&entity_id=${sub.id}`]) {
      const r = await admin.get(path);
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(sub.secret);
    }

    const campaign = (await admin.post("/campaigns", sampleCampaign())).body.data;
    expect((await admin.post(`/campaigns/${campaign.id}/start`)).status).toBe(200);
    const got = await waitFor("the start event at the receiver", async () => hook.of("campaign.status_changed").find((r) => r.json.data.campaign_id === campaign.id), 20_000);
    expect(got.signatureValid).toBe(true);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["x-pacer-event"]).toBe("campaign.status_changed");
    expect(got.json).toMatchObject({ type: "campaign.status_changed", data: { campaign_id: campaign.id, name: campaign.name, from: "stopped", to: "running", cause: "command" } });
    expect(got.json.id).toMatch(/^[0-9a-f-]{36}$/);

    const delivered = await waitFor("the delivery logged as delivered", async () => {
      const rows = (await admin.get(`/webhooks/${sub.id}/deliveries?status=delivered`)).body.data as any[];
      return rows.find((d) => d.event_id === got.json.id);
    });
    expect(delivered).toMatchObject({ status: "delivered", attempts: 1, response_code: 200, last_error: null, event_type: "campaign.status_changed", next_attempt_at: null });
    expect(delivered.delivered_at).not.toBeNull();
    expect(String(got.headers["x-pacer-delivery"])).toBe(String(delivered.id));
    expect((await admin.get(`/webhooks/${sub.id}`)).body.data.deliveries).toMatchObject({ delivered: 1, failed: 0 });

    const replay = await admin.post(`/webhooks/${sub.id}/deliveries/${delivered.id}/replay`);
    expect(replay.status).toBe(202);
    const again = await waitFor("the replayed event at the receiver", async () => {
      const same = hook.received.filter((r) => r.json?.id === got.json.id);
      return same.length === 2 && same[1];
    }, 20_000);
    expect(again.signatureValid).toBe(true);
    expect(again.json).toEqual(got.json);
    await waitFor("the replay logged", async () => {
      const d = (await admin.get(`/webhooks/${sub.id}/deliveries`)).body.data.find((x: any) => x.id === delivered.id);
      return d.status === "delivered" && d;
    });
    const replays = (await admin.get(`/audit?entity_type=webhook&entity_id=${sub.id}`)).body.data.filter((a: any) => a.action === "webhook.replay");
    expect(replays).toHaveLength(1);

    // An inactive subscription gets nothing new; rotating gives a new secret, once.
    expect((await admin.put(`/webhooks/${sub.id}`, { is_active: 0 })).body.data.is_active).toBe(0);
    expect((await admin.post(`/campaigns/${campaign.id}/pause`)).status).toBe(200);
    const rotated = await admin.post(`/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(sub.secret);
    expect((await admin.get(`/webhooks/${sub.id}/deliveries`)).body.pagination.total).toBe(1);
    expect((await admin.post(`/campaigns/${campaign.id}/stop`)).status).toBe(200);
    expect((await admin.del(`/webhooks/${sub.id}`)).status).toBe(200);
  });

  it("is in /api/openapi.json, and no webhook route answers garbage with a 5xx", async () => {
    const doc = await (await fetch(`${baseUrl()}/api/openapi.json`)).json();
    const routes: [string, string][] = [
      ["/webhooks", "get"], ["/webhooks", "post"], ["/webhooks/{id}", "get"], ["/webhooks/{id}", "put"], ["/webhooks/{id}", "delete"],
      ["/webhooks/{id}/rotate-secret", "post"], ["/webhooks/{id}/deliveries", "get"], ["/webhooks/{id}/deliveries/{deliveryId}/replay", "post"],
    ];
    for (const [path, method] of routes) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const create = doc.paths["/webhooks"].post;
    expect(create.description).toContain("webhooks/write");
    expect(doc.paths["/webhooks"].get.description).toContain("webhooks/read");
    expect(create.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["name", "url", "event_types"]));
    expect(JSON.stringify(create.requestBody.content["application/json"].schema.properties.event_types)).toContain("campaign.abandon_cap_reached");

    const before = await count();
    const garbage = ['{"name": [1], "url": {}, "event_types": [null]}', "[]", '"x"', "null", "{".repeat(50)];
    for (const [path, method] of routes) {
      for (const id of ["0", "-1", "9999999999", "x"]) {
        const url = path.replace("{id}", id).replace("{deliveryId}", id);
        for (const raw of method === "post" || method === "put" ? garbage : [undefined]) {
          const res = await fetch(`${baseUrl()}/api${url}${method === "get" ? "?status=x&page=-1&per_page=abc" : ""}`, {
            method: method.toUpperCase(),
            headers: { Cookie: await adminSession(), "Content-Type": "application/json" },
            body: raw,
          });
          expect(res.status, `${method} ${url} ${raw}`).toBeLessThan(500);
          if (path !== "/webhooks" || method !== "get") expect(res.status, `${method} ${url} ${raw}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
    expect(await count()).toBe(before);
  });
});
