import { channelRoutes } from "./channel-routes";
import { ASTERISK_ID, bridgeSnapshot, playbackSnapshot, recordingSnapshot, ts } from "./snapshots";
import { resourceDescription, resourceListing } from "./swagger";
import type { AriContext, AriRequest } from "./request";

/**
 * ARI's REST resources under /ari (the caller already authenticated): the swagger description,
 * asterisk, applications, channels (channel-routes.ts), bridges, playbacks and recordings, with
 * Asterisk's status codes and messages. Anything else is 404.
 */
export function routeRequest(ctx: AriContext, r: AriRequest): void {
  for (const resource of [apiDocsRoutes, systemRoutes, channelRoutes, bridgeRoutes, mediaRoutes]) {
    if (resource(ctx, r)) return;
  }
  r.reply(404, { message: "Resource not found" });
}

/** The swagger description ari-client binds to. */
function apiDocsRoutes(_ctx: AriContext, r: AriRequest): boolean {
  if (r.method !== "GET") return false;
  const base = `http://${r.req.headers.host}/ari`;
  if (r.path === "/ari/api-docs/resources.json") return r.reply(200, resourceListing(base));
  const m = /^\/ari\/api-docs\/(\w+)\.json$/.exec(r.path);
  if (!m) return false;
  const doc = resourceDescription(m[1], base);
  return doc ? r.reply(200, doc) : r.reply(404, { message: "Resource not found" });
}

/** `GET /asterisk/info`, the applications and their event subscriptions. */
function systemRoutes(ctx: AriContext, r: AriRequest): boolean {
  const { channels } = ctx;
  let m: RegExpExecArray | null;
  if (r.method === "GET" && r.path === "/ari/asterisk/info") {
    return r.reply(200, {
      build: { os: "Linux", kernel: "pacer-sim", machine: process.arch, options: "OPTIONAL_API", date: ts(), user: "pacer" },
      system: { version: "22.0.0-pacer-sim", entity_id: ASTERISK_ID },
      config: { name: "pacer-sim", default_language: "en", setid: { user: "", group: "" } },
      status: { startup_time: ts(ctx.startedAt), last_reload_time: ts(ctx.startedAt) },
    });
  }
  if (r.method === "GET" && r.path === "/ari/applications") {
    return r.reply(200, [...ctx.stream.appNames()].map((name) => ({ name, channel_ids: channels.idsOfApp(name), bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] })));
  }
  if ((m = /^\/ari\/applications\/([^/]+)\/subscription$/.exec(r.path)) && (r.method === "POST" || r.method === "DELETE")) {
    const app = decodeURIComponent(m[1]);
    const sources = r.url.searchParams.getAll("eventSource").flatMap((s) => s.split(","));
    if (!sources.length) return r.reply(400, { message: "Missing parameter eventSource" });
    for (const source of sources) {
      const [kind, id] = source.split(":");
      if (kind !== "channel" || !id) return r.reply(400, { message: `Invalid event source '${source}'` });
      const i = channels.get(id);
      if (!i) return r.reply(422, { message: "Event source does not exist" });
      if (r.method === "POST") i.apps.add(app);
      else i.apps.delete(app);
    }
    return r.reply(200, { name: app, channel_ids: channels.idsOfApp(app), bridge_ids: [], endpoint_ids: [], device_names: [] });
  }
  return false;
}

/** Bridges: create, list, get, destroy, add and remove channels, record. */
function bridgeRoutes(ctx: AriContext, r: AriRequest): boolean {
  const { engine } = ctx;
  let m: RegExpExecArray | null;
  if (r.path === "/ari/bridges" && r.method === "GET") return r.reply(200, [...engine.bridges.values()].map(bridgeSnapshot));
  if (r.path === "/ari/bridges" && r.method === "POST") return r.reply(200, bridgeSnapshot(engine.createBridge(r.qp("bridgeId"))));
  if ((m = /^\/ari\/bridges\/([^/]+)$/.exec(r.path))) {
    const id = decodeURIComponent(m[1]);
    if (r.method === "POST") return r.reply(200, bridgeSnapshot(engine.createBridge(id)));
    const b = engine.bridges.get(id);
    if (!b) return r.reply(404, { message: "Bridge not found" });
    if (r.method === "GET") return r.reply(200, bridgeSnapshot(b));
    if (r.method === "DELETE") return r.run(() => engine.destroyBridge(id));
  }
  if ((m = /^\/ari\/bridges\/([^/]+)\/(addChannel|removeChannel|record)$/.exec(r.path)) && r.method === "POST") {
    const id = decodeURIComponent(m[1]);
    if (!engine.bridges.has(id)) return r.reply(404, { message: "Bridge not found" });
    if (m[2] === "record") {
      const name = r.qp("name");
      const format = r.qp("format");
      if (!name || !format) return r.reply(400, { message: "Missing parameter name or format" });
      return r.answer(201, () => ({ ...recordingSnapshot(engine.startRecording({ bridgeId: id }, name, format)), state: "queued" }));
    }
    const ids = r.url.searchParams.getAll("channel").flatMap((c) => c.split(","));
    if (!ids.length) return r.reply(400, { message: "Missing parameter channel" });
    for (const c of ids) if (!engine.channel(c)) return r.reply(400, { message: "Channel not found" });
    return r.run(() => ids.forEach((c) => (m![2] === "addChannel" ? engine.addToBridge(id, c) : engine.removeFromBridge(id, c))));
  }
  return false;
}

/** Playbacks, live recordings and stored recordings (`…/stored/{name}/file` serves the WAV). */
function mediaRoutes(ctx: AriContext, r: AriRequest): boolean {
  const { engine } = ctx;
  let m: RegExpExecArray | null;
  if ((m = /^\/ari\/playbacks\/([^/]+)$/.exec(r.path))) {
    const pb = engine.playbacks.get(decodeURIComponent(m[1]));
    if (!pb) return r.reply(404, { message: "Playback not found" });
    if (r.method === "GET") return r.reply(200, playbackSnapshot(pb));
    if (r.method === "DELETE") return r.run(() => engine.stopPlayback(pb.id));
  }
  // Stored recordings (`GET /recordings/stored`, `GET|DELETE /recordings/stored/{name}`, `…/file`).
  if (r.method === "GET" && r.path === "/ari/recordings/stored") return r.reply(200, engine.storedRecordings().map((rec) => ({ name: rec.name, format: rec.format })));
  if ((m = /^\/ari\/recordings\/stored\/([^/]+)(\/file)?$/.exec(r.path))) {
    const rec = engine.storedRecording(decodeURIComponent(m[1]));
    if (!rec) return r.reply(404, { message: "Recording not found" });
    if (!m[2] && r.method === "GET") return r.reply(200, { name: rec.name, format: rec.format });
    if (!m[2] && r.method === "DELETE") return r.run(() => engine.deleteStoredRecording(rec.name));
    if (m[2] && r.method === "GET") {
      const audio = engine.recordingAudio(rec.name);
      r.res.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": audio.length }).end(audio);
      return true;
    }
  }
  if ((m = /^\/ari\/recordings\/live\/([^/]+)(\/stop)?$/.exec(r.path))) {
    const rec = engine.recordings.get(decodeURIComponent(m[1]));
    if (!rec || rec.state !== "recording") return r.reply(404, { message: "Recording not found" });
    if (!m[2] && r.method === "GET") return r.reply(200, recordingSnapshot(rec));
    if (m[2] && r.method === "POST") return r.run(() => engine.stopRecording(rec.name));
  }
  return false;
}
