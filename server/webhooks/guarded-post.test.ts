import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeniedDestinationError, guardedPost, isDenied, parseDeniedNetworks } from "./guarded-post";

describe("denied networks", () => {
  it("by default refuse link-local (cloud metadata) and 0.0.0.0/8, v4, v6 and v4-mapped, and allow private LANs", () => {
    const denied = parseDeniedNetworks(undefined);
    for (const a of ["169.254.169.254", "::ffff:169.254.169.254", "fe80::1", "fd00:ec2::254", "0.0.0.0"]) expect(isDenied(denied, a), a).toBe(true);
    for (const a of ["10.0.0.5", "192.168.1.10", "127.0.0.1", "::1", "8.8.8.8", "fd00:ec2::253"]) expect(isDenied(denied, a), a).toBe(false);
  });

  it("read a list of ranges and bare addresses, `none` for nothing, and name a bad entry", () => {
    const denied = parseDeniedNetworks("10.0.0.0/8, 192.0.2.7,2001:db8::/32");
    expect(isDenied(denied, "10.200.1.1")).toBe(true);
    expect(isDenied(denied, "192.0.2.7")).toBe(true);
    expect(isDenied(denied, "192.0.2.8")).toBe(false);
    expect(isDenied(denied, "2001:db8::9")).toBe(true);
    expect(isDenied(denied, "169.254.169.254")).toBe(false);
    expect(isDenied(parseDeniedNetworks("none"), "169.254.169.254")).toBe(false);
    expect(() => parseDeniedNetworks("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
    expect(() => parseDeniedNetworks("intranet")).toThrow(/"intranet" is not an address/);
  });
});

describe("guardedPost", () => {
  let server: Server;
  let port: number;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(req.url === "/moved" ? 302 : 202, { Location: "http://169.254.169.254/" }).end("x".repeat(5000));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const opts = (deny: string) => ({ denied: parseDeniedNetworks(deny), signal: AbortSignal.timeout(5000), maxReplyBytes: 100 });

  it("posts the body, reads at most the reply's first bytes, and does not follow a redirect", async () => {
    expect(await guardedPost(`http://localhost:${port}/hook`, { "Content-Type": "application/json" }, '{"a":1}', opts("192.0.2.0/24"))).toEqual({ status: 202, text: "x".repeat(100) });
    expect(bodies.at(-1)).toBe('{"a":1}');
    expect((await guardedPost(`http://127.0.0.1:${port}/moved`, {}, "{}", opts("192.0.2.0/24"))).status).toBe(302);
  });

  it("refuses a name whose address is denied when it connects, and a denied literal address, sending nothing", async () => {
    const before = bodies.length;
    await expect(guardedPost(`http://localhost:${port}/hook`, {}, "{}", opts("127.0.0.0/8,::1"))).rejects.toBeInstanceOf(DeniedDestinationError);
    await expect(guardedPost(`http://127.0.0.1:${port}/hook`, {}, "{}", opts("127.0.0.0/8"))).rejects.toThrow(/127\.0\.0\.1 is in a denied network/);
    expect(bodies.length).toBe(before);
  });
});
