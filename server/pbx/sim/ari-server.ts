import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer } from "ws";
import { reportCallEvents } from "./ari/call-events";
import { AriChannels } from "./ari/channels";
import { EventStream } from "./ari/event-stream";
import { AriRequest, reply, type AriContext } from "./ari/request";
import { routeRequest } from "./ari/rest";
import type { SimEngine } from "./engine";
import { listenOn } from "./listen";

/**
 * Asterisk's REST Interface, simulated: HTTP under /ari with basic auth (or `api_key`), a swagger
 * description for ari-client, and the /ari/events WebSocket carrying events in the order and shape
 * Asterisk 22 sends them (the sequences read off captures of a real Asterisk 22, in
 * ari-server.test.ts).
 *
 * This file is the HTTP server (authentication, bodies, the WebSocket upgrade); the layers are in
 * server/pbx/sim/ari/: `rest` and `channel-routes` (REST resources), `event-stream` (WebSocket
 * clients and event framing), `call-events` (engine calls → ARI events), `channels` and
 * `snapshots` (Asterisk's channel, bridge, playback and recording models), `swagger`.
 */
export type AriServerOptions = {
  engine: SimEngine;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** The Stasis application the simulated dialplan (its AMD step) hands answered calls to. */
  dialplanApp?: string;
};

export type AriServer = { port: number; url: string; close(): Promise<void>; dropConnections(): void; eventClients(): number };

/** Request bodies larger than this are cut off (a dialer sends a few variables at most). */
const MAX_BODY_BYTES = 1_000_000;

export async function startAriServer(opts: AriServerOptions): Promise<AriServer> {
  const host = opts.host ?? "127.0.0.1";
  const credentials = `${opts.username ?? "pacer"}:${opts.password ?? "pacer"}`;
  const ctx: AriContext = { engine: opts.engine, channels: new AriChannels(), stream: new EventStream(), startedAt: new Date() };
  const detach = reportCallEvents(ctx.engine, ctx.channels, ctx.stream, opts.dialplanApp ?? "pacer");

  const authorised = (req: IncomingMessage, url: URL) => {
    const key = url.searchParams.get("api_key");
    if (key !== null) return key === credentials;
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
    return m !== null && Buffer.from(m[1], "base64").toString("utf8") === credentials;
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return reply(res, 400, { message: "Malformed JSON body" });
        }
      }
      // Like Asterisk, everything under /ari needs credentials, the API description included.
      if (!authorised(req, url)) return reply(res, 401, { error: "Authentication required" });
      try {
        routeRequest(ctx, new AriRequest(req, res, url, body));
      } catch (err) {
        if (!res.headersSent) reply(res, 500, { message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/ari/events") return socket.destroy();
    if (!authorised(req, url)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const apps = (url.searchParams.get("app") ?? "").split(",").filter(Boolean);
    if (!apps.length) {
      socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => ctx.stream.add(ws, apps, url.searchParams.get("subscribeAll") === "true"));
  });

  try {
    await listenOn(server, opts.port ?? 8088, host);
  } catch (err) {
    detach();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host}:${port}`,
    dropConnections: () => ctx.stream.terminateAll(),
    eventClients: () => ctx.stream.size,
    close: () =>
      new Promise<void>((resolve) => {
        ctx.stream.terminateAll();
        detach();
        wss.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
