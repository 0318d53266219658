import { EventEmitter } from "node:events";
import { hearersOf, heardBy, type AudioEavesdrop, type SnoopDirection } from "./audio-paths";
import { parseEndpoint } from "./endpoint";
import { OutcomeSampler, type CallFate } from "./outcome-model";
import { SimError } from "./sim-error";
import type { DialplanTarget, EngineEvents, EngineOptions, SimBridge, SimChannel, SimEavesdrop, SimPlayback, SimRecording, SimTarget, TrunkCondition } from "./switch-model";
import { simulatedRecordingWav } from "./wav";

export * from "./switch-model";

/** A stored recording plays back for its simulated length, at most this long (the file stays small). */
const MAX_STORED_AUDIO_SEC = 10;

/** The listeners one protocol face attaches to the engine, removed together when that face closes. */
export class EngineListeners {
  private readonly offs: (() => void)[] = [];

  constructor(private readonly engine: SimEngine) {}

  on<K extends keyof EngineEvents>(event: K, handler: (...args: EngineEvents[K]) => void): void {
    this.engine.on(event, handler as never);
    this.offs.push(() => this.engine.off(event, handler as never));
  }

  detach(): void {
    for (const off of this.offs) off();
    this.offs.length = 0;
  }
}

/**
 * The simulated telephony switch behind both wire protocols. It knows calls, not protocols:
 * channels ring, answer, talk, press digits and hang up as their fate says; bridges, playbacks
 * and recordings behave like a PBX's. The ARI and ESL front ends turn its events into exactly what
 * Asterisk and FreeSWITCH send.
 */
export class SimEngine extends EventEmitter<EngineEvents> {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly recordings = new Map<string, SimRecording>();
  /** Eavesdroppers by their channel id. */
  readonly eavesdrops = new Map<string, SimEavesdrop>();
  readonly sampler: OutcomeSampler;
  timeScale: number;
  private readonly amdContexts: Set<string>;
  private seq = 0;
  /** Counters for benchmarks and health replies. */
  stats = { originated: 0, peakChannels: 0 };
  /**
   * Every call placed, in order: the switch's own record of who was dialled, against which tests
   * check that the dialer never calls a number twice or one it must not call.
   */
  readonly callLog: { channelId: string; number: string; endpoint: string; trunk: string | null; at: Date }[] = [];
  private readonly trunkConditions = new Map<string, TrunkCondition>();

  constructor(opts: EngineOptions = {}) {
    super();
    this.setMaxListeners(50);
    this.sampler = opts.sampler ?? new OutcomeSampler();
    this.timeScale = opts.timeScale ?? 1;
    this.amdContexts = new Set(opts.amdContexts ?? ["pacer-amd", "amd"]);
  }

  nextId(prefix = "sim"): string {
    this.seq += 1;
    return `${prefix}-${Date.now().toString(36)}-${this.seq}`;
  }

  /** Schedules `fn` after `sec` simulated seconds, cancelled if the channel ends first. */
  private later(ch: SimChannel, sec: number, fn: () => void) {
    const t = setTimeout(() => {
      ch.timers.delete(t);
      if (!ch.ended) fn();
    }, Math.max(0, sec * 1000 * this.timeScale));
    ch.timers.add(t);
  }

  /** Makes every call through trunk `name` (as the dial string names it) fail the way `condition` says; null restores it. */
  setTrunkCondition(name: string, condition: TrunkCondition | null): void {
    if (condition) this.trunkConditions.set(name, condition);
    else this.trunkConditions.delete(name);
  }

