import { describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { adminSession, baseUrl, client, createToken, sampleCampaign } from "../support/api";

function connect(opts: { token?: string; cookie?: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(baseUrl(), {
      path: "/socket.io",
      transports: ["websocket"],
      auth: opts.token ? { token: opts.token } : {},
      extraHeaders: opts.cookie ? { Cookie: opts.cookie } : undefined,
      reconnection: false,
    });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

function nextEvent<T>(socket: Socket, name: string, match: (e: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event`)), 5000);
    const handler = (e: T) => {
      if (!match(e)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(e);
    };
    socket.on(name, handler);
  });
}

describe("Socket.IO realtime", () => {
  it("refuses a handshake without valid credentials", async () => {
    await expect(connect({})).rejects.toThrow(/unauthorized/);
    await expect(connect({ token: "0".repeat(64) })).rejects.toThrow(/unauthorized/);
  });

  it("pushes campaign.update to a token client and a session client when campaigns change", async () => {
    const { token } = await createToken();
    const byToken = await connect({ token });
    const bySession = await connect({ cookie: await adminSession() });
    try {
      const api = client({ token });
      const created = nextEvent<{ campaign_id: number; change: string }>(byToken, "campaign.update", (e) => e.change === "created");
      const c = (await api.post("/campaigns", sampleCampaign())).body.data;
      expect(await created).toMatchObject({ type: "campaign.update", campaign_id: c.id, status: "stopped", change: "created" });

      const started = nextEvent<{ campaign_id: number; status: string }>(bySession, "campaign.update", (e) => e.campaign_id === c.id && e.status === "running");
      await api.post(`/campaigns/${c.id}/start`);
      expect(await started).toMatchObject({ campaign_id: c.id, change: "status" });
      await api.post(`/campaigns/${c.id}/stop`);
    } finally {
      byToken.close();
      bySession.close();
    }
  });
});
