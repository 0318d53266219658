import { describe, expect, it } from "vitest";
import { client, createToken, sampleCampaign } from "../support/api";

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
    const api = client({ token: (await createToken({ permissions: ["monitoring/*", "campaigns/*"] })).token });
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
