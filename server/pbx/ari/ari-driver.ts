import { EventEmitter } from "node:events";
import ari, { type AriClient, type AriEvent } from "ari-client";
import WebSocket from "ws";
import type { ConnectionKeeper } from "../connection-keeper";
import { DigitCollector } from "../digit-collector";
import { errorText, PbxError, type CallEvent, type DigitsRequest, type HealthStatus, type LiveChannelInfo, type MonitorMode, type MonitorTarget, type OriginateRequest, type PbxDriver } from "../driver";
import { keepDriverLink, linkUpForOriginate, ORIGINATE_WAIT_MS, UNSEEN_HANGUP_TEXT, type DriverLinkOptions } from "../driver-link";
import { AriCallEvents } from "./ari-call-events";
import { AriMonitors } from "./ari-monitors";
import { registerAriCredentials, unregisterAriCredentials } from "./credentials";

export type AriDriverOptions = DriverLinkOptions & {
  url: string;
  username: string;
  password: string;
  app?: string;
  /** How long connecting (the API description, the event WebSocket) may take. */
  connectTimeoutMs?: number;
};

const HANGUP_REASONS = { normal: "normal", busy: "busy", congestion: "congestion", no_answer: "no_answer" } as const;

/**
 * Asterisk through ARI: REST requests with ari-client, events over the `/ari/events` WebSocket,
 * which the driver opens itself so that reconnecting is the connection keeper's alone (ari-client
 * would otherwise retry its own socket behind the keeper's back). One Stasis application; channel
 * ids are Pacer's, so events can be matched before the originate reply comes back. Library errors
 * become PbxErrors or events: nothing here may reject unhandled or throw into the event loop.
 */
export class AriDriver extends EventEmitter implements PbxDriver {
  readonly kind = "asterisk" as const;
  readonly app: string;
  private client: AriClient | null = null;
  private events: WebSocket | null = null;
  private closed = false;
  private readonly keeper: ConnectionKeeper;
  private readonly calls = new AriCallEvents((event) => {
    if (event.type === "hangup") {
      this.monitors.ended(event.channelId);
      this.mohPlaybacks.delete(event.channelId);
    }
    // Music on hold played from a media URI is a playback on Asterisk, but it is no playback of the caller's.
    if (event.type === "playback_finished" && event.playbackId === mohPlaybackId(event.channelId)) return;
    this.emit("call", event);
    this.feedPrompt(event);
  });
  /** Prompts waiting for their answer (getDigits), by channel. */
  private readonly prompts = new Map<string, { id: string; collector: DigitCollector }>();
  /** Channels whose music on hold is a playback of a media URI (stopped as a playback). */
  private readonly mohPlaybacks = new Set<string>();
  private promptSeq = 0;
  private readonly monitors: AriMonitors;

  constructor(private readonly opts: AriDriverOptions) {
    super();
    this.app = opts.app ?? "pacer";
    this.monitors = new AriMonitors(this.app, (what, fn) => this.call(what, fn));
    this.keeper = keepDriverLink(this, {
      ...opts,
      defaultLabel: `ARI ${opts.url}`,
      attach: () => this.attach(),
      probe: () => this.call("health probe", (c) => c.asterisk.getInfo()),
      calls: {
        followed: () => this.calls.followed(),
        isFollowed: (id) => this.calls.follows(id),
        listChannels: () => this.listChannels(),
        endedUnseen: (id) => this.calls.finish(id, 0, new Date(), UNSEEN_HANGUP_TEXT),
      },
    });
  }

  health(): HealthStatus {
    return this.keeper.health();
  }

  /** Resolves once connected; if the first attempt fails it rejects and keeps retrying in the background. */
  async connect(): Promise<void> {
    this.closed = false;
    try {
      await this.keeper.start();
    } catch (err) {
      throw new PbxError("not_connected", `Cannot reach ARI at ${this.opts.url}: ${errorText(err)}`);
    }
  }

