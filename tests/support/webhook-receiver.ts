import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

export type ReceivedHook = { headers: IncomingHttpHeaders; body: string; json: any; signatureValid: boolean; status: number };

/**
 * A webhook receiver as an integrator writes one (node:http, node:crypto, nothing of Pacer's): it
 * checks each request's signature, the hex HMAC-SHA256 of `<X-Pacer-Timestamp>.<raw body>` keyed
 * with the subscription's secret, and answers with the status `reply` picks (after `delayMs`).
 */
export async function webhookReceiver(opts: { port?: number; delayMs?: number } = {}) {
  const received: ReceivedHook[] = [];
  let secret = "";
  let reply: (n: number) => number = () => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const ts = String(req.headers["x-pacer-timestamp"] ?? "");
      const given = Buffer.from(String(req.headers["x-pacer-signature"] ?? ""));
      const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`);
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      const signatureValid = fresh && given.length === expected.length && timingSafeEqual(given, expected);
      const status = reply(received.length);
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* kept as null: the test sees it */
      }
      received.push({ headers: req.headers, body, json, signatureValid, status });
      setTimeout(() => res.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "ok" : "receiver says no"), opts.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/pacer`,
    port,
    received,
    /** Of one event type, in arrival order. */
    of: (type: string) => received.filter((r) => r.json?.type === type),
    useSecret: (s: string) => {
      secret = s;
    },
    /** The status of the n-th request (0-based). */
    replyWith: (fn: (n: number) => number) => {
      reply = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof webhookReceiver>>;