  originate(opts: {
    id?: string;
    endpoint: string;
    callerNumber?: string;
    callerName?: string;
    ringTimeoutSec?: number;
    variables?: Record<string, string>;
    target: SimTarget;
  }): SimChannel {
    const { tech, number, trunk, reaches } = parseEndpoint(opts.endpoint);
    const id = opts.id ?? this.nextId();
    if (this.channels.has(id)) throw new SimError("conflict", `Channel with id ${id} already exists`);
    const condition = trunk ? this.trunkConditions.get(trunk) : undefined;
    if (condition === "unavailable") throw new SimError("unavailable", `Trunk '${trunk}' is unreachable`);
    const ch: SimChannel = {
      id,
      endpoint: opts.endpoint,
      tech,
      number,
      hasPeerLeg: tech === "Local" || tech === "loopback",
      callerNumber: opts.callerNumber ?? "",
      callerName: opts.callerName ?? "",
      state: "Down",
      createdAt: new Date(),
      answeredAt: null,
      fate:
        condition === "congested"
          ? { kind: "congestion", ringSec: 0.2 }
          : (this.sampler.scriptedFate(number) ?? (reaches === "phone" ? { kind: "agent" } : this.sampler.fateOf(number))),
      target: opts.target,
      inControl: false,
      bridgeId: null,
      variables: new Map(Object.entries(opts.variables ?? {})),
      ringTimeoutSec: opts.ringTimeoutSec ?? 30,
      ended: false,
      timers: new Set(),
      snoop: null,
    };
    this.channels.set(id, ch);
    this.callLog.push({ channelId: id, number, endpoint: opts.endpoint, trunk, at: ch.createdAt });
    this.stats.originated += 1;
    this.stats.peakChannels = Math.max(this.stats.peakChannels, this.channels.size);
    this.emit("created", ch);
    this.placeCall(ch);
    return ch;
  }

  private placeCall(ch: SimChannel) {
    const fate = ch.fate;
    const ring = () => {
      ch.state = "Ringing";
      this.emit("ringing", ch);
    };
    if (fate.kind === "agent") {
      this.later(ch, 0.05, ring);
      this.later(ch, 0.5, () => this.answerRemote(ch));
      return;
    }
    if (fate.kind === "unallocated") {
      this.later(ch, Math.min(fate.ringSec, 1), () => this.end(ch, { cause: 1, by: "remote", dialStatus: "NOANSWER", sipCode: 404 }));
      return;
    }
    // Refused calls never ring (as both real PBXs report them); the rest ring at once.
    if (fate.kind !== "busy" && fate.kind !== "congestion") this.later(ch, 0.05, ring);
    const timeout = ch.ringTimeoutSec;
    const noAnswer = () => this.end(ch, { cause: 19, by: "timeout", dialStatus: "NOANSWER", sipCode: 480 });
    switch (fate.kind) {
      case "busy":
        if (fate.ringSec >= timeout) this.later(ch, timeout, noAnswer);
        else this.later(ch, fate.ringSec, () => this.end(ch, { cause: 17, by: "remote", dialStatus: "BUSY", sipCode: 486 }));
        return;
      case "congestion":
        if (fate.ringSec >= timeout) this.later(ch, timeout, noAnswer);
        else this.later(ch, fate.ringSec, () => this.end(ch, { cause: 34, by: "remote", dialStatus: "CONGESTION", sipCode: 503 }));
        return;
      case "no_answer":
        this.later(ch, timeout, noAnswer);
        return;
      case "human":
      case "machine":
        if (fate.ringSec >= timeout) this.later(ch, timeout, noAnswer);
        else this.later(ch, fate.ringSec, () => this.answerRemote(ch));
        return;
    }
  }

  /** The called party picked up. */
  private answerRemote(ch: SimChannel) {
    ch.state = "Up";
    ch.answeredAt = new Date();
    this.emit("answered", ch);
    const fate = ch.fate;
    if (fate.kind === "human") {
      for (const d of fate.dtmf) this.later(ch, d.atSec, () => this.emit("dtmf", ch, d.digit, 100));
      this.later(ch, fate.talkSec, () => this.end(ch, { cause: 16, by: "remote", dialStatus: null, sipCode: null }));
    } else if (fate.kind === "machine") {
      this.later(ch, fate.greetingSec + 30, () => this.end(ch, { cause: 16, by: "remote", dialStatus: null, sipCode: null }));
    }
    this.route(ch, ch.target);
  }

