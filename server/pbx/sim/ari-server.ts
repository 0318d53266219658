import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { causeByCode } from "../causes";
import { resourceDescription, resourceListing } from "./ari-swagger";
import type { SimBridge, SimChannel, SimEngine, SimPlayback, SimRecording } from "./engine";
import { SimError } from "./sim-error";

/**
 * Asterisk's REST Interface, simulated: HTTP under /ari with basic auth (or `api_key`), a swagger
 * description for ari-client, and the /ari/events WebSocket carrying events in the order and shape
 * Asterisk 22 sends them (see the event sequences in server/pbx/sim/__fixtures__).
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

export type AriServer = { port: number; url: string; close(): Promise<void>; dropConnections(): void };

const ASTERISK_ID = "02:fc:00:00:00:01";

/** Asterisk's timestamp format: 2026-11-22T05:57:14.234+0000 */
const ts = (d: Date = new Date()) => d.toISOString().replace("Z", "+0000");

type Client = { ws: WebSocket; apps: Set<string>; subscribeAll: boolean };

/** Per-channel knowledge the ARI face keeps: Asterisk's name for it, who subscribed, dial info. */
type AriChannelInfo = { name: string; peerName: string | null; apps: Set<string>; dialstring: string; appArgs: string[]; context: string; exten: string; inStasis: boolean };