  /** One connection attempt: the REST API's description, then the application's event WebSocket. */
  private async attach(): Promise<void> {
    registerAriCredentials(this, this.opts.url, this.opts.username, this.opts.password);
    this.client = await withinMs(ari.connect(this.opts.url, this.opts.username, this.opts.password), this.opts.connectTimeoutMs ?? 5000, "loading the ARI description");
    const events = await this.openEvents();
    // Closed while connecting: the socket that opened meanwhile must not outlive the driver.
    if (this.closed) {
      events.terminate();
      throw new Error("driver closed");
    }
    this.events = events;
  }

  private openEvents(): Promise<WebSocket> {
    const url = new URL(this.opts.url);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.pathname = "/ari/events";
    url.search = new URLSearchParams({ app: this.app, api_key: `${this.opts.username}:${this.opts.password}` }).toString();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: this.opts.connectTimeoutMs ?? 5000 });
      let open = false;
      ws.on("unexpected-response", (_req, res) => {
        ws.terminate();
        reject(new Error(`event WebSocket refused: ${res.statusCode} ${res.statusMessage ?? ""}`.trim()));
      });
      ws.on("open", () => {
        open = true;
        resolve(ws);
      });
      ws.on("message", (data) => this.onMessage(String(data)));
      ws.on("error", (err) => {
        if (!open) reject(err);
        else this.keeper.noteError(err.message);
      });
      ws.on("close", (code, reason) => {
        if (!open) return reject(new Error(`event WebSocket closed (${code})`));
        if (this.events === ws) this.keeper.lost(`event WebSocket closed (${code}${reason.length ? ` ${reason}` : ""})`);
      });
    });
  }

  private onMessage(text: string) {
    let event: AriEvent | undefined;
    try {
      event = JSON.parse(text) as AriEvent;
      this.calls.onEvent(event);
    } catch (err) {
      this.keeper.noteError(`event ${event?.type ?? "(unreadable)"}: ${errorText(err)}`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.keeper.stop();
    unregisterAriCredentials(this);
    const events = this.events;
    this.events = null;
    this.client = null;
    events?.terminate();
  }

  private api(): AriClient {
    if (!this.client || !this.keeper.connected) throw new PbxError("not_connected", "ARI is not connected", true);
    return this.client;
  }

  /** Runs an ARI request, turning ari-client's errors (the reply body as the message) into PbxErrors. */
  private async call<T>(what: string, fn: (c: AriClient) => Promise<T>): Promise<T> {
    const client = this.api();
    try {
      return await fn(client);
    } catch (err) {
      throw toPbxError(what, err);
    }
  }

  async originate(req: OriginateRequest): Promise<void> {
    await linkUpForOriginate(this.keeper, "ARI");
    const params: Record<string, unknown> = {
      endpoint: req.endpoint,
      channelId: req.channelId,
      timeout: req.ringTimeoutSec,
      ...(req.callerId ? { callerId: req.callerId } : {}),
      ...(req.variables && Object.keys(req.variables).length ? { variables: req.variables } : {}),
    };
    if (req.onAnswer.kind === "control") {
      params.app = this.app;
      if (req.onAnswer.args?.length) params.appArgs = req.onAnswer.args.join(",");
    } else {
      params.context = req.onAnswer.context;
      params.extension = req.onAnswer.extension;
      params.priority = req.onAnswer.priority ?? 1;
    }
    this.calls.follow(req.channelId);
    try {
      await this.call("originate", (c) => c.channels.originate(params));
    } catch (err) {
      if (!(await this.placedDespite(err, req.channelId))) {
        this.calls.unfollow(req.channelId);
        throw err;
      }
    }
    this.calls.exists(req.channelId);
    if (req.onAnswer.kind === "dialplan") {
      // A channel sent to the dialplan is not ours until it enters Stasis; subscribe to follow it anyway.
      try {
        await this.call("subscribe", (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${req.channelId}` }));
      } catch {
        this.calls.finish(req.channelId, 0);
      }
    }
  }

  /**
   * A request cut by a drop may have reached Asterisk before the reply was lost: once the link is
   * back, a channel with our id says it did. Never sent again (it could have rung and ended already).
   */
  private async placedDespite(err: unknown, channelId: string): Promise<boolean> {
    if (!(err instanceof PbxError && err.code === "not_connected") || !(await this.keeper.whenUp(ORIGINATE_WAIT_MS))) return false;
    try {
      return (await this.listChannels()).some((c) => c.id === channelId);
    } catch {
      return false;
    }
  }

  async adopt(channelId: string, opts: { answered: boolean }): Promise<void> {
    this.calls.follow(channelId, { created: true, answered: opts.answered });
    try {
      await this.call("subscribe", (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
    } catch (err) {
      this.calls.unfollow(channelId);
      throw err;
    }
  }

  async hangup(channelId: string, cause: "normal" | "busy" | "congestion" | "no_answer" = "normal"): Promise<void> {
    await this.call("hangup", (c) => c.channels.hangup({ channelId, reason: HANGUP_REASONS[cause] }));
  }

  async answer(channelId: string): Promise<void> {
    await this.call("answer", (c) => c.channels.answer({ channelId }));
  }

  async play(channelId: string, media: string, playbackId?: string): Promise<string> {
    const id = playbackId ?? `pb-${channelId}-${Date.now().toString(36)}`;
    const uri = /^(sound|recording|tone|digits|number):/.test(media) ? media : `sound:${media}`;
    await this.call("play", (c) => c.channels.play({ channelId, media: uri, playbackId: id }));
    return id;
  }

  /** A class is Asterisk's own music on hold; a media URI is played once (ARI has no loop), under an id of its own. */
  async startMoh(channelId: string, music: string): Promise<void> {
    if (!music.includes(":")) {
      await this.call("start music on hold", (c) => c.channels.startMoh({ channelId, mohClass: music }));
      return;
    }
    await this.call("start music on hold", (c) => c.channels.play({ channelId, media: music, playbackId: mohPlaybackId(channelId) }));
    this.mohPlaybacks.add(channelId);
  }

  async stopMoh(channelId: string): Promise<void> {
    if (!this.mohPlaybacks.delete(channelId)) return this.call("stop music on hold", (c) => c.channels.stopMoh({ channelId }));
    try {
      await this.call("stop music on hold", (c) => c.playbacks.stop({ playbackId: mohPlaybackId(channelId) }));
    } catch (err) {
      // Played to its end already: nothing to stop.
      if (!(err instanceof PbxError && err.code === "not_found")) throw err;
    }
  }

  /**
   * A playback of the prompt, then the channel's DTMF collected by the driver (ARI has no
   * play-and-collect of its own): a digit during the prompt stops it, as play_and_get_digits does.
   */
  async getDigits(channelId: string, req: DigitsRequest): Promise<string> {
    const id = req.promptId ?? `prompt-${channelId}-${++this.promptSeq}`;
    this.prompts.get(channelId)?.collector.cancel();
    const collector = new DigitCollector(req, (digits) => {
      if (this.prompts.get(channelId)?.id === id) this.prompts.delete(channelId);
      this.call("stop prompt", (c) => c.playbacks.stop({ playbackId: id })).catch(() => undefined);
      this.emit("call", { type: "digits", channelId, at: new Date(), promptId: id, digits });
    });
    this.prompts.set(channelId, { id, collector });
    try {
      await this.play(channelId, req.media, id);
    } catch (err) {
      collector.cancel();
      this.prompts.delete(channelId);
      throw err;
    }
    return id;
  }

  private feedPrompt(event: CallEvent) {
    const prompt = this.prompts.get(event.channelId);
    if (!prompt) return;
    if (event.type === "dtmf") prompt.collector.digit(event.digit);
    else if (event.type === "playback_finished" && event.playbackId === prompt.id) prompt.collector.promptDone();
    else if (event.type === "hangup") {
      prompt.collector.cancel();
      this.prompts.delete(event.channelId);
    }
  }

  async startRecording(target: { channelId: string } | { bridgeId: string }, name: string, opts: { maxSec?: number } = {}): Promise<void> {
    const limit = opts.maxSec ? { maxDurationSeconds: Math.ceil(opts.maxSec) } : {};
    await this.call("record", (c) =>
      "channelId" in target
        ? c.channels.record({ channelId: target.channelId, name, format: "wav", ifExists: "overwrite", ...limit })
        : c.bridges.record({ bridgeId: target.bridgeId, name, format: "wav", ifExists: "overwrite", ...limit }),
    );
  }

  async stopRecording(name: string): Promise<void> {
    await this.call("stop recording", (c) => c.recordings.stop({ recordingName: name }));
  }

  async createBridge(bridgeId: string): Promise<void> {
    await this.call("create bridge", (c) => c.bridges.create({ bridgeId, type: "mixing" }));
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.call("add to bridge", (c) => c.bridges.addChannel({ bridgeId, channel: channelId }));
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.call("remove from bridge", (c) => c.bridges.removeChannel({ bridgeId, channel: channelId }));
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.call("destroy bridge", (c) => c.bridges.destroy({ bridgeId }));
  }

  async redirect(channelId: string, target: { context: string; extension: string; priority?: number }): Promise<void> {
    // Out of Stasis the application hears no more of the channel unless subscribed to it.
    if (this.calls.follows(channelId)) {
      await this.call("subscribe", (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
    }
    await this.call("continue", (c) => c.channels.continueInDialplan({ channelId, context: target.context, extension: target.extension, priority: target.priority ?? 1 }));
  }

  async getVar(channelId: string, name: string): Promise<string | null> {
    try {
      return (await this.call("get variable", (c) => c.channels.getChannelVar({ channelId, variable: name }))).value;
    } catch (err) {
      if (err instanceof PbxError && err.code === "not_found" && /variable/i.test(err.message)) return null;
      throw err;
    }
  }

  /** A snoop channel on the agent's leg bridged with the supervisor's (listen, whisper), or the agent's own bridge (barge): see ari-monitors.ts. */
  async startMonitor(channelId: string, target: MonitorTarget, mode: MonitorMode): Promise<void> {
    await this.monitors.start(channelId, target, mode);
  }

  async setMonitorMode(channelId: string, mode: MonitorMode): Promise<void> {
    await this.monitors.setMode(channelId, mode);
  }

  async listChannels(): Promise<LiveChannelInfo[]> {
    const list = await this.call("list channels", (c) => c.channels.list());
    return list.map((ch) => ({
      id: ch.id,
      name: ch.name,
      state: ch.state,
      callerNumber: ch.caller?.number ?? "",
      callerName: ch.caller?.name ?? "",
      connectedNumber: ch.connected?.number ?? "",
      connectedName: ch.connected?.name ?? "",
      createdAt: ch.creationtime,
    }));
  }
}

/** ari-client puts the reply body in the error message: `{"message":"Channel not found"}`. */
/** The playback id of a channel's music on hold when it is a media URI. */
const mohPlaybackId = (channelId: string) => `moh-${channelId}`;

function toPbxError(what: string, err: unknown): PbxError {
  if (err instanceof PbxError) return err;
  let text = errorText(err);
  try {
    const body = JSON.parse(text) as { message?: string; error?: string };
    text = body.message ?? body.error ?? text;
  } catch {
    /* not a JSON reply: a transport error */
  }
  const code = /not found|does not exist/i.test(text)
    ? "not_found"
    : /already exists|in use|not in stasis|conflict/i.test(text)
      ? "conflict"
      : /must be specified|missing|invalid|bad request/i.test(text)
        ? "bad_request"
        : /ECONNREFUSED|ECONNRESET|socket hang up|ETIMEDOUT/i.test(text)
          ? "not_connected"
          : "pbx_error";
  return new PbxError(code, `${what}: ${text}`);
}

/**
 * ari-client's connect never settles when the socket is reset while it loads the API description
 * (only refused, unreachable and timed-out hosts reject): an Asterisk restarting under us would
 * leave the link "connecting" for ever. The attempt gives up after `ms`; the keeper retries.
 */
function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
