import type { SimChannel, SnoopDirection } from "../engine";
import { SimError } from "../sim-error";
import type { AriContext, AriRequest } from "./request";
import { playbackSnapshot, recordingSnapshot } from "./snapshots";

/**
 * ARI's channels resource: originate (`POST /channels`, `POST /channels/{id}`), list, get,
 * hang up, a channel's answer, continue, play, record, music on hold and variables, and snooping on it.
 */

/** Hang-up reasons ARI accepts, as Q.850 causes. */
const REASONS: Record<string, number> = { normal: 16, busy: 17, congestion: 34, no_answer: 19, timeout: 19, rejected: 21, unallocated: 1, answered_elsewhere: 26 };
const SNOOP_DIRECTIONS = new Set<string>(["none", "both", "out", "in"]);

/** Answers the request if it is about channels; false if it is not. */
export function channelRoutes(ctx: AriContext, r: AriRequest): boolean {
  const { engine, channels } = ctx;
  let m: RegExpExecArray | null;

    if (r.path === "/ari/channels" && r.method === "GET") return r.reply(200, [...engine.channels.values()].filter((c) => channels.has(c.id)).map((c) => channels.snapshot(c)));
    if (r.path === "/ari/channels" && r.method === "POST") {
      const [status, b] = originate(ctx, r);
      return r.reply(status, b);
    }
    if ((m = /^\/ari\/channels\/([^/]+)$/.exec(r.path))) {
      const id = decodeURIComponent(m[1]);
      if (r.method === "POST") {
        const [status, b] = originate(ctx, r, id);
        return r.reply(status, b);
      }
      const ch = engine.channel(id);
      if (!ch || !channels.has(id)) return r.reply(404, { message: "Channel not found" });
      if (r.method === "GET") return r.reply(200, channels.snapshot(ch));
      if (r.method === "DELETE") {
        const reason = r.qp("reason_code") ? Number(r.qp("reason_code")) : REASONS[r.qp("reason") ?? "normal"];
        if (reason === undefined || Number.isNaN(reason)) return r.reply(400, { message: "Invalid reason for hangup provided" });
        return r.run(() => engine.hangup(id, reason));
      }
    }
    if ((m = /^\/ari\/channels\/([^/]+)\/snoop(?:\/([^/]+))?$/.exec(r.path)) && r.method === "POST") {
      const [status, b] = snoop(ctx, r, decodeURIComponent(m[1]), m[2] ? decodeURIComponent(m[2]) : undefined);
      return r.reply(status, b);
    }
    if ((m = /^\/ari\/channels\/([^/]+)\/(answer|continue|play|record|variable|moh)(?:\/([^/]+))?$/.exec(r.path))) {
      const id = decodeURIComponent(m[1]);
      const action = m[2];
      const ch = engine.channel(id);
      if (!ch || !channels.has(id)) return r.reply(404, { message: "Channel not found" });
      const i = channels.get(id)!;
      if (action === "answer" && r.method === "POST") return r.run(() => engine.answer(id));
      if (action === "continue" && r.method === "POST") {
        if (!i.inStasis) return r.reply(409, { message: "Channel not in Stasis application" });
        return r.run(() => engine.redirect(id, { context: r.qp("context") ?? i.context, extension: r.qp("extension") ?? i.exten, priority: Number(r.qp("priority") ?? 1) }));
      }
      if (action === "play" && r.method === "POST") {
        const media = r.url.searchParams.getAll("media").join(",");
        if (!media) return r.reply(400, { message: "missing media" });
        if (!i.inStasis) return r.reply(409, { message: "Channel not in Stasis application" });
        return r.answer(201, () => ({ ...playbackSnapshot(engine.play(id, media, m![3] ? decodeURIComponent(m![3]) : r.qp("playbackId"))), state: "queued" }));
      }
      if (action === "moh" && (r.method === "POST" || r.method === "DELETE")) {
        if (!i.inStasis) return r.reply(409, { message: "Channel not in Stasis application" });
        return r.run(() => (r.method === "POST" ? engine.startMoh(id, r.qp("mohClass") ?? "default") : engine.stopMoh(id)));
      }
      if (action === "record" && r.method === "POST") {
        const name = r.qp("name");
        const format = r.qp("format");
        if (!name || !format) return r.reply(400, { message: "Missing parameter name or format" });
        const maxSec = Number(r.qp("maxDurationSeconds") ?? 0);
        return r.answer(201, () => ({ ...recordingSnapshot(engine.startRecording({ channelId: id }, name, format, maxSec > 0 ? maxSec : undefined)), state: "queued" }));
      }
      if (action === "variable") {
        const variable = r.qp("variable");
        if (!variable) return r.reply(400, { message: "Variable name is required" });
        if (r.method === "GET") {
          const value = engine.getVar(id, variable);
          return value === null ? r.reply(404, { message: "Provided variable was not found" }) : r.reply(200, { value });
        }
        if (r.method === "POST") return r.run(() => engine.setVar(id, variable, r.qp("value") ?? ""));
      }
    }

  return false;
}

