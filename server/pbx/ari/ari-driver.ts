import { EventEmitter } from "node:events";
import ari, { type AriClient, type AriEvent } from "ari-client";
import { registerAriCredentials, unregisterAriCredentials } from "./credentials";
import { causeByCode, outcomeOfCause, outcomeOfDialStatus } from "../causes";
import { PbxError, type CallEvent, type HealthStatus, type LiveChannelInfo, type OriginateRequest, type PbxDriver } from "../driver";
import { logger } from "../../logger";

/*
 * ari-client's swagger-client (2.0.26) logs through a global `log` it defines on load: it prints
 * "deprecated version of Swagger" on every connect, to stdout, and keeps every message in an array
 * that never shrinks. Route it to our logger at debug level instead.
 */
(globalThis as { log?: (...args: unknown[]) => void }).log = (...args: unknown[]) => logger.debug({ args: args.map(String) }, "swagger-client");

export type AriDriverOptions = {
  url: string;
  username: string;
  password: string;
  app?: string;
  /** Backoff for reconnecting once ari-client's own WebSocket retries are exhausted. */
  reconnect?: { initialMs: number; maxMs: number };
  /** How often to measure the round-trip time. */
  healthIntervalMs?: number;
};

type Outcome = Extract<CallEvent, { type: "hangup" }>["outcome"];

/** What the driver remembers about a call it originated, until the channel is destroyed. */
type CallState = { created: boolean; ringing: boolean; answered: boolean; dialOutcome: Outcome | null; peerCause: number | null };

const DIAL_STATUS_CAUSE: Partial<Record<Outcome, number>> = { busy: 17, congestion: 34, no_answer: 19, unavailable: 1, cancelled: 16 };
const HANGUP_REASONS = { normal: "normal", busy: "busy", congestion: "congestion", no_answer: "no_answer" } as const;

/**
 * Asterisk through ARI, with ari-client. One Stasis application; channel ids are Pacer's, so
 * events can be matched before the originate reply comes back. Library errors become PbxErrors
 * or events: nothing here may reject unhandled or throw into the event loop.
 */