  /** Where an answered call goes: the client's control, an AMD step, or plain dialplan. */
  private route(ch: SimChannel, target: SimTarget) {
    if (target.kind === "control") {
      ch.inControl = true;
      this.emit("controlled", ch, target.args);
      return;
    }
    if (this.amdContexts.has(target.context)) {
      const machine = ch.fate.kind === "machine";
      const sec = machine ? (ch.fate as { amdSec: number }).amdSec : 1.2;
      this.later(ch, sec, () => {
        const verdict = machine ? "MACHINE" : "HUMAN";
        const detail = machine ? "MAXWORDS-3-2" : "HUMAN-818-800";
        ch.variables.set("AMDSTATUS", verdict);
        ch.variables.set("AMDCAUSE", detail);
        this.emit("amd", ch, verdict, detail);
        ch.inControl = true;
        this.emit("controlled", ch, ["amd", verdict, detail]);
      });
    }
  }

  private get(id: string): SimChannel {
    const ch = this.channels.get(id);
    if (!ch || ch.ended) throw new SimError("not_found", "Channel not found");
    return ch;
  }

  private end(ch: SimChannel, how: EngineEvents["hangup"][1]) {
    if (ch.ended) return;
    ch.ended = true;
    for (const t of ch.timers) clearTimeout(t);
    ch.timers.clear();
    for (const pb of this.playbacks.values()) {
      if (pb.channelId === ch.id && pb.state === "playing") this.finishPlayback(pb, "stopped");
    }
    for (const rec of this.recordings.values()) {
      if ("channelId" in rec.target && rec.target.channelId === ch.id && rec.state === "recording") this.finishRecording(rec);
    }
    if (ch.bridgeId) this.leaveBridge(ch);
    this.channels.delete(ch.id);
    this.eavesdrops.delete(ch.id);
    this.emit("hangup", ch, how);
    // Whatever listened in on the channel stops with it: a snoop channel hangs up (its audiohooks
    // are done), an eavesdropper's application returns.
    for (const other of [...this.channels.values()]) {
      if (other.snoop?.targetId === ch.id) this.end(other, { cause: 16, by: "remote", dialStatus: null, sipCode: null });
    }
    for (const e of [...this.eavesdrops.values()]) {
      if (e.targetId !== ch.id) continue;
      this.eavesdrops.delete(e.eavesdropperId);
      const eavesdropper = this.channels.get(e.eavesdropperId);
      if (eavesdropper) this.emit("eavesdropEnded", eavesdropper, ch.id);
    }
  }

  hangup(id: string, cause = 16): void {
    const ch = this.get(id);
    this.end(ch, { cause, by: "client", dialStatus: ch.answeredAt ? null : "CANCEL", sipCode: null });
  }

  /** The far end hangs up `sec` simulated seconds from now (normal clearing), unless the call ends first. */
  remoteHangupIn(id: string, sec: number): void {
    const ch = this.get(id);
    this.later(ch, sec, () => this.end(ch, { cause: 16, by: "remote", dialStatus: null, sipCode: null }));
  }

  /** Answers from our side: the ring timeout no longer applies; the callee's own hang-up still does. */
  answer(id: string): void {
    const ch = this.get(id);
    if (ch.state === "Up") return;
    for (const t of ch.timers) clearTimeout(t);
    ch.timers.clear();
    ch.state = "Up";
    ch.answeredAt ??= new Date();
    this.emit("answered", ch);
    const fate = ch.fate;
    if (fate.kind === "human") this.later(ch, fate.talkSec, () => this.end(ch, { cause: 16, by: "remote", dialStatus: null, sipCode: null }));
  }