export async function startAriServer(opts: AriServerOptions): Promise<AriServer> {
  const { engine } = opts;
  const username = opts.username ?? "pacer";
  const password = opts.password ?? "pacer";
  const clients = new Set<Client>();
  const info = new Map<string, AriChannelInfo>();
  let nameSeq = 0x540;

  const channelSnapshot = (ch: SimChannel, half: 1 | 2 = 1) => {
    const i = info.get(ch.id);
    const stasis = half === 1 && i?.inStasis;
    return {
      id: half === 2 ? `${ch.id};2` : ch.id,
      name: half === 2 ? (i?.peerName ?? `${ch.endpoint};2`) : (i?.name ?? ch.endpoint),
      state: half === 2 && ch.state === "Ringing" ? "Ring" : ch.state,
      protocol_id: "",
      caller: { name: ch.callerName, number: ch.callerNumber },
      connected: { name: "", number: ch.callerNumber },
      accountcode: "",
      dialplan: stasis
        ? { context: i!.context, exten: i!.exten, priority: 1, app_name: "Stasis", app_data: [...i!.apps, ...i!.appArgs].join(",") }
        : { context: i?.context ?? "default", exten: i?.exten ?? ch.number, priority: 1, app_name: half === 1 ? "AppDial2" : "", app_data: half === 1 ? "(Outgoing Line)" : "" },
      creationtime: ts(ch.createdAt),
      language: "en",
    };
  };

  const bridgeSnapshot = (b: SimBridge) => ({
    id: b.id,
    technology: "simple_bridge",
    bridge_type: "mixing",
    bridge_class: "stasis",
    creator: "Stasis",
    name: "",
    channels: [...b.channels],
    creationtime: ts(b.createdAt),
    video_mode: "talker",
  });

  const playbackSnapshot = (pb: SimPlayback) => ({
    id: pb.id,
    media_uri: pb.media,
    target_uri: `channel:${pb.channelId}`,
    language: "en",
    state: pb.state === "stopped" ? "done" : pb.state,
  });

  const recordingSnapshot = (rec: SimRecording) => ({
    name: rec.name,
    format: rec.format,
    state: rec.state === "done" ? "done" : "recording",
    target_uri: "channelId" in rec.target ? `channel:${rec.target.channelId}` : `bridge:${rec.target.bridgeId}`,
    ...(rec.state === "done" ? { duration: Math.round((Date.now() - rec.startedAt.getTime()) / 1000), talking_duration: 0, silence_duration: 0 } : {}),
  });

  /** Sends an event to every client of an app that follows the channel (or of every app for untied events). */
  const send = (event: Record<string, unknown>, apps: Set<string> | null, peerLegOnly = false) => {
    for (const c of clients) {
      if (peerLegOnly && !c.subscribeAll) continue;
      const app = apps ? [...c.apps].find((a) => apps.has(a)) : [...c.apps][0];
      if (!app && !c.subscribeAll) continue;
      const body = { ...event, asterisk_id: ASTERISK_ID, application: app ?? [...c.apps][0] };
      if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(body));
    }
  };
  const appsOf = (id: string) => info.get(id)?.apps ?? new Set<string>();

  const channelEvent = (type: string, ch: SimChannel, extra: Record<string, unknown> = {}, half: 1 | 2 = 1) =>
    send({ type, timestamp: ts(), ...extra, channel: channelSnapshot(ch, half) }, appsOf(ch.id), half === 2);
  const dialEvent = (ch: SimChannel, dialstatus: string) =>
    send({ type: "Dial", timestamp: ts(), dialstatus, forward: "", dialstring: info.get(ch.id)?.dialstring ?? "", peer: channelSnapshot(ch) }, appsOf(ch.id));

  engine.on("created", (ch) => {
    if (!info.has(ch.id)) return;
    dialEvent(ch, "");
  });
  engine.on("ringing", (ch) => {
    if (!info.has(ch.id)) return;
    channelEvent("ChannelStateChange", ch);
    dialEvent(ch, "RINGING");
  });
  engine.on("answered", (ch) => {
    if (!info.has(ch.id)) return;
    if (ch.hasPeerLeg) channelEvent("ChannelStateChange", ch, {}, 2);
    channelEvent("ChannelStateChange", ch);
    dialEvent(ch, "ANSWER");
  });
  engine.on("controlled", (ch, args) => {
    const i = info.get(ch.id);
    if (!i) return;
    // Entering Stasis from the dialplan makes the channel the application's, subscribed or not.
    if (i.apps.size === 0) i.apps.add(opts.dialplanApp ?? "pacer");
    i.inStasis = true;
    i.appArgs = args;
    channelEvent("ChannelVarset", ch, { variable: "STASISSTATUS", value: "" });
    channelEvent("StasisStart", ch, { args });
  });
  engine.on("released", (ch) => {
    const i = info.get(ch.id);
    if (!i) return;
    i.inStasis = false;
    channelEvent("StasisEnd", ch);
  });
  engine.on("dtmf", (ch, digit, durationMs) => {
    if (info.get(ch.id)?.inStasis) channelEvent("ChannelDtmfReceived", ch, { digit, duration_ms: durationMs });
  });
  engine.on("hangup", (ch, how) => {
    const i = info.get(ch.id);
    if (!i) return;
    const answered = ch.answeredAt !== null;
    // Refusals end with a final Dial status; a ring timeout does not send one (as in the traces).
    if (!answered && how.dialStatus && (how.dialStatus !== "NOANSWER" || how.cause === 1)) dialEvent(ch, how.dialStatus);
    const cause = causeByCode(how.cause);
    // Through a Local channel the far half carries the real cause; the half we own ends with 0 when refused.
    const ownCause = ch.hasPeerLeg && !answered && (how.cause === 17 || how.cause === 34) ? causeByCode(0) : cause;
    if (ch.hasPeerLeg) {
      channelEvent("ChannelHangupRequest", ch, { cause: how.cause }, 2);
      channelEvent("ChannelDestroyed", ch, { cause: cause.code, cause_txt: cause.text }, 2);
    }
    if (how.by === "client") channelEvent("ChannelHangupRequest", ch, { cause: 32, soft: true });
    else if (answered) channelEvent("ChannelHangupRequest", ch, { cause: how.cause });
    if (i.inStasis) {
      channelEvent("StasisEnd", ch);
      channelEvent("ChannelVarset", ch, { variable: "STASISSTATUS", value: "SUCCESS" });
    }
    channelEvent("ChannelDestroyed", ch, { cause: ownCause.code, cause_txt: ownCause.text });
    info.delete(ch.id);
  });
  engine.on("enteredBridge", (b, ch) => send({ type: "ChannelEnteredBridge", timestamp: ts(), bridge: bridgeSnapshot(b), channel: channelSnapshot(ch) }, appsOf(ch.id)));
  engine.on("leftBridge", (b, ch) => send({ type: "ChannelLeftBridge", timestamp: ts(), bridge: bridgeSnapshot(b), channel: channelSnapshot(ch) }, appsOf(ch.id)));
  engine.on("bridgeDestroyed", (b) => send({ type: "BridgeDestroyed", timestamp: ts(), bridge: bridgeSnapshot(b) }, null));
  engine.on("playbackStarted", (pb) => send({ type: "PlaybackStarted", timestamp: ts(), playback: playbackSnapshot(pb) }, appsOf(pb.channelId)));
  engine.on("playbackFinished", (pb) => send({ type: "PlaybackFinished", timestamp: ts(), playback: playbackSnapshot(pb) }, appsOf(pb.channelId)));
  engine.on("recordingStarted", (rec) => send({ type: "RecordingStarted", timestamp: ts(), recording: recordingSnapshot(rec) }, "channelId" in rec.target ? appsOf(rec.target.channelId) : null));
  engine.on("recordingFinished", (rec) => send({ type: "RecordingFinished", timestamp: ts(), recording: recordingSnapshot(rec) }, "channelId" in rec.target ? appsOf(rec.target.channelId) : null));

  const authorised = (req: IncomingMessage, url: URL) => {
    const key = url.searchParams.get("api_key");
    if (key !== null) return key === `${username}:${password}`;
    const header = req.headers.authorization ?? "";
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (!m) return false;
    return Buffer.from(m[1], "base64").toString("utf8") === `${username}:${password}`;
  };

  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
  };

  const originate = (url: URL, body: Record<string, unknown>, idFromPath?: string) => {
    const qp = (k: string) => url.searchParams.get(k) ?? undefined;
    const endpoint = qp("endpoint");
    if (!endpoint) return [400, { message: "Endpoint must be specified" }] as const;
    const app = qp("app");
    const context = qp("context");
    const extension = qp("extension");
    if (!app && !extension) return [400, { message: "Application or extension must be specified" }] as const;
    const appArgs = qp("appArgs")?.split(",").filter((a) => a !== "") ?? [];
    const callerId = qp("callerId") ?? "";
    const cid = /^"?([^"<]*)"?\s*<([^>]*)>$/.exec(callerId);
    const vars = (body.variables ?? {}) as Record<string, string>;
    let ch: SimChannel;
    try {
      const id = idFromPath ?? qp("channelId") ?? engine.nextId(String(Date.now() / 1000));
      const slash = endpoint.indexOf("/");
      const rest = endpoint.slice(slash + 1);
      nameSeq += 1;
      const seq = nameSeq.toString(16).padStart(8, "0");
      const tech = endpoint.slice(0, slash);
      const local = tech === "Local";
      const [destination, trunk] = rest.split("@");
      info.set(id, {
        name: local ? `${endpoint}-${seq};1` : `${tech}/${tech === "SIP" ? rest.split("/")[0] : (trunk ?? destination)}-${seq}`,
        peerName: local ? `${endpoint}-${seq};2` : null,
        apps: new Set(app ? [app] : []),
        dialstring: rest,
        appArgs,
        context: local ? (trunk ?? "default") : (context ?? "default"),
        exten: destination,
        inStasis: false,
      });
      ch = engine.originate({
        id,
        endpoint,
        callerNumber: cid ? cid[2] : callerId,
        callerName: cid ? cid[1].trim() : "",
        ringTimeoutSec: Number(qp("timeout") ?? 30),
        variables: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])),
        target: app ? { kind: "control", args: appArgs } : { kind: "dialplan", context: context ?? "default", extension: extension!, priority: Number(qp("priority") ?? 1) },
      });
    } catch (err) {
      if (idFromPath ?? url.searchParams.get("channelId")) {
        const id = idFromPath ?? url.searchParams.get("channelId")!;
        if (!engine.channel(id)) info.delete(id);
      }
      if (err instanceof SimError && err.kind === "conflict") return [409, { message: err.message }] as const;
      if (err instanceof SimError && (err.kind === "unsupported" || err.kind === "unavailable")) return [500, { error: "Allocation failed" }] as const;
      if (err instanceof SimError) return [400, { message: err.message }] as const;
      throw err;
    }
    return [200, channelSnapshot(ch)] as const;
  };

  const simErrorStatus = (err: unknown): [number, unknown] => {
    if (err instanceof SimError) {
      const status = err.kind === "not_found" ? 404 : err.kind === "conflict" ? 409 : 400;
      return [status, { message: err.message }];
    }
    throw err;
  };

  const REASONS: Record<string, number> = { normal: 16, busy: 17, congestion: 34, no_answer: 19, timeout: 19, rejected: 21, unallocated: 1, answered_elsewhere: 26 };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Record<string, unknown>) {
    const path = url.pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";
    const base = `http://${req.headers.host}/ari`;
    let m: RegExpExecArray | null;

    // Like Asterisk, everything under /ari needs credentials, the API description included.
    if (!authorised(req, url)) return reply(res, 401, { error: "Authentication required" });
    if (method === "GET" && path === "/ari/api-docs/resources.json") return reply(res, 200, resourceListing(base));
    if (method === "GET" && (m = /^\/ari\/api-docs\/(\w+)\.json$/.exec(path))) {
      const doc = resourceDescription(m[1], base);
      return doc ? reply(res, 200, doc) : reply(res, 404, { message: "Resource not found" });
    }
    const qp = (k: string) => url.searchParams.get(k) ?? undefined;
    const run = (fn: () => void, status = 204) => {
      try {
        fn();
        reply(res, status);
      } catch (err) {
        const [s, b] = simErrorStatus(err);
        reply(res, s, b);
      }
    };

    if (method === "GET" && path === "/ari/asterisk/info") {
      return reply(res, 200, {
        build: { os: "Linux", kernel: "pacer-sim", machine: process.arch, options: "OPTIONAL_API", date: ts(), user: "pacer" },
        system: { version: "22.0.0-pacer-sim", entity_id: ASTERISK_ID },
        config: { name: "pacer-sim", default_language: "en", setid: { user: "", group: "" } },
        status: { startup_time: ts(startedAt), last_reload_time: ts(startedAt) },
      });
    }
    if (method === "GET" && path === "/ari/applications") {
      const names = new Set([...clients].flatMap((c) => [...c.apps]));
      return reply(res, 200, [...names].map((name) => ({ name, channel_ids: [...info].filter(([, i]) => i.apps.has(name)).map(([id]) => id), bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] })));
    }
    if ((m = /^\/ari\/applications\/([^/]+)\/subscription$/.exec(path)) && (method === "POST" || method === "DELETE")) {
      const app = decodeURIComponent(m[1]);
      const sources = url.searchParams.getAll("eventSource").flatMap((s) => s.split(","));
      if (!sources.length) return reply(res, 400, { message: "Missing parameter eventSource" });
      for (const source of sources) {
        const [kind, id] = source.split(":");
        if (kind !== "channel" || !id) return reply(res, 400, { message: `Invalid event source '${source}'` });
        const i = info.get(id);
        if (!i) return reply(res, 422, { message: "Event source does not exist" });
        if (method === "POST") i.apps.add(app);
        else i.apps.delete(app);
      }
      return reply(res, 200, { name: app, channel_ids: [...info].filter(([, i]) => i.apps.has(app)).map(([id]) => id), bridge_ids: [], endpoint_ids: [], device_names: [] });
    }

    if (path === "/ari/channels" && method === "GET") return reply(res, 200, [...engine.channels.values()].filter((c) => info.has(c.id)).map((c) => channelSnapshot(c)));
    if (path === "/ari/channels" && method === "POST") {
      const [status, b] = originate(url, body);
      return reply(res, status, b);
    }
    if ((m = /^\/ari\/channels\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]);
      if (method === "POST") {
        const [status, b] = originate(url, body, id);
        return reply(res, status, b);
      }
      const ch = engine.channel(id);
      if (!ch || !info.has(id)) return reply(res, 404, { message: "Channel not found" });
      if (method === "GET") return reply(res, 200, channelSnapshot(ch));
      if (method === "DELETE") {
        const reason = qp("reason_code") ? Number(qp("reason_code")) : REASONS[qp("reason") ?? "normal"];
        if (reason === undefined || Number.isNaN(reason)) return reply(res, 400, { message: "Invalid reason for hangup provided" });
        return run(() => engine.hangup(id, reason));
      }
    }
    if ((m = /^\/ari\/channels\/([^/]+)\/(answer|continue|play|record|variable)(?:\/([^/]+))?$/.exec(path))) {
      const id = decodeURIComponent(m[1]);
      const action = m[2];
      const ch = engine.channel(id);
      if (!ch || !info.has(id)) return reply(res, 404, { message: "Channel not found" });
      const i = info.get(id)!;
      if (action === "answer" && method === "POST") return run(() => engine.answer(id));
      if (action === "continue" && method === "POST") {
        if (!i.inStasis) return reply(res, 409, { message: "Channel not in Stasis application" });
        return run(() => engine.redirect(id, { context: qp("context") ?? i.context, extension: qp("extension") ?? i.exten, priority: Number(qp("priority") ?? 1) }));
      }
      if (action === "play" && method === "POST") {
        const media = url.searchParams.getAll("media").join(",");
        if (!media) return reply(res, 400, { message: "missing media" });
        if (!i.inStasis) return reply(res, 409, { message: "Channel not in Stasis application" });
        try {
          const pb = engine.play(id, media, m[3] ? decodeURIComponent(m[3]) : qp("playbackId"));
          return reply(res, 201, { ...playbackSnapshot(pb), state: "queued" });
        } catch (err) {
          const [s, b] = simErrorStatus(err);
          return reply(res, s, b);
        }
      }
      if (action === "record" && method === "POST") {
        const name = qp("name");
        const format = qp("format");
        if (!name || !format) return reply(res, 400, { message: "Missing parameter name or format" });
        try {
          const rec = engine.startRecording({ channelId: id }, name, format);
          return reply(res, 201, { ...recordingSnapshot(rec), state: "queued" });
        } catch (err) {
          const [s, b] = simErrorStatus(err);
          return reply(res, s, b);
        }
      }
      if (action === "variable") {
        const variable = qp("variable");
        if (!variable) return reply(res, 400, { message: "Variable name is required" });
        if (method === "GET") {
          const value = engine.getVar(id, variable);
          return value === null ? reply(res, 404, { message: "Provided variable was not found" }) : reply(res, 200, { value });
        }
        if (method === "POST") return run(() => engine.setVar(id, variable, qp("value") ?? ""));
      }
    }

    if (path === "/ari/bridges" && method === "GET") return reply(res, 200, [...engine.bridges.values()].map(bridgeSnapshot));
    if (path === "/ari/bridges" && method === "POST") return reply(res, 200, bridgeSnapshot(engine.createBridge(qp("bridgeId"))));
    if ((m = /^\/ari\/bridges\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]);
      if (method === "POST") return reply(res, 200, bridgeSnapshot(engine.createBridge(id)));
      const b = engine.bridges.get(id);
      if (!b) return reply(res, 404, { message: "Bridge not found" });
      if (method === "GET") return reply(res, 200, bridgeSnapshot(b));
      if (method === "DELETE") return run(() => engine.destroyBridge(id));
    }
    if ((m = /^\/ari\/bridges\/([^/]+)\/(addChannel|removeChannel|record)$/.exec(path)) && method === "POST") {
      const id = decodeURIComponent(m[1]);
      if (!engine.bridges.has(id)) return reply(res, 404, { message: "Bridge not found" });
      if (m[2] === "record") {
        const name = qp("name");
        const format = qp("format");
        if (!name || !format) return reply(res, 400, { message: "Missing parameter name or format" });
        try {
          return reply(res, 201, { ...recordingSnapshot(engine.startRecording({ bridgeId: id }, name, format)), state: "queued" });
        } catch (err) {
          const [s, b] = simErrorStatus(err);
          return reply(res, s, b);
        }
      }
      const channels = url.searchParams.getAll("channel").flatMap((c) => c.split(","));
      if (!channels.length) return reply(res, 400, { message: "Missing parameter channel" });
      for (const c of channels) if (!engine.channel(c)) return reply(res, 400, { message: "Channel not found" });
      return run(() => channels.forEach((c) => (m![2] === "addChannel" ? engine.addToBridge(id, c) : engine.removeFromBridge(id, c))));
    }

    if ((m = /^\/ari\/playbacks\/([^/]+)$/.exec(path))) {
      const pb = engine.playbacks.get(decodeURIComponent(m[1]));
      if (!pb) return reply(res, 404, { message: "Playback not found" });
      if (method === "GET") return reply(res, 200, playbackSnapshot(pb));
      if (method === "DELETE") return run(() => engine.stopPlayback(pb.id));
    }
    // Stored recordings (`GET /recordings/stored`, `GET|DELETE /recordings/stored/{name}`, `…/file`).
    if (method === "GET" && path === "/ari/recordings/stored") return reply(res, 200, engine.storedRecordings().map((r) => ({ name: r.name, format: r.format })));
    if ((m = /^\/ari\/recordings\/stored\/([^/]+)(\/file)?$/.exec(path))) {
      const rec = engine.storedRecording(decodeURIComponent(m[1]));
      if (!rec) return reply(res, 404, { message: "Recording not found" });
      if (!m[2] && method === "GET") return reply(res, 200, { name: rec.name, format: rec.format });
      if (!m[2] && method === "DELETE") return run(() => engine.deleteStoredRecording(rec.name));
      if (m[2] && method === "GET") {
        const audio = engine.recordingAudio(rec.name);
        res.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": audio.length }).end(audio);
        return;
      }
    }
    if ((m = /^\/ari\/recordings\/live\/([^/]+)(\/stop)?$/.exec(path))) {
      const rec = engine.recordings.get(decodeURIComponent(m[1]));
      if (!rec || rec.state !== "recording") return reply(res, 404, { message: "Recording not found" });
      if (!m[2] && method === "GET") return reply(res, 200, recordingSnapshot(rec));
      if (m[2] && method === "POST") return run(() => engine.stopRecording(rec.name));
    }
    return reply(res, 404, { message: "Resource not found" });
  }

  const startedAt = new Date();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
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
      route(req, res, url, body).catch((err) => {
        if (!res.headersSent) reply(res, 500, { message: err instanceof Error ? err.message : String(err) });
      });
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
    wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { ws, apps: new Set(apps), subscribeAll: url.searchParams.get("subscribeAll") === "true" };
      clients.add(client);
      ws.on("close", () => clients.delete(client));
      ws.on("error", () => clients.delete(client));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8088, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    dropConnections() {
      for (const c of clients) c.ws.terminate();
      clients.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.ws.terminate();
        clients.clear();
        wss.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