function originate(ctx: AriContext, r: AriRequest, idFromPath?: string): readonly [number, unknown] {
  const { engine, channels } = ctx;
  const endpoint = r.qp("endpoint");
  if (!endpoint) return [400, { message: "Endpoint must be specified" }];
  const app = r.qp("app");
  const context = r.qp("context");
  const extension = r.qp("extension");
  if (!app && !extension) return [400, { message: "Application or extension must be specified" }];
  const appArgs = r.qp("appArgs")?.split(",").filter((a) => a !== "") ?? [];
  const callerId = r.qp("callerId") ?? "";
  const cid = /^"?([^"<]*)"?\s*<([^>]*)>$/.exec(callerId);
  const vars = (r.body.variables ?? {}) as Record<string, string>;
  const id = idFromPath ?? r.qp("channelId") ?? engine.nextId(String(Date.now() / 1000));
  // Known before the engine creates the channel: its first events already carry Asterisk's name.
  const previous = channels.get(id);
  channels.register(id, endpoint, { app, appArgs, context });
  let ch: SimChannel;
  try {
    ch = engine.originate({
      id,
      endpoint,
      callerNumber: cid ? cid[2] : callerId,
      callerName: cid ? cid[1].trim() : "",
      ringTimeoutSec: Number(r.qp("timeout") ?? 30),
      variables: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])),
      target: app ? { kind: "control", args: appArgs } : { kind: "dialplan", context: context ?? "default", extension: extension!, priority: Number(r.qp("priority") ?? 1) },
    });
  } catch (err) {
    // A refused originate leaves a live channel of the same id as it was.
    channels.restore(id, previous);
    if (err instanceof SimError && err.kind === "conflict") return [409, { message: err.message }];
    if (err instanceof SimError && (err.kind === "unsupported" || err.kind === "unavailable")) return [500, { error: "Allocation failed" }];
    if (err instanceof SimError) return [400, { message: err.message }];
    throw err;
  }
  return [200, channels.snapshot(ch)];
}

/** `POST /channels/{id}/snoop[/{snoopId}]`, checked in the order res/ari/resource_channels.c checks it. */
function snoop(ctx: AriContext, r: AriRequest, targetId: string, idFromPath: string | undefined): readonly [number, unknown] {
  const { engine, channels } = ctx;
  const spy = r.qp("spy") || "none";
  const whisper = r.qp("whisper") || "none";
  if (!SNOOP_DIRECTIONS.has(spy)) return [400, { message: "Invalid direction specified for spy" }];
  if (!SNOOP_DIRECTIONS.has(whisper)) return [400, { message: "Invalid direction specified for whisper" }];
  if (spy === "none" && whisper === "none") return [400, { message: "Direction must be specified for at least spy or whisper" }];
  const app = r.qp("app");
  if (!app) return [400, { message: "Application name is required" }];
  if (!engine.channel(targetId)) return [404, { message: "Provided channel was not found" }];
  const id = idFromPath ?? r.qp("snoopId") ?? engine.nextId(String(Date.now() / 1000));
  // A taken id: Asterisk cannot allocate the channel.
  if (engine.channels.has(id)) return [500, { message: "Snoop channel could not be created" }];
  const appArgs = r.qp("appArgs")?.split(",").filter((a) => a !== "") ?? [];
  channels.registerSnoop(id, targetId, app, appArgs);
  const ch = engine.snoop(targetId, { id, spy: spy as SnoopDirection, whisper: whisper as SnoopDirection, args: appArgs });
  return [200, channels.snapshot(ch)];
}
