import { afterAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../sim/simulator";
import { AriDriver } from "./ari-driver";

/**
 * ari-client signs REST requests with one process-wide password (its swagger client's global
 * authorizations): each connect overwrote it, so a second Asterisk, or a "Test connection" with a
 * wrong password, broke every other connection's requests. Each server now gets its own.
 */
describe("ARI credentials per server", () => {
  const sims: RunningSimulator[] = [];
  const drivers: AriDriver[] = [];
  afterAll(async () => {
    for (const d of drivers) await d.close();
    for (const s of sims) await s.close();
  });

  const driver = (sim: RunningSimulator, password: string, app: string) => {
    const d = new AriDriver({ url: sim.ariUrl, username: sim.username, password, app, reconnect: { initialMs: 60_000, maxMs: 60_000 } });
    d.on("error", () => {});
    drivers.push(d);
    return d;
  };

  it("keeps each connection's own password when another connects, with the same or a wrong one", async () => {
    const a = await startSimulator({ ariPort: 0, eslPort: 0, password: "alpha-secret" });
    const b = await startSimulator({ ariPort: 0, eslPort: 0, password: "beta-secret" });
    sims.push(a, b);
    const da = driver(a, "alpha-secret", "pacer-a");
    await da.connect();
    const db = driver(b, "beta-secret", "pacer-b");
    await db.connect();
    // A settings-page test of a third server with a wrong password: it fails, and changes nothing for the others.
    const c = await startSimulator({ ariPort: 0, eslPort: 0, password: "gamma-secret" });
    sims.push(c);
    const wrong = driver(c, "not-the-password", "pacer-c");
    await expect(wrong.connect()).rejects.toThrow();

    await expect(da.listChannels()).resolves.toEqual([]);
    await expect(db.listChannels()).resolves.toEqual([]);
    await da.originate({ channelId: "cred-test-1", endpoint: "PJSIP/15550001@carrier", callerId: "100", ringTimeoutSec: 30, onAnswer: { kind: "control" } });
    expect(a.engine.callLog.map((x) => x.number)).toContain("15550001");
    await da.hangup("cred-test-1").catch(() => {});
    await wrong.close();
    await expect(db.listChannels()).resolves.toEqual([]);
  });
});
