import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import modesl, { type Connection, type Event as EslMessage } from "modesl";
import { causeByCode, causeByName, outcomeOfCause } from "../causes";
import { PbxError, type CallEvent, type HealthStatus, type LiveChannelInfo, type OriginateRequest, type PbxDriver } from "../driver";
import { channelVariables, checkDialString, parseCallerId, token } from "./dial-strings";

export type EslDriverOptions = {
  host: string;
  port: number;
  password: string;
  /** Backoff between reconnection attempts (modesl itself never reconnects). */
  reconnect?: { initialMs: number; maxMs: number };
  /** How often to measure the round-trip time with `api status`. */
  healthIntervalMs?: number;
  /** How long a command may wait for its reply. */
  commandTimeoutMs?: number;
  /** How long connecting (TCP, auth, subscription) may take. */
  connectTimeoutMs?: number;
  /** Where FreeSWITCH writes recordings: `<dir>/<name>.wav`. */
  recordingDir?: string;
};

/**
 * The events the driver follows. modesl adds BACKGROUND_JOB and CHANNEL_EXECUTE_COMPLETE anyway;
 * CUSTOM comes last because the words after it name the subclasses (mod_amd's verdict).
 */
const EVENTS = [
  "CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE",
  "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "DTMF", "PLAYBACK_STOP", "RECORD_STOP",
  "BACKGROUND_JOB", "CUSTOM", "mod_amd::info",
];

const KILL_CAUSES = { normal: "NORMAL_CLEARING", busy: "USER_BUSY", congestion: "NORMAL_CIRCUIT_CONGESTION", no_answer: "NO_ANSWER" } as const;

/** A playback started with uuid_broadcast, until its CHANNEL_EXECUTE_COMPLETE says how it went. */
type Playback = { id: string; path: string; stopped: boolean };

/** What the driver remembers about a call it originated, until it hangs up. */
type CallState = { jobId: string | null; created: boolean; ringing: boolean; progress: boolean; answered: boolean; playbacks: Playback[] };

/** A channel's place in a bridge; `leaving` once it was asked out and FreeSWITCH has yet to confirm. */
type Membership = { bridgeId: string; entered: boolean; leaving: boolean };

type Pending = { reject: (err: PbxError) => void; timer: NodeJS.Timeout };

/**
 * FreeSWITCH through its event socket, with modesl. Calls are originated with `bgapi originate`
 * and `origination_uuid` = Pacer's channel id, so every event of the call carries that id; only
 * those channels produce call events (the far half of a loopback call is FreeSWITCH's business).
 *
 * FreeSWITCH has no bridge objects, so a Pacer bridge is kept here and made of `uuid_bridge`: the
 * first channel added waits parked (it has "entered" an empty bridge, as in a mixing bridge of one,
 * and hears nothing); the second is uuid_bridge'd to it. A bridge therefore holds two channels.
 * Channels are originated with `park_after_bridge=true`, so whoever stays behind when the other
 * leaves stays parked, under Pacer's control, like a channel left alone in an ARI bridge. Leaving
 * is `uuid_park`. Recording a bridge records one of its channels, which FreeSWITCH does with both
 * parties' audio.
 *
 * modesl never reconnects and reports failures as `error` events; both are handled here, so
 * nothing rejects unhandled or throws into the event loop.
 */
export class EslDriver extends EventEmitter implements PbxDriver {
  readonly kind = "freeswitch" as const;
  private conn: Connection | null = null;
  private socket: Socket | null = null;
  /** The socket of a connection attempt still under way (closed at once by close()). */
  private attempting: Socket | null = null;
  private connected = false;
  private closing = false;
  private lastError: string | null = null;
  private rttMs: number | null = null;
  private since: Date | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Pending>();
  private readonly calls = new Map<string, CallState>();
  /** bgapi Job-UUID → the channel it originates. */
  private readonly jobs = new Map<string, string>();
  private readonly bridges = new Map<string, string[]>();
  private readonly memberships = new Map<string, Membership>();
  private readonly recordings = new Map<string, { channelId: string; path: string; bridgeId: string | null }>();
  /** Calls followed when the connection dropped: after reconnecting, those FreeSWITCH no longer has are let go. */
  private unconfirmed: Set<string> | null = null;
  private playbackSeq = 0;