  /** Hands a controlled channel back to the dialplan (ARI continue/redirect, ESL transfer). */
  redirect(id: string, target: DialplanTarget): void {
    const ch = this.get(id);
    if (!ch.inControl) throw new SimError("conflict", "Channel not in Stasis application");
    ch.inControl = false;
    if (ch.bridgeId) this.leaveBridge(ch);
    this.emit("released", ch);
    this.route(ch, { kind: "dialplan", ...target });
  }

  /**
   * Sounds play for a length derived from the name (`silence/3` is 3 s), else 1.5 s. A stream
   * (`local_stream://…`, FreeSWITCH's music on hold) never ends by itself: it plays until stopped,
   * and the channel hears it as music on hold meanwhile.
   */
  play(channelId: string, media: string, playbackId?: string): SimPlayback {
    const ch = this.get(channelId);
    const id = playbackId ?? this.nextId("pb");
    if (this.playbacks.has(id) && this.playbacks.get(id)!.state === "playing") throw new SimError("conflict", "Playback id in use");
    const pb: SimPlayback = { id, channelId, media, state: "playing" };
    this.playbacks.set(id, pb);
    this.emit("playbackStarted", pb);
    if (media.startsWith("local_stream://")) {
      this.setMoh(ch, media);
      return pb;
    }
    const seconds = Number(/silence\/(\d+(?:\.\d+)?)/.exec(media)?.[1] ?? 1.5);
    this.later(ch, seconds, () => this.finishPlayback(pb, "done"));
    return pb;
  }

  /** Asterisk's music on hold (ARI `POST /channels/{id}/moh`): the channel hears `mohClass` until stopped. */
  startMoh(channelId: string, mohClass = "default"): void {
    this.setMoh(this.get(channelId), mohClass);
  }

  stopMoh(channelId: string): void {
    this.setMoh(this.get(channelId), null);
  }

  private setMoh(ch: SimChannel, moh: string | null) {
    if ((ch.moh ?? null) === moh) return;
    ch.moh = moh;
    this.emit("moh", ch, moh);
  }

  stopPlayback(id: string): void {
    const pb = this.playbacks.get(id);
    if (!pb || pb.state !== "playing") throw new SimError("not_found", "Playback not found");
    this.finishPlayback(pb, "stopped");
  }

  private finishPlayback(pb: SimPlayback, state: "done" | "stopped") {
    if (pb.state !== "playing") return;
    pb.state = state;
    const ch = this.channels.get(pb.channelId);
    if (ch && ch.moh === pb.media) this.setMoh(ch, null);
    this.emit("playbackFinished", pb);
    if (state === "done") this.reply(pb.channelId);
    // Finished playbacks are forgotten a little later, as a PBX does.
    setTimeout(() => this.playbacks.delete(pb.id), 5000).unref();
  }

  /** A scripted person heard a prompt to its end: they key their next reply, a digit every 0.2 s. */
  private reply(channelId: string) {
    const ch = this.channels.get(channelId);
    if (!ch || ch.ended || ch.fate.kind !== "human" || !ch.fate.replies) return;
    const n = ch.replied ?? 0;
    const reply = ch.fate.replies[n];
    if (reply === undefined) return;
    ch.replied = n + 1;
    [...reply].forEach((digit, i) => this.later(ch, 0.2 * (i + 1), () => this.emit("dtmf", ch, digit, 100)));
  }

  /** `maxSec`: the recording stops by itself after that many (simulated) seconds, as ARI's maxDurationSeconds and uuid_record's limit do. */
  startRecording(target: { channelId: string } | { bridgeId: string }, name: string, format = "wav", maxSec?: number): SimRecording {
    if ("channelId" in target && maxSec && maxSec > 0) {
      const ch = this.get(target.channelId);
      const rec = this.startRecording(target, name, format);
      this.later(ch, maxSec, () => this.finishRecording(rec));
      return rec;
    }
    if ("channelId" in target) this.get(target.channelId);
    else if (!this.bridges.has(target.bridgeId)) throw new SimError("not_found", "Bridge not found");
    const existing = this.recordings.get(name);
    if (existing?.state === "recording") throw new SimError("conflict", `Recording '${name}' already in progress`);
    const rec: SimRecording = { name, target, format, startedAt: new Date(), state: "recording" };
    this.recordings.set(name, rec);
    this.emit("recordingStarted", rec);
    return rec;
  }

