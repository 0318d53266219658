import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDialerMetrics } from "./dialer-port";

describe("METRICS_PORT (npm run dialer)", () => {
  const saved = process.env.METRICS_ALLOW;
  let server: Awaited<ReturnType<typeof serveDialerMetrics>>;
  let base: string;
  beforeAll(async () => {
    server = await serveDialerMetrics(0, "127.0.0.1");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    if (saved === undefined) delete process.env.METRICS_ALLOW;
    else process.env.METRICS_ALLOW = saved;
  });

  it("serves GET /metrics to METRICS_ALLOW addresses only", async () => {
    process.env.METRICS_ALLOW = "127.0.0.0/8";
    const ok = await fetch(`${base}/metrics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await ok.text();
    expect(text).toContain("# TYPE pacer_dialer_originates_total counter");
    expect(text).toMatch(/^pacer_dialer_up 0$/m);
    expect((await fetch(`${base}/other`)).status).toBe(404);

    process.env.METRICS_ALLOW = "10.0.0.0/8";
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Forbidden: this address is not in METRICS_ALLOW\n");
    delete process.env.METRICS_ALLOW;
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
  });
});