  constructor(private readonly opts: EslDriverOptions) {
    super();
  }

  health(): HealthStatus {
    return { connected: this.connected, lastError: this.lastError, rttMs: this.rttMs, since: this.since };
  }

  /** Resolves once connected and subscribed; if that fails it rejects and keeps retrying in the background. */
  async connect(): Promise<void> {
    if (this.connected) return;
    this.closing = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    try {
      await this.attach();
    } catch (err) {
      this.lastError = errorText(err);
      this.scheduleReconnect(this.opts.reconnect?.initialMs ?? 500);
      throw new PbxError("not_connected", `Cannot connect to FreeSWITCH at ${this.opts.host}:${this.opts.port}: ${this.lastError}`);
    }
    await this.startHealthChecks();
  }

  /** Measures the round-trip time now, then every healthIntervalMs. */
  private async startHealthChecks() {
    await this.measure();
    this.healthTimer ??= setInterval(() => void this.measure(), this.opts.healthIntervalMs ?? 15_000);
    this.healthTimer.unref();
  }

  /** One connection attempt: TCP, `auth`, then the event subscription. */
  private attach(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let conn: Connection | null = null;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.attempting = null;
        conn?.socket?.destroy();
        reject(err);
      };
      const timeoutMs = this.opts.connectTimeoutMs ?? 5000;
      const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      try {
        conn = new modesl.Connection(this.opts.host, this.opts.port, this.opts.password, () => subscribe());
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const connection = conn;
      // modesl drops its socket reference when the peer ends the stream; keep ours to see the close.
      const socket = connection.socket!;
      this.attempting = socket;
      // modesl writes a command in pieces; without this, Nagle holds the tail back for an ACK.
      socket.setNoDelay(true);
      connection.on("error", (err) => {
        if (!settled) fail(err);
        else this.lastError = err.message;
      });
      connection.on("esl::event::auth::fail", () => fail(new Error("authentication refused (wrong ESL password?)")));
      // modesl also emits its own notices here (auth::success…) without frame headers. Events may
      // come before the subscription is confirmed (a BACKGROUND_JOB goes to every listener).
      connection.on("esl::event::**", (message, headers) => {
        if (headers?.["Content-Type"] === "text/event-json" && (this.conn === connection || !settled)) this.onMessage(message);
      });
      socket.once("close", () => {
        if (!settled) fail(new Error(this.lastError ?? "connection closed"));
        else this.lost(connection, this.lastError ?? "connection closed by FreeSWITCH");
      });
      const subscribe = () =>
        connection.events("json", [...EVENTS], (reply) => {
          const text = String(reply.getHeader("Reply-Text") ?? "");
          if (!text.startsWith("+OK")) return fail(new Error(`event subscription refused: ${text}`));
          if (settled) return;
          if (this.closing) return fail(new Error("driver closed"));
          settled = true;
          clearTimeout(timer);
          this.attempting = null;
          this.conn = connection;
          this.socket = socket;
          this.connected = true;
          this.since = new Date();
          this.lastError = null;
          resolve();
        });
    });
  }

  private lost(conn: Connection, reason: string) {
    if (this.conn !== conn) return;
    this.conn = null;
    this.socket = null;
    this.unconfirmed = new Set(this.calls.keys());
    this.failPending(`connection lost: ${reason}`);
    this.lastError = reason;
    if (this.connected) {
      this.connected = false;
      this.since = new Date();
      this.emit("disconnected", reason);
    }
    this.scheduleReconnect(this.opts.reconnect?.initialMs ?? 500);
  }

  private scheduleReconnect(delayMs: number) {
    if (this.closing || this.retryTimer) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = null;
      if (this.closing) return;
      try {
        await this.attach();
      } catch (err) {
        this.lastError = errorText(err);
        this.scheduleReconnect(Math.min(delayMs * 2, this.opts.reconnect?.maxMs ?? 10_000));
        return;
      }
      await this.startHealthChecks();
      this.emit("reconnected");
      await this.letGoOfVanishedCalls();
    }, delayMs);
    this.retryTimer.unref();
  }

  /** Calls that ended while the connection was down will send no more events: stop following them. */
  private async letGoOfVanishedCalls() {
    const candidates = this.unconfirmed;
    this.unconfirmed = null;
    if (!candidates?.size) return;
    try {
      const live = new Set((await this.listChannels()).map((c) => c.id));
      for (const id of candidates) if (!live.has(id)) this.forget(id);
    } catch {
      // The connection went again; the next reconnection retries with the same calls.
      this.unconfirmed = new Set([...(this.unconfirmed ?? []), ...candidates]);
    }
  }

  private async measure() {
    if (!this.connected) return;
    const started = performance.now();
    try {
      await this.api("status");
      this.rttMs = Math.round((performance.now() - started) * 10) / 10;
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.healthTimer = this.retryTimer = null;
    this.failPending("driver closed");
    this.attempting?.destroy();
    this.attempting = null;
    const socket = this.socket;
    this.conn = null;
    this.socket = null;
    this.connected = false;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.end("exit\n\n");
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    }
  }

  private failPending(reason: string) {
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.reject(new PbxError("not_connected", reason));
    }
    this.pending.clear();
  }

  // ---------------------------------------------------------------- commands

  /** Sends a command and waits for its reply, within the timeout; rejects at once when disconnected. */
  private request(what: string, send: (conn: Connection, done: (reply: EslMessage) => void) => void): Promise<EslMessage> {
    const conn = this.conn;
    if (!conn || !this.connected) return Promise.reject(new PbxError("not_connected", `${what}: FreeSWITCH is not connected`));
    const timeoutMs = this.opts.commandTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        reject,
        timer: setTimeout(() => {
          if (this.pending.delete(entry)) reject(new PbxError("timeout", `${what}: no reply within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      entry.timer.unref();
      this.pending.add(entry);
      send(conn, (reply) => {
        if (!this.pending.delete(entry)) return;
        clearTimeout(entry.timer);
        resolve(reply);
      });
    });
  }

  /** `api <command>`: the response body, whatever it says. */
  private async api(command: string): Promise<string> {
    const reply = await this.request(command.split(" ", 1)[0], (conn, done) => conn.api(command, done));
    return reply.getBody();
  }

  /** `api <command>`, turning a `-ERR …`/`-USAGE …` answer into a PbxError. */
  private async run(what: string, command: string): Promise<string> {
    const body = await this.api(command);
    if (body.startsWith("-")) throw toPbxError(what, body);
    return body;
  }

  async originate(req: OriginateRequest): Promise<void> {
    const id = token(req.channelId, "channel id");
    if (this.calls.has(id)) throw new PbxError("conflict", `Channel ${id} is already in use`);
    const endpoint = checkDialString(req.endpoint);
    if (!(req.ringTimeoutSec > 0)) throw new PbxError("bad_request", `Invalid ring timeout ${req.ringTimeoutSec}`);
    const caller = req.callerId ? parseCallerId(req.callerId) : null;
    const vars = channelVariables({
      ...req.variables,
      origination_uuid: id,
      originate_timeout: String(Math.ceil(req.ringTimeoutSec)),
      ...(caller?.number ? { origination_caller_id_number: caller.number } : {}),
      ...(caller?.name ? { origination_caller_id_name: caller.name } : {}),
      park_after_bridge: "true",
      // ARI hands these to the application when the call enters it; here they stay readable with getVar.
      ...(req.onAnswer.kind === "control" && req.onAnswer.args?.length ? { pacer_args: req.onAnswer.args.join(",") } : {}),
    });
    const destination = req.onAnswer.kind === "control" ? "&park()" : `${token(req.onAnswer.extension, "extension")} XML ${token(req.onAnswer.context, "context")}`;
    if (!this.connected) throw new PbxError("not_connected", "originate: FreeSWITCH is not connected");

    const jobId = randomUUID();
    this.calls.set(id, { jobId, created: false, ringing: false, progress: false, answered: false, playbacks: [] });
    this.jobs.set(jobId, id);
    // Without a reply (timeout, dropped connection) the call may exist: it stays followed, and is
    // let go after a reconnection if FreeSWITCH does not list it.
    const reply = await this.request("originate", (conn, done) => conn.sendRecv(`bgapi originate ${vars}${endpoint} ${destination}`, { "Job-UUID": jobId }, done));
    const text = String(reply.getHeader("Reply-Text") ?? "");
    if (!text.startsWith("+OK")) {
      this.forget(id);
      throw toPbxError("originate", text);
    }
  }

  async hangup(channelId: string, cause: "normal" | "busy" | "congestion" | "no_answer" = "normal"): Promise<void> {
    await this.run("hangup", `uuid_kill ${token(channelId, "channel id")} ${KILL_CAUSES[cause]}`);
  }

  async answer(channelId: string): Promise<void> {
    await this.run("answer", `uuid_answer ${token(channelId, "channel id")}`);
  }

  /**
   * Plays a file (FreeSWITCH path or sound name; an ARI-style `sound:` prefix is dropped) with
   * uuid_broadcast. FreeSWITCH accepts a broadcast to any uuid, so the channel must be one of ours.
   */
  async play(channelId: string, media: string, playbackId?: string): Promise<string> {
    const call = this.calls.get(channelId);
    if (!call) throw new PbxError("not_found", `play: channel ${channelId} not found`);
    const id = playbackId ?? `pb-${channelId}-${++this.playbackSeq}`;
    if (call.playbacks.some((p) => p.id === id)) throw new PbxError("conflict", `play: playback ${id} is already playing`);
    const path = token(media.replace(/^sound:/, ""), "media");
    const playback: Playback = { id, path, stopped: false };
    call.playbacks.push(playback);
    try {
      await this.run("play", `uuid_broadcast ${channelId} ${path} aleg`);
    } catch (err) {
      call.playbacks = call.playbacks.filter((p) => p !== playback);
      throw err;
    }
    return id;
  }

  async startRecording(target: { channelId: string } | { bridgeId: string }, name: string): Promise<void> {
    if (token(name, "recording name").includes("/")) throw new PbxError("bad_request", `Invalid recording name '${name}'`);
    if (this.recordings.has(name)) throw new PbxError("conflict", `Recording '${name}' already in progress`);
    let channelId: string;
    let bridgeId: string | null = null;
    if ("channelId" in target) channelId = token(target.channelId, "channel id");
    else {
      const members = this.bridges.get(target.bridgeId);
      if (!members) throw new PbxError("not_found", `record: bridge ${target.bridgeId} not found`);
      const member = members.find((m) => !this.memberships.get(m)?.leaving);
      if (!member) throw new PbxError("conflict", `record: bridge ${target.bridgeId} is empty`);
      channelId = member;
      bridgeId = target.bridgeId;
    }
    const path = `${this.opts.recordingDir ?? "/var/lib/freeswitch/recordings"}/${name}.wav`;
    this.recordings.set(name, { channelId, path, bridgeId });
    try {
      await this.run("record", `uuid_record ${channelId} start ${path}`);
    } catch (err) {
      this.recordings.delete(name);
      throw err;
    }
  }

  /** recording_finished follows, when FreeSWITCH reports RECORD_STOP. */
  async stopRecording(name: string): Promise<void> {
    const rec = this.recordings.get(name);
    if (!rec) throw new PbxError("not_found", `stop recording: recording '${name}' not found`);
    await this.run("stop recording", `uuid_record ${rec.channelId} stop ${rec.path}`);
  }

  async createBridge(bridgeId: string): Promise<void> {
    if (!this.bridges.has(token(bridgeId, "bridge id"))) this.bridges.set(bridgeId, []);
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    const members = this.bridges.get(bridgeId);
    if (!members) throw new PbxError("not_found", `add to bridge: bridge ${bridgeId} not found`);
    if (!this.calls.has(channelId)) throw new PbxError("not_found", `add to bridge: channel ${channelId} not found`);
    const current = this.memberships.get(channelId);
    if (current?.bridgeId === bridgeId && !current.leaving) return;
    if (current) {
      // Moving from another bridge: out of it first. Its CHANNEL_UNBRIDGE would arrive after the
      // new membership exists, so the old one ends here.
      if (!current.leaving) await this.takeOut([channelId]);
      const old = this.memberships.get(channelId);
      if (old) this.leave(channelId, old, new Date());
    }
    const staying = this.staying(members);
    if (staying.length >= 2) throw new PbxError("conflict", `add to bridge: bridge ${bridgeId} already joins two channels (a FreeSWITCH bridge is a pair)`);
    const membership: Membership = { bridgeId, entered: false, leaving: false };
    this.memberships.set(channelId, membership);
    members.push(channelId);
    if (!staying.length) {
      this.enter(channelId, membership, new Date());
      return;
    }
    try {
      // bridge_entered follows with CHANNEL_BRIDGE.
      await this.run("add to bridge", `uuid_bridge ${channelId} ${staying[0]}`);
    } catch (err) {
      this.memberships.delete(channelId);
      members.splice(members.indexOf(channelId), 1);
      throw err;
    }
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    if (!this.bridges.has(bridgeId)) throw new PbxError("not_found", `remove from bridge: bridge ${bridgeId} not found`);
    const membership = this.memberships.get(channelId);
    if (!membership || membership.bridgeId !== bridgeId) throw new PbxError("conflict", `remove from bridge: channel ${channelId} is not in bridge ${bridgeId}`);
    if (membership.leaving) return;
    await this.takeOut([channelId]);
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    const members = this.bridges.get(bridgeId);
    if (!members) throw new PbxError("not_found", `destroy bridge: bridge ${bridgeId} not found`);
    for (const [name, rec] of this.recordings) {
      if (rec.bridgeId === bridgeId) await this.stopRecording(name);
    }
    await this.takeOut(this.staying(members));
    this.bridges.delete(bridgeId);
  }

  /**
   * Takes channels out of their bridge. Bridged channels are parked (`uuid_park`; the partner
   * parks by itself) and leave when CHANNEL_UNBRIDGE confirms; a channel alone leaves at once.
   */
  private async takeOut(channelIds: string[]) {
    const linked: string[] = [];
    for (const id of channelIds) {
      const m = this.memberships.get(id);
      if (!m || m.leaving) continue;
      if (this.partnerOf(id, m)) {
        m.leaving = true;
        linked.push(id);
      } else this.leave(id, m, new Date());
    }
    if (!linked.length) return;
    try {
      await this.run("remove from bridge", `uuid_park ${linked[0]}`);
    } catch (err) {
      for (const id of linked) {
        const m = this.memberships.get(id);
        if (m) m.leaving = false;
      }
      throw err;
    }
  }

  async adopt(channelId: string, opts: { answered: boolean }): Promise<void> {
    const id = token(channelId, "channel id");
    if (!this.calls.has(id)) this.calls.set(id, { jobId: null, created: true, ringing: true, progress: false, answered: opts.answered, playbacks: [] });
  }

  /** uuid_transfer to `<extension> XML <context>` (FreeSWITCH's dialplan has no priorities). */
  async redirect(channelId: string, target: { context: string; extension: string; priority?: number }): Promise<void> {
    const command = `uuid_transfer ${token(channelId, "channel id")} ${token(target.extension, "extension")} XML ${token(target.context, "context")}`;
    const m = this.memberships.get(channelId);
    const linked = m && !m.leaving && this.partnerOf(channelId, m);
    if (m && linked) m.leaving = true;
    try {
      await this.run("redirect", command);
    } catch (err) {
      if (m && linked) m.leaving = false;
      throw err;
    }
    if (m && !linked && !m.leaving) this.leave(channelId, m, new Date());
  }

  async getVar(channelId: string, name: string): Promise<string | null> {
    const value = await this.run("get variable", `uuid_getvar ${token(channelId, "channel id")} ${token(name, "variable name")}`);
    return value === "_undef_" ? null : value;
  }

  /** FreeSWITCH's channels, without the far halves of loopback calls (they are not calls of their own). */
  async listChannels(): Promise<LiveChannelInfo[]> {
    const body = await this.run("list channels", "show channels as json");
    let parsed: { rows?: Record<string, string>[] };
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new PbxError("pbx_error", `list channels: unreadable reply ${JSON.stringify(body.slice(0, 80))}`);
    }
    return (parsed.rows ?? [])
      .filter((r) => !(r.name?.startsWith("loopback/") && r.name.endsWith("-b")))
      .map((r) => ({
        id: r.uuid,
        name: r.name ?? "",
        state: CALL_STATES[r.callstate] ?? "Down",
        callerNumber: r.cid_num ?? "",
        callerName: r.cid_name ?? "",
        connectedNumber: r.callee_num ?? "",
        connectedName: r.callee_name ?? "",
        createdAt: new Date(Number(r.created_epoch) * 1000).toISOString(),
      }));
  }

  // ---------------------------------------------------------------- events

  private onMessage(message: EslMessage) {
    try {
      this.onEvent(message);
    } catch (err) {
      this.lastError = `event ${message.getHeader("Event-Name")}: ${errorText(err)}`;
    }
  }

  private emitCall(event: CallEvent) {
    this.emit("call", event);
  }

  /** FreeSWITCH events → normalised call events, for the channels this driver originated. */
  private onEvent(e: EslMessage) {
    const name = e.getHeader("Event-Name");
    const at = eventTime(e);
    if (name === "BACKGROUND_JOB") return this.onJob(e, at);
    if (name === "CHANNEL_BRIDGE") return this.onBridged(e, at);
    if (name === "CHANNEL_UNBRIDGE") return this.onUnbridged(e, at);
    if (name === "RECORD_STOP") return this.onRecordStop(e, at);
    const channelId = e.getHeader("Unique-ID") ?? "";
    const call = this.calls.get(channelId);
    if (!call) return;
    switch (name) {
      case "CHANNEL_CREATE":
        return this.created(channelId, call, at);
      case "CHANNEL_PROGRESS":
        this.created(channelId, call, at);
        if (call.ringing || call.answered) return;
        call.ringing = true;
        return this.emitCall({ type: "ringing", channelId, at });
      case "CHANNEL_PROGRESS_MEDIA":
        this.created(channelId, call, at);
        if (call.progress || call.answered) return;
        call.progress = true;
        return this.emitCall({ type: "progress", channelId, at });
      case "CHANNEL_ANSWER":
        this.created(channelId, call, at);
        if (call.answered) return;
        call.answered = true;
        return this.emitCall({ type: "answered", channelId, at });
      case "CUSTOM": {
        if (e.getHeader("Event-Subclass") !== "mod_amd::info") return;
        const result = AMD_RESULTS[e.getHeader("variable_amd_result") ?? ""];
        if (result) this.emitCall({ type: "amd", channelId, at, result, detail: e.getHeader("variable_amd_cause") ?? "" });
        return;
      }
      case "DTMF": {
        const rate = Number(e.getHeader("Channel-Read-Codec-Rate")) || 8000;
        const samples = Number(e.getHeader("DTMF-Duration")) || 0;
        return this.emitCall({ type: "dtmf", channelId, at, digit: e.getHeader("DTMF-Digit") ?? "", durationMs: Math.round((samples * 1000) / rate) });
      }
      case "PLAYBACK_STOP": {
        const playback = call.playbacks.find((p) => p.path === e.getHeader("Playback-File-Path") && !p.stopped);
        if (!playback) return;
        playback.stopped = true;
        if (e.getHeader("Playback-Status") === "break") this.playbackFinished(channelId, call, playback, "stopped", at);
        return;
      }
      case "CHANNEL_EXECUTE_COMPLETE": {
        if (e.getHeader("Application") !== "playback") return;
        const playback = call.playbacks.find((p) => p.path === e.getHeader("Application-Data"));
        if (!playback) return;
        // FILE PLAYED; PLAYBACK ERROR when cut (by a hang-up); FILE NOT FOUND when it never started.
        const status = e.getHeader("Application-Response") === "FILE PLAYED" ? "done" : playback.stopped ? "stopped" : "failed";
        return this.playbackFinished(channelId, call, playback, status, at);
      }
      case "CHANNEL_HANGUP_COMPLETE": {
        const q850 = Number.parseInt(e.getHeader("variable_hangup_cause_q850") ?? "", 10);
        const sip = Number.parseInt(e.getHeader("variable_sip_term_status") ?? (e.getHeader("variable_proto_specific_hangup_cause") ?? "").replace(/^sip:/, ""), 10);
        const answered = call.answered || (e.getHeader("Caller-Channel-Answered-Time") ?? "0") !== "0";
        this.created(channelId, call, at);
        return this.finish(channelId, call, at, {
          name: e.getHeader("Hangup-Cause") ?? "NONE",
          code: Number.isNaN(q850) ? null : q850,
          sipCode: Number.isNaN(sip) ? null : sip,
          answered,
        });
      }
    }
  }

  /** `+OK <uuid>` needs nothing; `-ERR <CAUSE>` for a call that never got a channel is its hang-up. */
  private onJob(e: EslMessage, at: Date) {
    const channelId = this.jobs.get(e.getHeader("Job-UUID") ?? "");
    if (!channelId) return;
    this.jobs.delete(e.getHeader("Job-UUID")!);
    const call = this.calls.get(channelId);
    if (!call) return;
    call.jobId = null;
    const body = e.getBody().trim();
    // A channel that exists reports its own hang-up, with the Q.850 code and SIP status.
    if (body.startsWith("+OK") || call.created) return;
    const name = /^-ERR\s+(\S+)/.exec(body)?.[1] ?? body;
    this.finish(channelId, call, at, { name, code: null, sipCode: null, answered: false });
  }

  private onBridged(e: EslMessage, at: Date) {
    for (const id of [e.getHeader("Bridge-A-Unique-ID"), e.getHeader("Bridge-B-Unique-ID")]) {
      const m = id ? this.memberships.get(id) : undefined;
      if (id && m && !m.entered) this.enter(id, m, at);
    }
  }

  /** Only channels asked out leave; the one staying behind is still in the (now one-channel) bridge. */
  private onUnbridged(e: EslMessage, at: Date) {
    for (const id of [e.getHeader("Bridge-A-Unique-ID"), e.getHeader("Bridge-B-Unique-ID")]) {
      const m = id ? this.memberships.get(id) : undefined;
      if (id && m?.leaving) this.leave(id, m, at);
    }
  }

  private onRecordStop(e: EslMessage, at: Date) {
    const path = e.getHeader("Record-File-Path");
    for (const [name, rec] of this.recordings) {
      if (rec.path !== path) continue;
      this.recordings.delete(name);
      this.emitCall({ type: "recording_finished", channelId: e.getHeader("Unique-ID") ?? rec.channelId, at, recordingName: name });
      return;
    }
  }

  /** `created` comes first, even when FreeSWITCH's CHANNEL_CREATE was missed. */
  private created(channelId: string, call: CallState, at: Date) {
    if (call.created) return;
    call.created = true;
    this.emitCall({ type: "created", channelId, at });
  }

  private playbackFinished(channelId: string, call: CallState, playback: Playback, status: "done" | "failed" | "stopped", at: Date) {
    call.playbacks = call.playbacks.filter((p) => p !== playback);
    this.emitCall({ type: "playback_finished", channelId, at, playbackId: playback.id, status });
  }

  private enter(channelId: string, m: Membership, at: Date) {
    m.entered = true;
    this.emitCall({ type: "bridge_entered", channelId, at, bridgeId: m.bridgeId });
  }

  private leave(channelId: string, m: Membership, at: Date) {
    this.memberships.delete(channelId);
    const members = this.bridges.get(m.bridgeId);
    if (members?.includes(channelId)) members.splice(members.indexOf(channelId), 1);
    if (m.entered) this.emitCall({ type: "bridge_left", channelId, at, bridgeId: m.bridgeId });
  }

  private staying(members: string[]): string[] {
    return members.filter((id) => !this.memberships.get(id)?.leaving);
  }

  private partnerOf(channelId: string, m: Membership): string | undefined {
    return this.staying(this.bridges.get(m.bridgeId) ?? []).find((id) => id !== channelId);
  }

  /** The call is over: what it was still doing ends first (playbacks, its bridge), then `hangup`. */
  private finish(channelId: string, call: CallState, at: Date, how: { name: string; code: number | null; sipCode: number | null; answered: boolean }) {
    for (const playback of [...call.playbacks]) this.playbackFinished(channelId, call, playback, "stopped", at);
    const m = this.memberships.get(channelId);
    if (m) this.leave(channelId, m, at);
    this.forget(channelId);
    const code = how.code ?? causeByName(how.name).code;
    const known = causeByCode(code);
    const causeText = known.name === `CAUSE_${code}` || code === 0 ? causeByName(how.name).text : known.text;
    this.emitCall({ type: "hangup", channelId, at, outcome: outcomeOfCause(code, how.answered), cause: code, causeText, sipCode: how.sipCode });
  }

  private forget(channelId: string) {
    const call = this.calls.get(channelId);
    if (call?.jobId) this.jobs.delete(call.jobId);
    this.calls.delete(channelId);
    const m = this.memberships.get(channelId);
    if (m) {
      this.memberships.delete(channelId);
      const members = this.bridges.get(m.bridgeId);
      if (members?.includes(channelId)) members.splice(members.indexOf(channelId), 1);
    }
    for (const [name, rec] of this.recordings) if (rec.channelId === channelId) this.recordings.delete(name);
  }
}

const AMD_RESULTS: Record<string, "HUMAN" | "MACHINE" | "NOTSURE"> = { HUMAN: "HUMAN", MACHINE: "MACHINE", NOT_SURE: "NOTSURE", NOTSURE: "NOTSURE" };

/** FreeSWITCH call states in the words ARI uses for channel states. */
const CALL_STATES: Record<string, string> = { DOWN: "Down", DIALING: "Down", RINGING: "Ringing", EARLY: "Ringing", RING_WAIT: "Ringing", ACTIVE: "Up", HELD: "Up", HANGUP: "Down" };

function eventTime(e: EslMessage): Date {
  const us = Number(e.getHeader("Event-Date-Timestamp"));
  return us > 0 ? new Date(us / 1000) : new Date();
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** FreeSWITCH's refusals: `-ERR No such channel!`, `-ERR Invalid uuid`, `-ERROR`, `-USAGE: …`. */
function toPbxError(what: string, reply: string): PbxError {
  const text = reply.trim();
  const code = /no such channel|cannot locate session|invalid uuid|^-ERROR$/i.test(text)
    ? "not_found"
    : /command not found|^-USAGE/i.test(text)
      ? "bad_request"
      : "pbx_error";
  return new PbxError(code, `${what}: ${text}`);
}