  stopRecording(name: string): void {
    const rec = this.recordings.get(name);
    if (!rec || rec.state !== "recording") throw new SimError("not_found", "Recording not found");
    this.finishRecording(rec);
  }

  /** Finished recordings, as a PBX keeps them on disk until deleted. */
  storedRecordings(): SimRecording[] {
    return [...this.recordings.values()].filter((r) => r.state === "done");
  }

  storedRecording(name: string): SimRecording | undefined {
    const rec = this.recordings.get(name);
    return rec?.state === "done" ? rec : undefined;
  }

  deleteStoredRecording(name: string): void {
    if (!this.storedRecording(name)) throw new SimError("not_found", "Recording not found");
    this.recordings.delete(name);
  }

  /** The audio of a stored recording: as long as the recorded call was (in simulated time), capped. */
  recordingAudio(name: string): Buffer {
    const rec = this.storedRecording(name);
    if (!rec) throw new SimError("not_found", "Recording not found");
    const realMs = (rec.endedAt ?? new Date()).getTime() - rec.startedAt.getTime();
    const simSec = this.timeScale > 0 ? realMs / 1000 / this.timeScale : realMs / 1000;
    return simulatedRecordingWav(Math.min(MAX_STORED_AUDIO_SEC, Math.max(0.5, simSec)));
  }

  private finishRecording(rec: SimRecording) {
    if (rec.state !== "recording") return;
    rec.state = "done";
    rec.endedAt = new Date();
    this.emit("recordingFinished", rec);
  }

  createBridge(id?: string): SimBridge {
    const bridgeId = id ?? this.nextId("br");
    const existing = this.bridges.get(bridgeId);
    if (existing) return existing;
    const bridge: SimBridge = { id: bridgeId, channels: new Set(), createdAt: new Date() };
    this.bridges.set(bridgeId, bridge);
    this.emit("bridgeCreated", bridge);
    return bridge;
  }

  addToBridge(bridgeId: string, channelId: string): void {
    const bridge = this.bridges.get(bridgeId);
    if (!bridge) throw new SimError("not_found", "Bridge not found");
    const ch = this.get(channelId);
    if (!ch.inControl) throw new SimError("conflict", "Channel not in Stasis application");
    if (ch.bridgeId === bridgeId) return;
    if (ch.bridgeId) this.leaveBridge(ch);
    bridge.channels.add(ch.id);
    ch.bridgeId = bridgeId;
    this.emit("enteredBridge", bridge, ch);
  }

  removeFromBridge(bridgeId: string, channelId: string): void {
    const bridge = this.bridges.get(bridgeId);
    if (!bridge) throw new SimError("not_found", "Bridge not found");
    const ch = this.get(channelId);
    if (ch.bridgeId !== bridgeId) throw new SimError("conflict", "Channel not in this bridge");
    this.leaveBridge(ch);
  }

  private leaveBridge(ch: SimChannel) {
    const bridge = ch.bridgeId ? this.bridges.get(ch.bridgeId) : undefined;
    ch.bridgeId = null;
    if (!bridge) return;
    bridge.channels.delete(ch.id);
    this.emit("leftBridge", bridge, ch);
  }

  destroyBridge(id: string): void {
    const bridge = this.bridges.get(id);
    if (!bridge) throw new SimError("not_found", "Bridge not found");
    for (const channelId of [...bridge.channels]) {
      const ch = this.channels.get(channelId);
      if (ch) this.leaveBridge(ch);
    }
    for (const rec of this.recordings.values()) {
      if ("bridgeId" in rec.target && rec.target.bridgeId === id && rec.state === "recording") this.finishRecording(rec);
    }
    this.bridges.delete(id);
    this.emit("bridgeDestroyed", bridge);
  }

