import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/server-process";
import { allPages, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";
import type { Client } from "../support/api";
import { webhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Webhook delivery on a Pacer of its own (short retry delays, few attempts): a receiver that is
 * down, then failing, then up gets the event in the end; one that stays down ends failed and is
 * replayed; the dialer's calls, an import and a campaign completing reach a receiver; and deliveries
 * pending when Pacer stops go out after it starts again.
 */
const ENV = { WEBHOOK_RETRY_BASE_MS: "1000", WEBHOOK_MAX_ATTEMPTS: "5", WEBHOOK_TIMEOUT_MS: "2000" };

describe("webhook delivery", () => {
  let rig: DialerRig;
  let api: Client;
  let cookie: string;
  let base: string;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (port?: number, delayMs?: number) => {
    const r = await webhookReceiver({ port, delayMs });
    receivers.push(r);
    return r;
  };
  const subscribe = async (url: string, eventTypes: string[]) => {
    const r = await api.post("/webhooks", { name: `hook ${Math.random().toString(36).slice(2, 7)}`, url, event_types: eventTypes });
    expect(r.status).toBe(201);
    return r.body.data as { id: number; secret: string };
  };
  const deliveries = async (subId: number) => (await api.get(`/webhooks/${subId}/deliveries?per_page=100`)).body.data as any[];

  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 21 });
    ({ api, cookie, server: { url: base } } = await rig.start({ env: ENV }));
  }, 240_000);
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await rig?.close();
  });

  let campaignId: number;

  it("retries a receiver that is down, then answering 500, until it takes the event; one that stays down ends failed, and replay sends it", { timeout: 120_000 }, async () => {
    const laterPort = await freePort();
    const deadPort = await freePort();
    const later = await subscribe(`http://127.0.0.1:${laterPort}/hooks`, ["campaign.status_changed"]);
    const dead = await subscribe(`http://127.0.0.1:${deadPort}/hooks`, ["campaign.status_changed"]);
    // The cloud metadata address: refused by the default WEBHOOK_DENY_NETWORKS, at once and for good.
    const metadata = await subscribe("http://169.254.169.254/latest/meta-data/", ["campaign.status_changed"]);
    const campaign = await api.post("/campaigns", dialerCampaign("Webhook retries", { schedule: { from: "2099-01-01" } }));
    campaignId = campaign.body.data.id;
    expect((await api.post(`/campaigns/${campaignId}/start`)).status).toBe(200);

    const waiting = await waitFor("two refused attempts", async () => {
      const [d] = await deliveries(later.id);
      return d?.attempts >= 2 && d;
    }, 30_000, 100);
    expect(waiting).toMatchObject({ status: "pending", response_code: null });
    expect(waiting.last_error).toMatch(/could not connect/);
    expect(waiting.next_attempt_at).not.toBeNull();
    expect(waiting.next_attempt_at >= waiting.last_attempt_at).toBe(true);
    const [refused] = await deliveries(metadata.id);
    expect(refused).toMatchObject({ status: "failed", attempts: 1, response_code: null, next_attempt_at: null });
    expect(refused.last_error).toMatch(/169\.254\.169\.254 is in a denied network/);

    const up = await receiver(laterPort);
    up.useSecret(later.secret);
    up.replyWith((n) => (n === 0 ? 500 : 204));
    const done = await waitFor("delivered after the retries", async () => {
      const [d] = await deliveries(later.id);
      return d?.status === "delivered" && d;
    }, 60_000);
    expect(done).toMatchObject({ response_code: 204, last_error: null });
    expect(done.attempts).toBeGreaterThanOrEqual(4);
    expect(up.received.map((r) => r.status)).toEqual([500, 204]);
    for (const r of up.received) expect(r.signatureValid).toBe(true);
    expect(up.received[0].json.id).toBe(up.received[1].json.id);

    const failed = await waitFor("the dead receiver's delivery failed", async () => {
      const [d] = await deliveries(dead.id);
      return d?.status === "failed" && d;
    }, 60_000);
    expect(failed.attempts).toBe(Number(ENV.WEBHOOK_MAX_ATTEMPTS));
    expect(failed.next_attempt_at).toBeNull();
    expect((await api.get(`/webhooks/${dead.id}`)).body.data.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });

    const revived = await receiver(deadPort);
    revived.useSecret(dead.secret);
    expect((await api.post(`/webhooks/${dead.id}/deliveries/${failed.id}/replay`)).status).toBe(202);
    const replayed = await waitFor("the replayed delivery", async () => {
      const [d] = await deliveries(dead.id);
      return d?.status === "delivered" && d;
    }, 20_000);
    expect(replayed.attempts).toBe(1);
    expect(revived.received).toHaveLength(1);
    expect(revived.received[0].signatureValid).toBe(true);
    expect(revived.received[0].json).toMatchObject({ type: "campaign.status_changed", data: { campaign_id: campaignId, to: "running" } });
    for (const id of [later.id, dead.id, metadata.id]) expect((await api.put(`/webhooks/${id}`, { is_active: false })).status).toBe(200);
  });

  it("sends an import's end, every call's record and the campaign's completion", { timeout: 180_000 }, async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url, ["call.finished", "import.finished", "campaign.status_changed"]);
    hook.useSecret(sub.secret);
    const campaign = (await api.post("/campaigns", dialerCampaign("Webhook calls", { concurrent_calls: 5 }))).body.data;
    const list = (await api.post("/lists", { name: "Webhook list", campaign_id: campaign.id })).body.data;
    const numbers = Array.from({ length: 6 }, (_, i) => `1555${String(8_100_000 + i)}`);
    const res = await fetch(`${base}/api/lists/${list.id}/import`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "text/csv" }, body: ["phone", ...numbers].join("\n") });
    expect(res.status).toBe(202);
    const imported = await waitFor("import.finished", async () => hook.of("import.finished").find((r) => r.json.data.list_id === list.id), 30_000);
    expect(imported.json.data).toMatchObject({ status: "completed", inserted: numbers.length, rows_done: numbers.length });

    expect((await api.post(`/campaigns/${campaign.id}/start`)).status).toBe(200);
    const completed = await waitFor("the campaign completed", async () => hook.of("campaign.status_changed").find((r) => r.json.data.campaign_id === campaign.id && r.json.data.to === "completed"), 120_000, 500);
    expect(completed.json.data).toMatchObject({ from: "running", cause: "completed", user_id: null });
    const cdr = await allPages(api, `/cdr?campaign_id=${campaign.id}`);
    const calls = await waitFor("a call.finished per record", async () => {
      const got = hook.of("call.finished").filter((r) => r.json.data.campaign_id === campaign.id);
      return got.length >= cdr.length && got;
    }, 30_000);
    expect(calls.map((r) => r.json.data.id).sort((a, b) => a - b)).toEqual(cdr.map((c) => c.id).sort((a, b) => a - b));
    expect(new Set(calls.map((r) => r.json.data.destination))).toEqual(new Set(numbers));
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
    expect((await api.get(`/webhooks/${sub.id}`)).body.data.deliveries).toEqual({ pending: 0, delivered: hook.received.length, failed: 0 });
    expect((await api.put(`/webhooks/${sub.id}`, { is_active: false })).status).toBe(200);
  });

  it("delivers after a restart what was still pending when Pacer stopped", { timeout: 240_000 }, async () => {
    const port = await freePort();
    const sub = await subscribe(`http://127.0.0.1:${port}/hooks`, ["campaign.status_changed"]);
    expect((await api.post(`/campaigns/${campaignId}/pause`)).status).toBe(200);
    expect((await api.post(`/campaigns/${campaignId}/resume`)).status).toBe(200);
    await waitFor("both events tried once", async () => {
      const ds = await deliveries(sub.id);
      return ds.length === 2 && ds.every((d) => d.attempts >= 1 && d.status === "pending") && ds;
    }, 30_000, 100);
    expect(await rig.pacers[0].stop()).toBe(0);

    const hook = await receiver(port);
    hook.useSecret(sub.secret);
    ({ api } = await rig.start({ env: ENV }));
    const done = await waitFor("both delivered after the restart", async () => {
      const ds = await deliveries(sub.id);
      return ds.every((d) => d.status === "delivered") && ds;
    }, 60_000);
    expect(done).toHaveLength(2);
    expect(hook.received.map((r) => r.json.data.to).sort()).toEqual(["paused", "running"]);
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
  });

  // PGlite is one process's: sharing the outbox between processes needs PostgreSQL.
  it.skipIf(!process.env.DATABASE_URL)("never sends one delivery twice when two Pacer processes share the outbox", { timeout: 180_000 }, async () => {
    const second = await rig.start({ env: ENV });
    // A slow receiver keeps deliveries in flight while the other process claims.
    const hook = await receiver(undefined, 30);
    const subs: { id: number; secret: string }[] = [];
    for (let i = 0; i < 20; i++) subs.push(await subscribe(`${hook.url}?sub=${i}`, ["campaign.status_changed"]));
    for (const command of ["pause", "resume", "pause", "resume"]) expect((await second.api.post(`/campaigns/${campaignId}/${command}`)).status).toBe(200);
    const expected = subs.length * 4;
    await waitFor("every delivery made", async () => {
      const counts = await Promise.all(subs.map(async (s) => (await api.get(`/webhooks/${s.id}`)).body.data.deliveries.delivered as number));
      return counts.reduce((a, b) => a + b, 0) === expected;
    }, 90_000, 300);
    const ids = hook.received.map((r) => String(r.headers["x-pacer-delivery"]));
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
  });
});
