import { describe, expect, it } from "vitest";
import { client, createToken, sampleCampaign, tokenClient } from "../support/api";

describe("monitoring", () => {
  it("reports the database, the PBX connection (the built-in simulator) and live counts", async () => {
    const api = client({ token: (await createToken()).token });
    const { id } = (await api.post("/campaigns", sampleCampaign())).body.data;
    const before = (await api.get("/monitoring/status")).body.data.active_campaigns;
    await api.post(`/campaigns/${id}/start`);
    const r = await api.get("/monitoring/status");
    expect(r.status).toBe(200);
    expect(r.body.message).toBe("System status retrieved successfully");
    expect(Object.keys(r.body.data).sort()).toEqual(["active_campaigns", "active_channels", "asterisk", "database", "timestamp"]);
    expect(r.body.data).toMatchObject({ asterisk: true, database: true, active_channels: 0, active_campaigns: before + 1 });
    expect(r.body.data.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await api.post(`/campaigns/${id}/stop`);
    expect((await api.get("/monitoring/status")).body.data.active_campaigns).toBe(before);
  });

  it("lists channels and the realtime snapshot in the documented shapes", async () => {
    const api = await tokenClient(["monitoring/*", "campaigns/*"]);
    const ch = await api.get("/monitoring/channels");
    expect(ch.body).toEqual({ success: true, code: 200, message: "Active channels retrieved successfully", data: { channels: [], count: 0 } });

    const { id, name } = (await api.post("/campaigns", sampleCampaign())).body.data;
    await api.post(`/campaigns/${id}/numbers`, { phone_number: "5552020" });
    await api.post(`/campaigns/${id}/start`);
    const rt = await api.get("/monitoring/realtime");
    expect(rt.body.message).toBe("Real-time data retrieved successfully");
    expect(Object.keys(rt.body.data).sort()).toEqual(["campaigns", "channel_count", "channels", "timestamp", "today_stats"]);
    const mine = rt.body.data.campaigns.find((c: { id: number }) => c.id === id);
    expect(mine).toMatchObject({ id, name, status: "running", stats: { total: 1, pending: 1 } });
    expect(rt.body.data.today_stats).toEqual({ total_calls: expect.any(Number), answered: expect.any(Number), no_answer: expect.any(Number), busy: expect.any(Number), failed: expect.any(Number) });
    expect(rt.body.data.channel_count).toBe(0);
    await api.post(`/campaigns/${id}/stop`);
    const after = await api.get("/monitoring/realtime");
    expect(after.body.data.campaigns.find((c: { id: number }) => c.id === id)).toBeUndefined();
  });
});

describe("monitoring live PBX channels", () => {
  it("lists the PBX's live channels in the contract's shape", async () => {
    const admin = client({ token: (await createToken()).token });
    const sim = (await admin.get("/pbx")).body.data.simulator;
    expect(sim.running).toBe(true);
    const ari = (path: string, method = "POST") =>
      fetch(`${sim.ari_url}/ari${path}`, { method, headers: { Authorization: `Basic ${Buffer.from("pacer:pacer").toString("base64")}` } });
    const created = await ari(`/channels?endpoint=PJSIP%2F100%40agents&app=monitor-test&callerId=5551000&channelId=monitor-live-1`);
    expect(created.status).toBe(200);
    try {
      const r = await admin.get("/monitoring/channels");
      const live = r.body.data.channels.find((c: { id: string }) => c.id === "monitor-live-1");
      expect(live).toMatchObject({ id: "monitor-live-1", caller: { number: "5551000" }, connected: { name: "", number: "5551000" } });
      expect(Object.keys(live).sort()).toEqual(["caller", "connected", "creationtime", "id", "state"]);
      expect(live.creationtime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      expect(r.body.data.count).toBe(r.body.data.channels.length);
      expect((await admin.get("/monitoring/status")).body.data.active_channels).toBeGreaterThanOrEqual(1);
    } finally {
      await ari("/channels/monitor-live-1", "DELETE");
    }
    expect((await admin.get("/monitoring/channels")).body.data.channels.some((c: { id: string }) => c.id === "monitor-live-1")).toBe(false);
  });
});