  /**
   * A snoop channel on `targetId` (ARI's POST /channels/{id}/snoop): it comes up at once, under
   * the client's control, and hangs up when its target does.
   */
  snoop(targetId: string, opts: { id?: string; spy: SnoopDirection; whisper: SnoopDirection; args: string[] }): SimChannel {
    this.get(targetId);
    if (opts.spy === "none" && opts.whisper === "none") throw new SimError("bad_request", "Direction must be specified for at least spy or whisper");
    const id = opts.id ?? this.nextId("snoop");
    if (this.channels.has(id)) throw new SimError("conflict", `Channel with id ${id} already exists`);
    const now = new Date();
    const ch: SimChannel = {
      id,
      endpoint: `Snoop/${targetId}`,
      tech: "Snoop",
      number: "",
      hasPeerLeg: false,
      callerNumber: "",
      callerName: "",
      state: "Up",
      createdAt: now,
      answeredAt: now,
      fate: { kind: "snoop" },
      target: { kind: "control", args: opts.args },
      inControl: false,
      bridgeId: null,
      variables: new Map(),
      ringTimeoutSec: 0,
      ended: false,
      timers: new Set(),
      snoop: { targetId, spy: opts.spy, whisper: opts.whisper },
    };
    this.channels.set(id, ch);
    this.stats.peakChannels = Math.max(this.stats.peakChannels, this.channels.size);
    this.route(ch, ch.target);
    return ch;
  }

  /** `eavesdropperId` starts listening in on `targetId` (FreeSWITCH's eavesdrop application). */
  eavesdrop(eavesdropperId: string, targetId: string, speak: { toTarget: boolean; toPartner: boolean }): SimEavesdrop {
    this.get(eavesdropperId);
    this.get(targetId);
    if (eavesdropperId === targetId) throw new SimError("bad_request", "A channel cannot eavesdrop on itself");
    const e: SimEavesdrop = { eavesdropperId, targetId, ...speak };
    this.eavesdrops.set(eavesdropperId, e);
    return e;
  }

  /** Who an eavesdropper speaks to now (its DTMF switches). */
  setEavesdropSpeak(eavesdropperId: string, speak: { toTarget: boolean; toPartner: boolean }): void {
    const e = this.eavesdrops.get(eavesdropperId);
    if (!e) throw new SimError("not_found", "Not eavesdropping");
    Object.assign(e, speak);
  }

  stopEavesdrop(eavesdropperId: string): void {
    this.eavesdrops.delete(eavesdropperId);
  }

  /** Whose voices reach the person on `channelId` (bridges, snoop channels, eavesdroppers). */
  heardBy(channelId: string): string[] {
    return heardBy(channelId, [...this.channels.values()], this.eavesdrops.values());
  }

  /** Who hears the person on `channelId`. */
  hearersOf(channelId: string): string[] {
    return hearersOf(channelId, [...this.channels.values()], this.eavesdrops.values());
  }

  getVar(channelId: string, name: string): string | null {
    return this.get(channelId).variables.get(name) ?? null;
  }

  setVar(channelId: string, name: string, value: string): void {
    this.get(channelId).variables.set(name, value);
  }

  channel(id: string): SimChannel | undefined {
    const ch = this.channels.get(id);
    return ch && !ch.ended ? ch : undefined;
  }

  /** Drops everything at once, as a PBX restart does (no events: the clients lost their connection). */
  reset(): void {
    for (const ch of this.channels.values()) {
      ch.ended = true;
      for (const t of ch.timers) clearTimeout(t);
    }
    this.channels.clear();
    this.bridges.clear();
    this.playbacks.clear();
    this.recordings.clear();
    this.eavesdrops.clear();
  }
}