export class AriDriver extends EventEmitter implements PbxDriver {
  readonly kind = "asterisk" as const;
  readonly app: string;
  private client: AriClient | null = null;
  private connected = false;
  private closing = false;
  private lastError: string | null = null;
  private rttMs: number | null = null;
  private since: Date | null = null;
  private readonly calls = new Map<string, CallState>();
  private healthTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: AriDriverOptions) {
    super();
    this.app = opts.app ?? "pacer";
  }

  health(): HealthStatus {
    return { connected: this.connected, lastError: this.lastError, rttMs: this.rttMs, since: this.since };
  }

  /** Resolves once connected; if the first attempt fails it rejects and keeps retrying in the background. */
  async connect(): Promise<void> {
    this.closing = false;
    try {
      await this.attach();
    } catch (err) {
      this.lastError = errorText(err);
      this.scheduleReconnect(this.opts.reconnect?.initialMs ?? 500);
      throw new PbxError("not_connected", `Cannot reach ARI at ${this.opts.url}: ${this.lastError}`);
    }
  }

  private async attach(): Promise<void> {
    registerAriCredentials(this, this.opts.url, this.opts.username, this.opts.password);
    const client = await ari.connect(this.opts.url, this.opts.username, this.opts.password);
    client.on("*", (event: AriEvent) => {
      try {
        this.onEvent(event);
      } catch (err) {
        this.lastError = `event ${event?.type}: ${errorText(err)}`;
      }
    });
    client.on("WebSocketReconnecting", (err?: Error) => this.markDown(err ? err.message : "WebSocket closed"));
    client.on("WebSocketConnected", () => {
      if (!this.connected && this.client === client) this.markUp(true);
    });
    client.on("WebSocketMaxRetries", () => {
      if (this.client !== client) return;
      this.client = null;
      this.scheduleReconnect(this.opts.reconnect?.initialMs ?? 500);
    });
    await client.start(this.app);
    const wasDown = this.since !== null;
    this.client = client;
    this.markUp(wasDown);
    await this.measure();
    this.healthTimer ??= setInterval(() => void this.measure(), this.opts.healthIntervalMs ?? 15_000);
    this.healthTimer.unref();
  }

  private markUp(reconnected: boolean) {
    this.connected = true;
    this.since = new Date();
    this.lastError = null;
    if (reconnected) {
      this.emit("reconnected");
      void this.letGoOfVanishedCalls();
    }
  }

  /**
   * Calls that ended while the WebSocket was down will send no more events: stop following them
   * (as the ESL driver does). The dialer learns of them by reconciling with listChannels().
   */
  private async letGoOfVanishedCalls() {
    // Only calls known before the list was asked for: one originated meanwhile may not be in it yet.
    const followed = [...this.calls.keys()];
    if (followed.length === 0) return;
    try {
      const live = new Set((await this.listChannels()).map((c) => c.id));
      for (const id of followed) if (!live.has(id)) this.calls.delete(id);
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  private markDown(reason: string) {
    this.lastError = reason;
    if (!this.connected) return;
    this.connected = false;
    this.since = new Date();
    this.emit("disconnected", reason);
  }

  private scheduleReconnect(delayMs: number) {
    if (this.closing || this.retryTimer) return;
    this.markDown(this.lastError ?? "connection lost");
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = null;
      if (this.closing) return;
      try {
        await this.attach();
      } catch (err) {
        this.lastError = errorText(err);
        this.scheduleReconnect(Math.min(delayMs * 2, this.opts.reconnect?.maxMs ?? 10_000));
      }
    }, delayMs);
    this.retryTimer.unref();
  }

  private async measure() {
    const client = this.client;
    if (!client || !this.connected) return;
    const started = performance.now();
    try {
      await client.asterisk.getInfo();
      this.rttMs = Math.round((performance.now() - started) * 10) / 10;
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    unregisterAriCredentials(this);
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.healthTimer = this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) {
      try {
        client.stop();
      } catch {
        /* already closed */
      }
    }
  }

  private api(): AriClient {
    if (!this.client || !this.connected) throw new PbxError("not_connected", "ARI is not connected");
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
    this.calls.set(req.channelId, { created: false, ringing: false, answered: false, dialOutcome: null, peerCause: null });
    try {
      await this.call("originate", (c) => c.channels.originate(params));
    } catch (err) {
      this.calls.delete(req.channelId);
      throw err;
    }
    const call = this.calls.get(req.channelId);
    if (call) this.created(req.channelId, call, new Date());
    if (req.onAnswer.kind === "dialplan") {
      // A channel sent to the dialplan is not ours until it enters Stasis; subscribe to follow it anyway.
      try {
        await this.call("subscribe", (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${req.channelId}` }));
      } catch {
        if (this.calls.has(req.channelId)) this.finish(req.channelId, 0);
      }
    }
  }

  async adopt(channelId: string, opts: { answered: boolean }): Promise<void> {
    this.calls.set(channelId, { created: true, ringing: true, answered: opts.answered, dialOutcome: null, peerCause: null });
    try {
      await this.call("subscribe", (c) => c.applications.subscribe({ applicationName: this.app, eventSource: `channel:${channelId}` }));
    } catch (err) {
      this.calls.delete(channelId);
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

  async startRecording(target: { channelId: string } | { bridgeId: string }, name: string): Promise<void> {
    await this.call("record", (c) =>
      "channelId" in target
        ? c.channels.record({ channelId: target.channelId, name, format: "wav", ifExists: "overwrite" })
        : c.bridges.record({ bridgeId: target.bridgeId, name, format: "wav", ifExists: "overwrite" }),
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
    if (this.calls.has(channelId)) {
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

  private emitCall(event: CallEvent) {
    this.emit("call", event);
  }

  /** ARI events → normalised call events, for the channels this driver originated. */
  private onEvent(e: AriEvent) {
    const at = e.timestamp ? new Date(e.timestamp.replace(/([+-]\d\d)(\d\d)$/, "$1:$2")) : new Date();
    const channelId = e.channel?.id ?? e.peer?.id;
    if (channelId?.endsWith(";2")) {
      // The far half of a Local channel: only its cause matters (it carries the real one).
      const base = this.calls.get(channelId.slice(0, -2));
      if (base && e.type === "ChannelDestroyed" && typeof e.cause === "number") base.peerCause = e.cause;
      return;
    }
    switch (e.type) {
      case "Dial": {
        const call = this.calls.get(e.peer!.id);
        if (!call) return;
        if (e.dialstatus === "RINGING") this.ringing(e.peer!.id, call, at);
        else if (e.dialstatus === "PROGRESS") this.emitCall({ type: "progress", channelId: e.peer!.id, at });
        else if (e.dialstatus === "ANSWER") this.answered(e.peer!.id, call, at);
        else {
          const outcome = outcomeOfDialStatus(e.dialstatus ?? "");
          if (outcome) call.dialOutcome = outcome;
        }
        return;
      }
      case "ChannelStateChange": {
        const call = channelId ? this.calls.get(channelId) : undefined;
        if (!call || !channelId) return;
        if (e.channel!.state === "Ringing") this.ringing(channelId, call, at);
        else if (e.channel!.state === "Up") this.answered(channelId, call, at);
        return;
      }
      case "StasisStart": {
        const call = channelId ? this.calls.get(channelId) : undefined;
        if (!call || !channelId) return;
        this.answered(channelId, call, at);
        const [tag, verdict, detail] = e.args ?? [];
        if (tag === "amd" && (verdict === "HUMAN" || verdict === "MACHINE" || verdict === "NOTSURE")) {
          this.emitCall({ type: "amd", channelId, at, result: verdict, detail: detail ?? "" });
        }
        return;
      }
      case "ChannelDtmfReceived":
        if (channelId && this.calls.has(channelId)) this.emitCall({ type: "dtmf", channelId, at, digit: e.digit ?? "", durationMs: e.duration_ms ?? 0 });
        return;
      case "ChannelEnteredBridge":
      case "ChannelLeftBridge":
        if (channelId && this.calls.has(channelId)) {
          this.emitCall({ type: e.type === "ChannelEnteredBridge" ? "bridge_entered" : "bridge_left", channelId, at, bridgeId: e.bridge!.id });
        }
        return;
      case "PlaybackFinished": {
        const target = e.playback!.target_uri.replace(/^channel:/, "");
        this.emitCall({ type: "playback_finished", channelId: target, at, playbackId: e.playback!.id, status: e.playback!.state === "failed" ? "failed" : "done" });
        return;
      }
      case "RecordingFinished":
      case "RecordingFailed": {
        const target = e.recording!.target_uri.replace(/^(channel|bridge):/, "");
        this.emitCall({ type: "recording_finished", channelId: target, at, recordingName: e.recording!.name });
        return;
      }
      case "ChannelDestroyed":
        if (channelId && this.calls.has(channelId)) this.finish(channelId, e.cause ?? 0, at);
        return;
    }
  }

  /** Events can beat the originate reply; `created` still comes first. */
  private created(channelId: string, call: CallState, at: Date) {
    if (call.created) return;
    call.created = true;
    this.emitCall({ type: "created", channelId, at });
  }

  private ringing(channelId: string, call: CallState, at: Date) {
    this.created(channelId, call, at);
    if (call.ringing || call.answered) return;
    call.ringing = true;
    this.emitCall({ type: "ringing", channelId, at });
  }

  private answered(channelId: string, call: CallState, at: Date) {
    this.created(channelId, call, at);
    if (call.answered) return;
    call.answered = true;
    this.emitCall({ type: "answered", channelId, at });
  }

  /**
   * The channel is gone. Through Local channels a refused call ends with cause 0 on our half while
   * the Dial status (and the far half) say what happened, so those win over a zero cause.
   */
  private finish(channelId: string, rawCause: number, at = new Date()) {
    const call = this.calls.get(channelId);
    if (!call) return;
    this.created(channelId, call, at);
    this.calls.delete(channelId);
    let code = rawCause;
    if (code === 0) code = call.peerCause ?? (call.dialOutcome ? (DIAL_STATUS_CAUSE[call.dialOutcome] ?? 0) : 0);
    let outcome: Outcome = call.answered ? "answered" : (call.dialOutcome ?? outcomeOfCause(code, false));
    // Asterisk reports an unallocated number as Dial NOANSWER with cause 1.
    if (outcome === "no_answer" && [1, 3, 28].includes(code)) outcome = "unavailable";
    const cause = causeByCode(code);
    this.emitCall({ type: "hangup", channelId, at, outcome, cause: cause.code, causeText: cause.text, sipCode: null });
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** ari-client puts the reply body in the error message: `{"message":"Channel not found"}`. */
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
