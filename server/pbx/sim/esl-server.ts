import { randomUUID } from "node:crypto";
import { access, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { causeByCode, causeByName } from "../causes";
import type { EngineEvents, SimChannel, SimEngine, SimPlayback, SimRecording, SimTarget } from "./engine";
import { SimError } from "./sim-error";

/**
 * FreeSWITCH's event socket (mod_event_socket, inbound mode), simulated over the shared engine:
 * the frames, replies and events a FreeSWITCH 1.10.12 sends, in the order and shape captured from
 * a real one (see server/pbx/esl/__fixtures__). What it covers:
 *
 * - The protocol: `auth/request`, `auth`, `api`, `bgapi` (BACKGROUND_JOB with `+OK <uuid>` or
 *   `-ERR <CAUSE>`), `event plain|json|xml`, `nixevent`, `noevents`, `filter`, `myevents`, `exit`.
 *   As on FreeSWITCH's one listener thread per connection, events a command causes follow its
 *   reply, and a blocking `api originate` holds the connection until the call is answered or
 *   fails. JSON events carry Content-Length (a string) only with a body, as FreeSWITCH's do.
 *   Malformed input is answered or the connection dropped; it never throws.
 * - API commands a dialer uses: originate (`&park()` or `<exten> XML <context>`), uuid_kill,
 *   uuid_answer, uuid_broadcast, uuid_break, uuid_record, uuid_bridge, uuid_transfer, uuid_park,
 *   uuid_getvar, uuid_setvar, uuid_exists, show channels, status, hupall.
 * - Channels: loopback calls report both halves (ours and the far "-b" half with its own uuid);
 *   sofia and user calls one. Refused calls do not ring first, and their cause is FreeSWITCH's
 *   reading of the SIP status (503 becomes NORMAL_TEMPORARY_FAILURE), with
 *   `variable_sip_term_status` on SIP legs.
 * - uuid_bridge joins two channels; when one leaves, the other parks if it has
 *   `park_after_bridge=true`, else it is hung up, as FreeSWITCH does.
 * - Answering-machine detection as mod_amd reports it: a CUSTOM event `mod_amd::info` carrying
 *   `variable_amd_result` (HUMAN, MACHINE, NOT_SURE) and `variable_amd_cause`, then the dialplan
 *   parks the call (CHANNEL_PARK) for the client to take over.
 *
 * Only the event types a call produces are generated (no HEARTBEAT, CHANNEL_STATE, log lines);
 * a connection subscribed to others simply never receives them. Each face of the engine reports
 * the channels it originated itself.
 */
export type EslServerOptions = { engine: SimEngine; host?: string; port?: number; password?: string };
export type EslServer = { port: number; close(): Promise<void>; dropConnections(): void };

const VERSION = "1.10.12-release git a88d069 2024-08-02 21:02:27Z 64bit";
const HOSTNAME = "pacer-sim";
/** A command's header block and body; FreeSWITCH accepts more, nobody sends more to it. */
const MAX_HEADER_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;
const DISCONNECT_NOTICE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

/** Where FreeSWITCH fires each event from (Event-Calling-File/Function/Line-Number in the traces). */
const CALLED_FROM: Record<string, [string, string, number]> = {
  CHANNEL_CREATE: ["switch_core_state_machine.c", "switch_core_session_run", 626],
  CHANNEL_PROGRESS: ["switch_channel.c", "switch_channel_perform_mark_ring_ready_value", 3505],
  CHANNEL_ANSWER: ["switch_channel.c", "switch_channel_perform_mark_answered", 3846],
  CHANNEL_PARK: ["switch_ivr.c", "switch_ivr_park", 1002],
  CHANNEL_EXECUTE_COMPLETE: ["switch_core_session.c", "switch_core_session_exec", 2967],
  CHANNEL_BRIDGE: ["switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1689],
  CHANNEL_UNBRIDGE: ["switch_ivr_bridge.c", "switch_ivr_multi_threaded_bridge", 1879],
  CHANNEL_HANGUP: ["switch_channel.c", "switch_channel_perform_hangup", 3445],
  CHANNEL_HANGUP_COMPLETE: ["switch_core_state_machine.c", "switch_core_session_reporting_state", 943],
  CHANNEL_DESTROY: ["switch_core_session.c", "switch_core_session_perform_destroy", 1584],
  DTMF: ["switch_channel.c", "switch_channel_dequeue_dtmf", 677],
  PLAYBACK_START: ["switch_ivr_play_say.c", "switch_ivr_play_file", 1646],
  PLAYBACK_STOP: ["switch_ivr_play_say.c", "switch_ivr_play_file", 2020],
  RECORD_START: ["switch_ivr_async.c", "record_callback", 1481],
  RECORD_STOP: ["switch_ivr_async.c", "send_record_stop_event", 1240],
  BACKGROUND_JOB: ["mod_event_socket.c", "api_exec", 1572],
  CUSTOM: ["mod_amd.cpp", "amd_fire_event", 97],
};

/** Event names `event`/`nixevent` accept (switch_event_types_t); anything else is ignored. */
const EVENT_NAMES = new Set(
  ("CUSTOM CLONE CHANNEL_CREATE CHANNEL_DESTROY CHANNEL_STATE CHANNEL_CALLSTATE CHANNEL_ANSWER CHANNEL_HANGUP " +
    "CHANNEL_HANGUP_COMPLETE CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_BRIDGE " +
    "CHANNEL_UNBRIDGE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_OUTGOING CHANNEL_PARK CHANNEL_UNPARK " +
    "CHANNEL_APPLICATION CHANNEL_ORIGINATE CHANNEL_UUID API LOG INBOUND_CHAN OUTBOUND_CHAN STARTUP SHUTDOWN PUBLISH " +
    "UNPUBLISH TALK NOTALK SESSION_CRASH MODULE_LOAD MODULE_UNLOAD DTMF MESSAGE PRESENCE_IN NOTIFY_IN PRESENCE_OUT " +
    "PRESENCE_PROBE MESSAGE_WAITING MESSAGE_QUERY ROSTER CODEC BACKGROUND_JOB DETECTED_SPEECH DETECTED_TONE " +
    "PRIVATE_COMMAND HEARTBEAT TRAP ADD_SCHEDULE DEL_SCHEDULE EXE_SCHEDULE RE_SCHEDULE RELOADXML NOTIFY " +
    "PHONE_FEATURE PHONE_FEATURE_SUBSCRIBE SEND_MESSAGE RECV_MESSAGE REQUEST_PARAMS CHANNEL_DATA GENERAL COMMAND " +
    "SESSION_HEARTBEAT CLIENT_DISCONNECTED SERVER_DISCONNECTED SEND_INFO RECV_INFO RECV_RTCP_MESSAGE " +
    "SEND_RTCP_MESSAGE CALL_SECURE NAT RECORD_START RECORD_STOP PLAYBACK_START PLAYBACK_STOP CALL_UPDATE FAILURE " +
    "SOCKET_DATA MEDIA_BUG_START MEDIA_BUG_STOP CONFERENCE_DATA_QUERY CONFERENCE_DATA CALL_SETUP_REQ " +
    "CALL_SETUP_RESULT CALL_DETAIL DEVICE_STATE TEXT SHUTDOWN_REQUESTED ALL").split(" "),
);

/** How sofia maps a SIP refusal to a hangup cause (sofia_glue_sip_cause_to_freeswitch). */
const SIP_CAUSE: Record<number, string> = {
  404: "UNALLOCATED_NUMBER", 408: "RECOVERY_ON_TIMER_EXPIRE", 480: "NO_USER_RESPONSE", 484: "INVALID_NUMBER_FORMAT",
  486: "USER_BUSY", 502: "NETWORK_OUT_OF_ORDER", 503: "NORMAL_TEMPORARY_FAILURE", 603: "CALL_REJECTED",
};
const SIP_PHRASE: Record<number, string> = { 404: "Not Found", 408: "Request Timeout", 480: "Temporarily Unavailable", 486: "Busy Here", 503: "Service Unavailable" };
/** mod_amd's names for the verdict's reason; the engine reports Asterisk's (MAXWORDS-3-2…). */
const AMD_CAUSE: Record<string, string> = {
  MAXWORDS: "MAX_WORDS", MAXWORDLENGTH: "MAX_WORD_LENGTH", LONGGREETING: "LONG_GREETING", INITIALSILENCE: "INITIAL_SILENCE",
  HUMAN: "SILENCE_AFTER_GREETING", TOOLONG: "TOOLONG",
};
/** FreeSWITCH's own cause for hupall (beyond Q.850, so not in causes.ts). */
const MANAGER_REQUEST = { name: "MANAGER_REQUEST", code: 503 };
const ORIGINATE_USAGE = "-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n";
const SHOW_COLUMNS = [
  "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest", "application",
  "application_data", "dialplan", "context", "read_codec", "read_rate", "read_bit_rate", "write_codec", "write_rate",
  "write_bit_rate", "secure", "hostname", "presence_id", "presence_data", "accountcode", "callstate", "callee_name",
  "callee_num", "callee_direction", "call_uuid", "sent_callee_name", "sent_callee_num", "initial_cid_name", "initial_cid_num",
  "initial_ip_addr", "initial_dest", "initial_dialplan", "initial_context",
];

type Cause = { name: string; code: number };
type Party = { name: string; number: string };

/** One FreeSWITCH session: Pacer's half of a call, or the far half of a loopback call. */
type Leg = {
  uuid: string;
  ch: SimChannel;
  half: "a" | "b";
  peer: Leg | null;
  name: string;
  sip: boolean;
  codec: [string, string, string];
  source: string;
  context: string;
  destination: string;
  caller: Party;
  callee: Party;
  ani: string;
  origCallerNumber: string;
  logicalDirection: "outbound" | "inbound";
  state: string;
  stateNumber: number;
  callState: string;
  answerState: string;
  hitDialplan: boolean;
  hangupCause: string | null;
  profileIndex: number;
  profileCreated: number;
  transferSource: string | null;
  times: { created: number; answered: number; progress: number; hangup: number; bridged: number };
  vars: Map<string, string>;
  /** The application the session runs (park, uuid_bridge, …), shown by `show channels`. */
  app: string;
  appData: string;
  other: { leg: Leg; type: "originator" | "originatee" } | null;
  /** Media and bridge teardown the engine reports before the hangup, sent after CHANNEL_HANGUP. */
  teardown: { unbridge: (() => void) | null; records: (() => void)[]; playbacks: (() => void)[] };
  job: Job | null;
  killCause: Cause | null;
  sessionId: number;
};

/** An originate waiting for its answer: a bgapi job or a blocking api call. */
type Job = { kind: "bgapi"; uuid: string; command: string; arg: string } | { kind: "api"; reply: (body: string) => void };

type FsEvent = { name: string; headers: Record<string, string>; body?: string };
type Pair = { id: string; first: Leg; second: Leg; broken: boolean };
/** What an originate asked for, kept until the engine reports the channel created. */
type OriginateSpec = { vars: [string, string][]; tech: string; channelName: string; context: string; number: string; caller: Party };

/** Microseconds since the epoch, as FreeSWITCH stamps everything. */
const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const pad = (n: number) => String(n).padStart(2, "0");
const localStamp = (us: number) => {
  const d = new Date(us / 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

export async function startEslServer(opts: EslServerOptions): Promise<EslServer> {
  const sim = new FreeSwitchSim(opts.engine, opts.password ?? "ClueCon", opts.host ?? "127.0.0.1");
  const server = createServer((socket) => sim.accept(socket));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8021, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    dropConnections: () => sim.dropConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        sim.shutdown();
        server.close(() => resolve());
      }),
  };
}

class FreeSwitchSim {
  readonly coreUuid = randomUUID();
  private readonly startedAt = nowUs();
  private readonly connections = new Set<EslConnection>();
  private readonly legs = new WeakMap<SimChannel, Leg>();
  /** Far halves of loopback calls, which the engine does not know by id. */
  private readonly farLegs = new Map<string, Leg>();
  private readonly pairs = new Map<string, Pair>();
  private readonly preparing = new Map<string, OriginateSpec>();
  private readonly detach: (() => void)[] = [];
  private sequence = 60_000;
  /** Sessions since startup, live now, and the most at once (for `status`). */
  private sessions = 0;
  private liveSessions = 0;
  private peakSessions = 0;

  constructor(
    readonly engine: SimEngine,
    readonly password: string,
    private readonly ip: string,
  ) {
    this.listen("created", (ch) => this.onCreated(ch));
    this.listen("ringing", (ch) => this.onRinging(ch));
    this.listen("answered", (ch) => this.onAnswered(ch));
    this.listen("controlled", (ch) => this.onControlled(ch));
    this.listen("released", (ch) => this.onReleased(ch));
    this.listen("amd", (ch, verdict, detail) => this.onAmd(ch, verdict, detail));
    this.listen("dtmf", (ch, digit, ms) => this.onDtmf(ch, digit, ms));
    this.listen("playbackStarted", (pb) => this.onPlaybackStarted(pb));
    this.listen("playbackFinished", (pb) => this.onPlaybackFinished(pb));
    this.listen("recordingStarted", (rec) => this.onRecordingStarted(rec));
    this.listen("recordingFinished", (rec) => this.onRecordingFinished(rec));
    this.listen("leftBridge", (bridge, ch) => this.onLeftBridge(bridge.id, ch));
    this.listen("hangup", (ch, how) => this.onHangup(ch, how));
  }

  private listen<K extends keyof EngineEvents>(event: K, handler: (...args: EngineEvents[K]) => void) {
    this.engine.on(event, handler as never);
    this.detach.push(() => this.engine.off(event, handler as never));
  }

  accept(socket: Socket) {
    const conn = new EslConnection(socket, this);
    this.connections.add(conn);
    socket.once("close", () => this.connections.delete(conn));
  }

  dropConnections() {
    for (const c of this.connections) c.socket.destroy();
    this.connections.clear();
  }

  shutdown() {
    this.dropConnections();
    for (const off of this.detach) off();
    this.detach.length = 0;
  }

  // ---------------------------------------------------------------- events

  private base(name: string, subclass?: string): Record<string, string> {
    const us = nowUs();
    const [file, func, line] = CALLED_FROM[name] ?? ["switch_event.c", "switch_event_fire", 0];
    this.sequence += 1;
    return {
      "Event-Name": name,
      ...(subclass ? { "Event-Subclass": subclass } : {}),
      "Core-UUID": this.coreUuid,
      "FreeSWITCH-Hostname": HOSTNAME,
      "FreeSWITCH-Switchname": HOSTNAME,
      "FreeSWITCH-IPv4": this.ip === "0.0.0.0" ? "127.0.0.1" : this.ip,
      "FreeSWITCH-IPv6": "::1",
      "Event-Date-Local": localStamp(us),
      "Event-Date-GMT": new Date(us / 1000).toUTCString(),
      "Event-Date-Timestamp": String(us),
      "Event-Calling-File": file,
      "Event-Calling-Function": func,
      "Event-Calling-Line-Number": String(line),
      "Event-Sequence": String(this.sequence),
    };
  }

  /** A caller profile as FreeSWITCH serialises it (empty fields left out). */
  private profile(h: Record<string, string>, prefix: string, leg: Leg, own: boolean) {
    const put = (k: string, v: string) => {
      if (v !== "") h[prefix + k] = v;
    };
    put("Direction", leg.half === "a" ? "outbound" : "inbound");
    put("Logical-Direction", leg.logicalDirection);
    put("Dialplan", "xml");
    put("Caller-ID-Name", leg.caller.name);
    put("Caller-ID-Number", leg.caller.number);
    put("Orig-Caller-ID-Number", leg.origCallerNumber);
    put("Callee-ID-Name", leg.callee.name);
    put("Callee-ID-Number", leg.callee.number);
    put("ANI", leg.ani);
    put("Destination-Number", leg.destination);
    put("Unique-ID", leg.uuid);
    put("Source", leg.source);
    if (own && leg.transferSource) put("Transfer-Source", leg.transferSource);
    put("Context", leg.context);
    put("Channel-Name", leg.name);
    if (own) put("Profile-Index", String(leg.profileIndex));
    put("Profile-Created-Time", String(leg.profileCreated));
    put("Channel-Created-Time", String(leg.times.created));
    put("Channel-Answered-Time", String(leg.times.answered));
    put("Channel-Progress-Time", String(leg.times.progress));
    put("Channel-Progress-Media-Time", "0");
    put("Channel-Hangup-Time", String(leg.times.hangup));
    put("Channel-Transfer-Time", "0");
    put("Channel-Resurrect-Time", "0");
    put("Channel-Bridged-Time", String(leg.times.bridged));
    put("Channel-Last-Hold", "0");
    put("Channel-Hold-Accum", "0");
    put("Screen-Bit", "true");
    put("Privacy-Hide-Name", "false");
    put("Privacy-Hide-Number", "false");
  }

  /**
   * An event about a session: channel state, caller profile, the bridged party's profile, then
   * (unless `variables` is false, as for DTMF) every channel variable, then the event's own headers.
   */
  private channelEvent(
    name: string,
    leg: Leg,
    opts: { pre?: Record<string, string>; tail?: Record<string, string>; variables?: boolean; subclass?: string } = {},
  ): FsEvent {
    const h = this.base(name, opts.subclass);
    Object.assign(h, opts.pre);
    Object.assign(h, {
      "Channel-State": leg.state,
      "Channel-Call-State": leg.callState,
      "Channel-State-Number": String(leg.stateNumber),
      "Channel-Name": leg.name,
      "Unique-ID": leg.uuid,
      "Call-Direction": leg.half === "a" ? "outbound" : "inbound",
      "Presence-Call-Direction": leg.half === "a" ? "outbound" : "inbound",
      "Channel-HIT-Dialplan": String(leg.hitDialplan),
      "Channel-Call-UUID": leg.uuid,
      "Answer-State": leg.answerState,
    });
    if (leg.hangupCause && !h["Hangup-Cause"]) h["Hangup-Cause"] = leg.hangupCause;
    const [codec, rate, bitRate] = leg.codec;
    Object.assign(h, {
      "Channel-Read-Codec-Name": codec,
      "Channel-Read-Codec-Rate": rate,
      "Channel-Read-Codec-Bit-Rate": bitRate,
      "Channel-Write-Codec-Name": codec,
      "Channel-Write-Codec-Rate": rate,
      "Channel-Write-Codec-Bit-Rate": bitRate,
    });
    this.profile(h, "Caller-", leg, true);
    if (leg.other) {
      h["Other-Type"] = leg.other.type;
      this.profile(h, "Other-Leg-", leg.other.leg, false);
    }
    if (opts.variables !== false) for (const [k, v] of leg.vars) h[`variable_${k}`] = v;
    Object.assign(h, opts.tail);
    return { name, headers: h };
  }

  private fire(event: FsEvent) {
    for (const c of this.connections) c.offer(event);
  }

  /** Builds a channel event only if some client subscribed to its kind (most are never asked for). */
  private fireOn(name: string, leg: Leg, opts?: Parameters<FreeSwitchSim["channelEvent"]>[2]) {
    for (const c of this.connections) {
      if (c.listensTo(name, opts?.subclass)) return this.fire(this.channelEvent(name, leg, opts));
    }
  }

  private execComplete(leg: Leg, app: string, data = "", response = "_none_") {
    leg.vars.set("current_application", app);
    if (data) leg.vars.set("current_application_data", data);
    this.fireOn("CHANNEL_EXECUTE_COMPLETE", leg, {
      tail: { Application: app, ...(data ? { "Application-Data": data } : {}), "Application-Response": response, "Application-UUID": randomUUID() },
    });
  }

  fireJob(uuid: string, command: string, arg: string, body: string) {
    const h = this.base("BACKGROUND_JOB");
    Object.assign(h, { "Job-UUID": uuid, "Job-Command": command });
    if (arg) h["Job-Command-Arg"] = arg;
    this.fire({ name: "BACKGROUND_JOB", headers: h, body });
  }

  // ---------------------------------------------------------------- sessions

  private leg(id: string): Leg | undefined {
    const ch = this.engine.channel(id);
    if (ch) return this.legs.get(ch);
    const far = this.farLegs.get(id);
    if (far && this.engine.channel(far.ch.id) !== far.ch) {
      // The engine was reset under us (a restart): the far half went with it.
      this.farLegs.delete(id);
      return undefined;
    }
    return far;
  }

  private ourLeg(id: string): Leg | undefined {
    const leg = this.leg(id);
    return leg?.half === "a" ? leg : undefined;
  }

  private newLeg(ch: SimChannel, half: "a" | "b", spec: OriginateSpec, uuid: string): Leg {
    const created = nowUs();
    this.sessions += 1;
    const loopback = spec.tech === "loopback";
    const leg: Leg = {
      uuid,
      ch,
      half,
      peer: null,
      name: loopback ? `${spec.channelName}-${half}` : spec.channelName,
      sip: !loopback,
      codec: loopback ? ["L16", "8000", "128000"] : ["PCMU", "8000", "64000"],
      source: loopback ? "mod_loopback" : "mod_sofia",
      context: spec.context,
      destination: spec.number,
      caller: { ...spec.caller },
      callee: loopback ? { name: "Outbound Call", number: spec.context } : { name: "Outbound Call", number: spec.number },
      ani: spec.caller.number,
      origCallerNumber: spec.caller.number,
      logicalDirection: half === "a" ? "outbound" : "inbound",
      state: "CS_INIT",
      stateNumber: 2,
      callState: "DOWN",
      answerState: "ringing",
      hitDialplan: half === "b",
      hangupCause: null,
      profileIndex: 1,
      profileCreated: created,
      transferSource: null,
      times: { created, answered: 0, progress: 0, hangup: 0, bridged: 0 },
      vars: new Map(),
      app: "",
      appData: "",
      other: null,
      teardown: { unbridge: null, records: [], playbacks: [] },
      job: null,
      killCause: null,
      sessionId: this.sessions,
    };
    const v = leg.vars;
    v.set("direction", half === "a" ? "outbound" : "inbound");
    if (half === "a") v.set("is_outbound", "true");
    v.set("session_id", String(leg.sessionId));
    v.set("read_codec", leg.codec[0]).set("read_rate", leg.codec[1]).set("write_codec", leg.codec[0]).set("write_rate", leg.codec[1]);
    v.set("channel_name", leg.name).set("uuid", uuid).set("call_uuid", uuid);
    for (const [k, val] of spec.vars) v.set(k, val);
    if (half === "a") v.set("originate_early_media", "true").set("originate_endpoint", spec.tech === "user" ? "sofia" : spec.tech);
    if (leg.sip) v.set("sip_profile_name", spec.tech === "user" ? "internal" : "external");
    return leg;
  }

  private onCreated(ch: SimChannel) {
    const spec = this.preparing.get(ch.id);
    if (!spec) return;
    const a = this.newLeg(ch, "a", spec, ch.id);
    this.legs.set(ch, a);
    let b: Leg | null = null;
    if (ch.hasPeerLeg) {
      b = this.newLeg(ch, "b", spec, randomUUID());
      a.peer = b;
      b.peer = a;
      a.vars.set("other_loopback_leg_uuid", b.uuid).set("loopback_leg", "A");
      b.vars.set("other_loopback_leg_uuid", a.uuid).set("loopback_leg", "B");
      this.farLegs.set(b.uuid, b);
    }
    this.liveSessions += b ? 2 : 1;
    this.peakSessions = Math.max(this.peakSessions, this.liveSessions);
    this.fireOn("CHANNEL_CREATE", a);
    if (b) {
      this.fireOn("CHANNEL_CREATE", b);
      Object.assign(b, { state: "CS_EXECUTE", stateNumber: 4, callState: "RINGING" });
    }
    Object.assign(a, { state: "CS_CONSUME_MEDIA", stateNumber: 7 });
  }

  /** Refused calls hang up without ringing, as in the captures (on the wire, a straight 486 or 503). */
  private onRinging(ch: SimChannel) {
    const a = this.legs.get(ch);
    const fate = ch.fate;
    if (!a || ((fate.kind === "busy" || fate.kind === "congestion") && fate.ringSec < ch.ringTimeoutSec)) return;
    a.times.progress = nowUs();
    this.fireOn("CHANNEL_PROGRESS", a);
    a.callState = "RINGING";
    const b = a.peer;
    if (b) {
      b.times.progress = a.times.progress;
      b.vars.set("current_application", "ring_ready");
      this.fireOn("CHANNEL_PROGRESS", b);
      this.execComplete(b, "ring_ready");
    }
  }

  private onAnswered(ch: SimChannel) {
    const a = this.legs.get(ch);
    if (!a) return;
    a.times.answered = nowUs();
    a.answerState = "answered";
    this.fireOn("CHANNEL_ANSWER", a);
    a.callState = "ACTIVE";
    const b = a.peer;
    if (b) {
      b.times.answered = a.times.answered;
      b.answerState = "answered";
      this.fireOn("CHANNEL_ANSWER", b);
      b.callState = "ACTIVE";
      b.vars.set("endpoint_disposition", "ANSWER");
      this.execComplete(b, "answer");
    }
    a.vars.set("endpoint_disposition", "ANSWER");
    this.finishJob(a, `+OK ${a.uuid}\n`);
    if (b) {
      // mod_loopback hands the far side's identity to our half once the originate completes.
      a.vars.set("pre_transfer_caller_id_number", a.caller.number).set("channel_cid_flipped", "yes");
      [a.caller, a.callee] = [{ ...a.callee }, { name: "", number: a.caller.number }];
    }
    Object.assign(a, { state: "CS_EXECUTE", stateNumber: 4, hitDialplan: true });
  }

  private onControlled(ch: SimChannel) {
    const a = this.legs.get(ch);
    if (!a) return;
    Object.assign(a, { app: "park", appData: "", state: "CS_EXECUTE", stateNumber: 4 });
    a.vars.set("current_application", "park");
    this.fireOn("CHANNEL_PARK", a);
  }

  private onReleased(ch: SimChannel) {
    const a = this.legs.get(ch);
    if (!a) return;
    if (a.app === "park") this.execComplete(a, "park");
    a.app = "";
  }

  private onAmd(ch: SimChannel, verdict: "HUMAN" | "MACHINE", detail: string) {
    const a = this.legs.get(ch);
    if (!a) return;
    a.vars.set("amd_result", verdict).set("amd_cause", AMD_CAUSE[detail.split("-")[0]] ?? "TOOLONG");
    this.fireOn("CUSTOM", a, { subclass: "mod_amd::info" });
  }

  private onDtmf(ch: SimChannel, digit: string, ms: number) {
    const a = this.legs.get(ch);
    if (!a) return;
    const samples = Math.round((ms * Number(a.codec[1])) / 1000);
    this.fireOn("DTMF", a, { variables: false, tail: { "DTMF-Digit": digit, "DTMF-Duration": String(samples), "DTMF-Source": a.sip ? "RTP" : "UNKNOWN" } });
  }

  private onPlaybackStarted(pb: SimPlayback) {
    const a = this.ourLeg(pb.channelId);
    if (!a) return;
    a.vars.set("current_application", "playback").set("current_application_data", pb.media);
    this.fireOn("PLAYBACK_START", a, { tail: { "Playback-File-Path": pb.media } });
  }

  /** A playback cut by uuid_break reports "break"; one cut by a hang-up still says "done" but fails. */
  private onPlaybackFinished(pb: SimPlayback) {
    const a = this.legOfEngineChannel(pb.channelId);
    if (!a) return;
    const hungUp = a.ch.ended;
    const send = () => {
      this.fireOn("PLAYBACK_STOP", a, { tail: { "Playback-File-Path": pb.media, "Playback-Status": pb.state === "stopped" && !hungUp ? "break" : "done" } });
      this.execComplete(a, "playback", pb.media, hungUp ? "PLAYBACK ERROR" : "FILE PLAYED");
    };
    if (hungUp) a.teardown.playbacks.push(send);
    else send();
  }

  private onRecordingStarted(rec: SimRecording) {
    if (!("channelId" in rec.target)) return;
    const a = this.ourLeg(rec.target.channelId);
    if (!a) return;
    this.fireOn("RECORD_START", a, { tail: { "Record-File-Path": rec.name } });
  }

  /**
   * FreeSWITCH writes a recording to the path it was given, on its own disk. The simulator shares
   * this machine's: it writes the audio there when the directory exists (it never creates one).
   */
  private async storeRecordingFile(rec: SimRecording) {
    if (!path.isAbsolute(rec.name)) return;
    try {
      await access(path.dirname(rec.name));
      await writeFile(rec.name, this.engine.recordingAudio(rec.name));
    } catch {
      // No such directory here: the recording stays in the simulator's memory only.
    }
  }

  private onRecordingFinished(rec: SimRecording) {
    void this.storeRecordingFile(rec);
    if (!("channelId" in rec.target)) return;
    const a = this.legOfEngineChannel(rec.target.channelId);
    if (!a) return;
    const send = () => {
      const ms = Math.max(0, Date.now() - rec.startedAt.getTime());
      a.vars
        .set("record_ms", String(ms))
        .set("record_seconds", String(Math.floor(ms / 1000)))
        .set("record_completion_cause", "success-silence");
      this.fireOn("RECORD_STOP", a, { tail: { "Record-File-Path": rec.name, "Record-Completion-Cause": "success-silence" } });
    };
    if (a.ch.ended) a.teardown.records.push(send);
    else send();
  }

  /**
   * Our half of a channel the engine still holds, even one it is tearing down: the engine stops
   * playbacks, recordings and bridges of a hanging-up channel before it reports the hang-up.
   */
  private legOfEngineChannel(id: string): Leg | undefined {
    const ch = this.engine.channels.get(id);
    return ch && this.legs.get(ch);
  }

  private onLeftBridge(bridgeId: string, ch: SimChannel) {
    const pair = this.pairs.get(bridgeId);
    if (!pair || pair.broken) return;
    pair.broken = true;
    const leaving = this.legs.get(ch);
    const survivor = leaving === pair.first ? pair.second : pair.first;
    const send = () => {
      for (const leg of [pair.first, pair.second]) leg.vars.set("last_bridge_role", leg === pair.first ? "originator" : "originatee");
      pair.first.vars.delete("bridge_to");
      if (leaving?.hangupCause) pair.first.vars.set("bridge_hangup_cause", leaving.hangupCause);
      this.fireOn("CHANNEL_UNBRIDGE", pair.first, { pre: { "Bridge-A-Unique-ID": pair.first.uuid, "Bridge-B-Unique-ID": pair.second.uuid } });
    };
    if (ch.ended && leaving === pair.first) leaving.teardown.unbridge = send;
    else send();
    // The bridge thread ends after the hang-up is under way; then the other side is dealt with.
    setImmediate(() => this.afterBridge(pair, survivor));
  }

  private afterBridge(pair: Pair, survivor: Leg) {
    this.pairs.delete(pair.id);
    if (this.engine.bridges.has(pair.id)) this.engine.destroyBridge(pair.id);
    // Gone, bridged again or sent to the dialplan meanwhile: nothing left to decide.
    if (this.engine.channel(survivor.uuid) !== survivor.ch || survivor.ch.bridgeId !== null || !survivor.ch.inControl) return;
    const parkAfter = survivor.vars.get("park_after_bridge") ?? this.engine.getVar(survivor.uuid, "park_after_bridge");
    if (parkAfter === "true") {
      Object.assign(survivor, { app: "park", appData: "", state: "CS_EXECUTE", stateNumber: 4 });
      this.fireOn("CHANNEL_PARK", survivor);
    } else {
      survivor.killCause = causeOf("NORMAL_CLEARING");
      this.engine.hangup(survivor.uuid, 16);
    }
  }

  private onHangup(ch: SimChannel, how: EngineEvents["hangup"][1]) {
    const a = this.legs.get(ch);
    if (!a) return;
    const b = a.peer;
    const answered = ch.answeredAt !== null;
    const cause = this.causeOfHangup(a, how, answered);
    const byFarEnd = how.by === "remote";
    const us = nowUs();
    for (const leg of [a, b]) {
      if (!leg) continue;
      Object.assign(leg, { hangupCause: cause.name, answerState: "hangup", stateNumber: 10 });
      leg.times.hangup = us;
    }
    if (a.sip) this.setSipHangup(a, how.sipCode, byFarEnd, answered);

    const hangup = (leg: Leg) => this.fireOn("CHANNEL_HANGUP", leg);
    const teardownA = () => {
      a.teardown.unbridge?.();
      if (a.teardown.records.length) a.state = "CS_HANGUP";
      for (const send of [...a.teardown.records, ...a.teardown.playbacks]) send();
      if (a.app === "park") this.execComplete(a, "park");
    };
    const complete = (leg: Leg) => {
      Object.assign(leg, { state: "CS_REPORTING", stateNumber: 11, callState: "HANGUP" });
      this.setCdr(leg, cause);
      this.fireOn("CHANNEL_HANGUP_COMPLETE", leg, { pre: { "Hangup-Cause": cause.name } });
    };
    const destroy = (leg: Leg) => {
      leg.stateNumber = 12;
      this.fireOn("CHANNEL_DESTROY", leg);
    };
    const job = () => this.finishJob(a, `-ERR ${cause.name}\n`);

    try {
      if (b && byFarEnd) {
        // The far end (the loopback "-b" half) hangs up first and takes our half with it.
        hangup(b);
        this.execComplete(b, "hangup", answered ? "" : cause.name);
        hangup(a);
        teardownA();
        complete(b);
        complete(a);
        if (answered) {
          destroy(a);
          destroy(b);
        } else {
          destroy(b);
          job();
          destroy(a);
        }
      } else if (b) {
        hangup(a);
        job();
        teardownA();
        hangup(b);
        complete(a);
        complete(b);
        destroy(b);
        destroy(a);
      } else {
        hangup(a);
        if (!byFarEnd) job();
        teardownA();
        complete(a);
        if (byFarEnd) job();
        destroy(a);
      }
    } finally {
      if (b) this.farLegs.delete(b.uuid);
      this.liveSessions -= b ? 2 : 1;
    }
  }

  private causeOfHangup(a: Leg, how: EngineEvents["hangup"][1], answered: boolean): Cause {
    if (how.by === "client") return a.killCause ?? causeOf(causeByCode(how.cause).name);
    if (how.by === "timeout") return causeOf("NO_ANSWER");
    if (!answered && how.sipCode && SIP_CAUSE[how.sipCode]) return causeOf(SIP_CAUSE[how.sipCode]);
    return { name: causeByCode(how.cause).name, code: how.cause };
  }

  /** What sofia records about the SIP side of a hang-up. */
  private setSipHangup(a: Leg, sipCode: number | null, byFarEnd: boolean, answered: boolean) {
    const v = a.vars;
    if (byFarEnd && !answered && sipCode) {
      v.set("sip_invite_failure_status", String(sipCode)).set("sip_invite_failure_phrase", SIP_PHRASE[sipCode] ?? "");
      v.set("sip_term_status", String(sipCode)).set("proto_specific_hangup_cause", `sip:${sipCode}`);
      v.set("sip_hangup_disposition", "recv_refuse");
    } else if (byFarEnd) {
      v.set("sip_term_status", "200").set("proto_specific_hangup_cause", "sip:200").set("sip_term_cause", "16");
      v.set("sip_hangup_disposition", "recv_bye");
    } else {
      v.set("sip_hangup_disposition", answered ? "send_bye" : "send_cancel");
    }
  }

  /** The call detail variables FreeSWITCH adds when a session ends. */
  private setCdr(leg: Leg, cause: Cause) {
    const { created: start, answered, progress, hangup: end, bridged } = leg.times;
    const since = (t: number) => (t ? end - t : 0);
    const between = (t: number) => (t ? t - start : 0);
    const v = leg.vars;
    v.set("hangup_cause", cause.name).set("hangup_cause_q850", String(cause.code)).set("digits_dialed", "none");
    v.set("start_stamp", localStamp(start)).set("profile_start_stamp", localStamp(leg.profileCreated));
    if (answered) v.set("answer_stamp", localStamp(answered));
    if (progress) v.set("progress_stamp", localStamp(progress));
    v.set("end_stamp", localStamp(end));
    const epochs: [string, number][] = [["start", start], ["profile_start", leg.profileCreated], ["answer", answered], ["bridge", bridged], ["last_hold", 0], ["resurrect", 0], ["progress", progress], ["progress_media", 0], ["end", end]];
    for (const [k, t] of epochs) v.set(`${k}_epoch`, String(Math.floor(t / 1e6))).set(`${k}_uepoch`, String(t));
    v.set("hold_accum_seconds", "0").set("hold_accum_usec", "0").set("hold_accum_ms", "0");
    v.set("last_app", leg.app || leg.vars.get("current_application") || "");
    v.set("caller_id", leg.caller.name ? `"${leg.caller.name}" <${leg.caller.number}>` : leg.caller.number);
    const spans: [string, number][] = [["duration", end - start], ["billsec", since(answered)], ["progresssec", between(progress)], ["answersec", between(answered)], ["waitsec", between(bridged)], ["progress_mediasec", 0], ["flow_billsec", end - start]];
    for (const [k, us] of spans) v.set(k, String(Math.floor(us / 1e6)));
    for (const [k, us] of spans) v.set(k === "duration" ? "mduration" : k.replace(/sec$/, "msec"), String(Math.floor(us / 1e3)));
    for (const [k, us] of spans) v.set(k === "duration" ? "uduration" : k.replace(/sec$/, "usec"), String(us));
    if (!leg.sip) v.set("is_loopback", "1");
  }

  private finishJob(a: Leg, body: string) {
    const job = a.job;
    if (!job) return;
    a.job = null;
    if (job.kind === "api") job.reply(body);
    else this.fireJob(job.uuid, job.command, job.arg, body);
  }

  /** Counts the live sessions afresh: an engine reset (a restart) drops channels without a word. */
  private countSessions(): number {
    let n = 0;
    for (const ch of this.engine.channels.values()) {
      const a = this.legs.get(ch);
      if (a) n += a.peer ? 2 : 1;
    }
    this.liveSessions = n;
    return n;
  }

  // ---------------------------------------------------------------- API commands

  /**
   * Runs an API command. An originate answers once the call is answered or has failed: through
   * the job's BACKGROUND_JOB for bgapi (null here), or as a promise for a blocking api.
   */
  api(command: string, arg: string, job: { uuid: string; raw: string } | null): string | Promise<string> | null {
    const args = arg.trim() === "" ? [] : splitArgs(arg.trim());
    switch (command.toLowerCase()) {
      case "status":
        return this.status();
      case "originate":
        return this.originate(args, job);
      case "uuid_kill":
        return this.uuidKill(args);
      case "uuid_answer": {
        const a = args[0] ? this.ourLeg(args[0]) : undefined;
        if (!a) return "-ERROR\n";
        this.engine.answer(a.uuid);
        return "+OK\n";
      }
      case "uuid_broadcast":
        return this.uuidBroadcast(args);
      case "uuid_break": {
        if (!args[0]) return "-USAGE: <uuid> [all]\n";
        const a = this.ourLeg(args[0]);
        if (!a) return "-ERR No such channel!\n";
        for (const pb of [...this.engine.playbacks.values()]) if (pb.channelId === a.uuid && pb.state === "playing") this.engine.stopPlayback(pb.id);
        return "+OK\n";
      }
      case "uuid_record":
        return this.uuidRecord(args);
      case "uuid_bridge":
        return this.uuidBridge(args);
      case "uuid_transfer":
        return this.uuidTransfer(args);
      case "uuid_park": {
        if (!args[0]) return "-USAGE: <uuid>\n";
        const a = this.ourLeg(args[0]);
        if (!a) return "-ERR No such channel!\n";
        this.park(a);
        return "+OK\n";
      }
      case "uuid_getvar": {
        if (args.length < 2) return "-USAGE: <uuid> <var>\n";
        const leg = this.leg(args[0]);
        if (!leg) return "-ERR No such channel!\n";
        return this.variable(leg, args[1]) ?? "_undef_";
      }
      case "uuid_setvar": {
        if (args.length < 2) return "-USAGE: <uuid> <var> [value]\n";
        const leg = this.leg(args[0]);
        if (!leg) return "-ERR No such channel!\n";
        const value = args.slice(2).join(" ");
        if (value === "") leg.vars.delete(args[1]);
        else leg.vars.set(args[1], value);
        if (leg.half === "a") this.engine.setVar(leg.uuid, args[1], value);
        return "+OK\n";
      }
      case "uuid_exists":
        return args[0] && this.leg(args[0]) ? "true" : "false";
      case "show":
        return this.show(args);
      case "hupall":
        return this.hupall(args);
      default:
        return `-ERR ${command} Command not found!\n`;
    }
  }

  /**
   * Channel variables as uuid_getvar sees them. The engine also records the AMD verdict under
   * Asterisk's names (AMDSTATUS/AMDCAUSE); on FreeSWITCH mod_amd sets amd_result/amd_cause instead.
   */
  private variable(leg: Leg, name: string): string | null {
    const own = leg.vars.get(name);
    if (own !== undefined) return own;
    if (leg.half === "b" || name === "AMDSTATUS" || name === "AMDCAUSE") return null;
    return this.engine.getVar(leg.uuid, name);
  }

  private status(): string {
    let us = nowUs() - this.startedAt;
    const unit = (size: number) => {
      const n = Math.floor(us / size);
      us -= n * size;
      return n;
    };
    const years = unit(365 * 86_400e6);
    const days = unit(86_400e6);
    const hours = unit(3_600e6);
    const minutes = unit(60e6);
    const seconds = unit(1e6);
    const ms = unit(1e3);
    return (
      `UP ${plural(years, "year")}, ${plural(days, "day")}, ${plural(hours, "hour")}, ${plural(minutes, "minute")}, ` +
      `${plural(seconds, "second")}, ${plural(ms, "millisecond")}, ${plural(Math.round(us), "microsecond")}\n` +
      `FreeSWITCH (Version ${VERSION}) is ready\n` +
      `${this.sessions} session(s) since startup\n` +
      `${this.countSessions()} session(s) - peak ${this.peakSessions}, last 5min ${this.peakSessions} \n` +
      `0 session(s) per Sec out of max 2000, peak 0, last 5min 0 \n` +
      `20000 session(s) max\nmin idle cpu 0.00/99.00\nCurrent Stack Size/Max 240K/8192K\n`
    );
  }

  private originate(args: string[], job: { uuid: string; raw: string } | null): string | Promise<string> | null {
    const url = args.length >= 2 ? parseCallUrl(args[0]) : null;
    if (!url) return ORIGINATE_USAGE;
    const vars = new Map(url.vars);
    const dialed = describeDialString(url.dialstring);
    const app = /^&([\w.-]+)\((.*)\)$/.exec(args[1]);
    const target: SimTarget = !app
      ? { kind: "dialplan", extension: args[1], context: args[3] ?? "default", priority: 1 }
      : app[1] === "park"
        ? { kind: "control", args: [] }
        : { kind: "dialplan", context: "inline", extension: app[1], priority: 1 };
    const spec: OriginateSpec = {
      ...dialed,
      vars: url.vars,
      caller: { name: vars.get("origination_caller_id_name") ?? args[4] ?? "", number: vars.get("origination_caller_id_number") ?? args[5] ?? "" },
    };
    const uuid = vars.get("origination_uuid") ?? randomUUID();
    const timeout = Number(vars.get("originate_timeout") ?? args[6] ?? 60);
    this.preparing.set(uuid, spec);
    let ch: SimChannel;
    try {
      ch = this.engine.originate({
        id: uuid,
        endpoint: url.dialstring,
        callerNumber: spec.caller.number,
        callerName: spec.caller.name,
        ringTimeoutSec: Number.isFinite(timeout) && timeout > 0 ? timeout : 60,
        variables: Object.fromEntries(url.vars),
        target,
      });
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      return err.kind === "conflict" ? "-ERR DESTINATION_OUT_OF_ORDER\n" : err.kind === "unavailable" ? "-ERR GATEWAY_DOWN\n" : "-ERR CHAN_NOT_IMPLEMENTED\n";
    } finally {
      this.preparing.delete(uuid);
    }
    const a = this.legs.get(ch)!;
    if (job) {
      a.job = { kind: "bgapi", uuid: job.uuid, command: "originate", arg: job.raw };
      return null;
    }
    return new Promise<string>((resolve) => {
      a.job = { kind: "api", reply: resolve };
    });
  }

  private uuidKill(args: string[]): string {
    if (!args[0]) return "-USAGE: <uuid> [cause]\n";
    const leg = this.leg(args[0]);
    if (!leg) return "-ERR No such channel!\n";
    const cause = args[1] ? (/^\d+$/.test(args[1]) ? causeOf(causeByCode(Number(args[1])).name, Number(args[1])) : causeOf(args[1].toUpperCase())) : causeOf("NORMAL_CLEARING");
    const a = leg.half === "a" ? leg : leg.peer!;
    a.killCause = cause;
    this.engine.hangup(a.uuid, cause.code);
    return "+OK\n";
  }

  private uuidBroadcast(args: string[]): string {
    if (args.length < 2) return "-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n";
    // FreeSWITCH queues the broadcast and answers before knowing whether the channel exists.
    const a = this.ourLeg(args[0]);
    if (a) {
      try {
        this.engine.play(a.uuid, args[1]);
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
      }
    }
    return "+OK Message sent\n";
  }

  private uuidRecord(args: string[]): string {
    const usage = "-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>] [<recording_vars>]\n";
    if (args.length < 3) return usage;
    const [uuid, action, path] = args;
    const a = this.ourLeg(uuid);
    if (!a) return "-ERR Cannot locate session!\n";
    try {
      if (action.toLowerCase() === "start") {
        this.engine.startRecording({ channelId: a.uuid }, path, path.split(".").pop() ?? "wav");
        return "+OK Success\n";
      }
      if (action.toLowerCase() === "stop") {
        const names = path === "all" ? [...this.engine.recordings.values()].filter((r) => r.state === "recording" && "channelId" in r.target && r.target.channelId === a.uuid).map((r) => r.name) : [path];
        for (const name of names) this.engine.stopRecording(name);
        return "+OK Success\n";
      }
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      return action.toLowerCase() === "start" ? "-ERR Cannot record session!\n" : "-ERR Cannot stop record session!\n";
    }
    return usage;
  }

  private uuidBridge(args: string[]): string {
    if (args.length < 2) return "-USAGE: <uuid> <other_uuid>\n";
    const first = this.ourLeg(args[0]);
    const second = this.ourLeg(args[1]);
    if (!first || !second || first === second) return "-ERR Invalid uuid\n";
    const current = first.ch.bridgeId ? this.pairs.get(first.ch.bridgeId) : undefined;
    if (current && !current.broken && (current.second === second || current.first === second)) return `+OK ${second.uuid}\n`;
    for (const leg of [first, second]) {
      const pair = leg.ch.bridgeId ? this.pairs.get(leg.ch.bridgeId) : undefined;
      if (pair) this.engine.removeFromBridge(pair.id, leg.uuid);
    }
    const id = this.engine.nextId("uuid-bridge");
    this.engine.createBridge(id);
    try {
      this.engine.addToBridge(id, first.uuid);
      this.engine.addToBridge(id, second.uuid);
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      this.engine.destroyBridge(id);
      return "-ERR Invalid uuid\n";
    }
    this.pairs.set(id, { id, first, second, broken: false });
    const us = nowUs();
    for (const [leg, other, type] of [[first, second, "originatee"], [second, first, "originator"]] as const) {
      const source = `${Math.floor(us / 1e6)}:${randomUUID()}:uuid_br:${other.uuid}`;
      Object.assign(leg, { other: { leg: other, type }, profileIndex: leg.profileIndex + 1, profileCreated: us, transferSource: source, state: "CS_EXECUTE", stateNumber: 8 });
      if (leg === first) leg.logicalDirection = "inbound";
      else leg.hitDialplan = false;
      leg.vars.set("bridge_channel", other.name).set("bridge_uuid", other.uuid).set("signal_bond", other.uuid);
      leg.vars.set("transfer_history", source).set("transfer_source", source);
    }
    first.vars.set("uuid_bridge", second.uuid);
    for (const leg of [first, second]) if (leg.app === "park") this.execComplete(leg, "park");
    for (const [leg, other] of [[first, second], [second, first]] as const) {
      leg.times.bridged = us;
      leg.vars.set("bridge_to", other.uuid).set("last_bridge_to", other.uuid);
      Object.assign(leg, { app: "uuid_bridge", appData: other.uuid });
    }
    Object.assign(first, { state: "CS_SOFT_EXECUTE", stateNumber: 3 });
    Object.assign(second, { state: "CS_EXCHANGE_MEDIA", stateNumber: 5 });
    this.fireOn("CHANNEL_BRIDGE", first, { pre: { "Bridge-A-Unique-ID": first.uuid, "Bridge-B-Unique-ID": second.uuid } });
    return `+OK ${second.uuid}\n`;
  }

  private uuidTransfer(args: string[]): string {
    const usage = "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
    if (args.length < 2) return usage;
    const a = this.ourLeg(args[0]);
    if (!a) return "-ERR No such channel!\n";
    const rest = args[1].startsWith("-") ? args.slice(2) : args.slice(1);
    if (!rest[0]) return usage;
    try {
      this.engine.redirect(a.uuid, { extension: rest[0], context: rest[2] ?? "default", priority: 1 });
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      return "-ERR\n";
    }
    return "+OK\n";
  }

  /** Out of a bridge and into park (the far side then follows park_after_bridge). */
  private park(a: Leg) {
    if (!a.ch.inControl) return;
    const pair = a.ch.bridgeId ? this.pairs.get(a.ch.bridgeId) : undefined;
    if (!pair) return;
    this.engine.removeFromBridge(pair.id, a.uuid);
    Object.assign(a, { app: "park", appData: "", state: "CS_EXECUTE", stateNumber: 4 });
    this.fireOn("CHANNEL_PARK", a);
  }

  private show(args: string[]): string {
    const what = (args[0] ?? "").toLowerCase();
    if (what !== "channels") return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|management|modules|nat_map|say|interfaces|interface_types|tasks|limits|status\n";
    const rows: Record<string, string>[] = [];
    for (const ch of this.engine.channels.values()) {
      const a = this.legs.get(ch);
      if (!a) continue;
      rows.push(this.row(a));
      if (a.peer) rows.push(this.row(a.peer));
    }
    if (args[1]?.toLowerCase() === "as" && args[2]?.toLowerCase() === "json") {
      return rows.length ? JSON.stringify({ row_count: rows.length, rows }) : JSON.stringify({ row_count: 0 });
    }
    const lines = [SHOW_COLUMNS.join(","), ...rows.map((r) => SHOW_COLUMNS.map((c) => r[c]).join(","))];
    return `${lines.join("\n")}\n\n${rows.length} total.\n`;
  }

  private row(leg: Leg): Record<string, string> {
    const [codec, rate, bitRate] = leg.codec;
    const bridgedTo = leg.other && leg.app === "uuid_bridge" ? leg.other.leg.uuid : leg.uuid;
    return {
      uuid: leg.uuid,
      direction: leg.half === "a" ? "outbound" : "inbound",
      created: localStamp(leg.times.created),
      created_epoch: String(Math.floor(leg.times.created / 1e6)),
      name: leg.name,
      state: leg.state,
      cid_name: leg.caller.name,
      cid_num: leg.caller.number,
      ip_addr: "",
      dest: leg.destination,
      application: leg.app,
      application_data: leg.appData,
      dialplan: "xml",
      context: leg.context,
      read_codec: codec,
      read_rate: rate,
      read_bit_rate: bitRate,
      write_codec: codec,
      write_rate: rate,
      write_bit_rate: bitRate,
      secure: "",
      hostname: HOSTNAME,
      presence_id: "",
      presence_data: "",
      accountcode: "",
      callstate: leg.callState,
      callee_name: leg.callee.name,
      callee_num: leg.callee.number,
      callee_direction: leg.half === "a" ? "RECV" : "",
      call_uuid: leg.half === "a" ? bridgedTo : "",
      sent_callee_name: "",
      sent_callee_num: "",
      initial_cid_name: "",
      initial_cid_num: leg.origCallerNumber,
      initial_ip_addr: "",
      initial_dest: leg.destination,
      initial_dialplan: "xml",
      initial_context: leg.context,
    };
  }

  private hupall(args: string[]): string {
    const cause = args[0] ? causeOf(args[0].toUpperCase()) : MANAGER_REQUEST;
    for (const ch of [...this.engine.channels.values()]) {
      const a = this.legs.get(ch);
      if (!a || ch.ended) continue;
      a.killCause = cause;
      this.engine.hangup(a.uuid, cause.code);
    }
    return `+OK hangup all channels with cause ${cause.name}\n`;
  }
}

/**
 * A cause by FreeSWITCH name. FreeSWITCH knows more names than causes.ts; the simulator hangs up
 * with NORMAL_CLEARING for those (hupall's MANAGER_REQUEST is handled on its own).
 */
function causeOf(name: string, code?: number): Cause {
  if (code !== undefined) return { name, code };
  const known = causeByName(name);
  return known.code === 0 && name !== "NONE" ? { name: "NORMAL_CLEARING", code: 16 } : { name: known.name, code: known.code };
}

/** Splits API arguments on spaces, keeping single-quoted text and `{…}` variable blocks whole. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  let depth = 0;
  for (const c of text) {
    if (c === "'" && depth === 0) quoted = !quoted;
    else if (c === "{" && !quoted) depth += 1;
    else if (c === "}" && !quoted) depth = Math.max(0, depth - 1);
    if (c === " " && !quoted && depth === 0) {
      if (current) out.push(current);
      current = "";
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

/** `{a=1,b='x y'}sofia/gateway/gw/5551234` → variables and the dial string. */
function parseCallUrl(url: string): { vars: [string, string][]; dialstring: string } | null {
  const vars: [string, string][] = [];
  let rest = url;
  while (rest.startsWith("{")) {
    const end = rest.indexOf("}");
    if (end < 0) return null;
    const body = rest.slice(1, end);
    for (const item of body.split(/(?<!\\),/)) {
      if (!item) continue;
      const eq = item.indexOf("=");
      if (eq <= 0) return null;
      let value = item.slice(eq + 1).replace(/\\,/g, ",");
      if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
      vars.push([item.slice(0, eq), value]);
    }
    rest = rest.slice(end + 1);
  }
  return rest ? { vars, dialstring: rest } : null;
}

/**
 * The number, context and channel name FreeSWITCH would give a dial string:
 * loopback/<exten>[/<context>] → loopback/<exten>-a (and -b), sofia/gateway/<gw>/<number> →
 * sofia/external/<number>@<gw>, user/<exten>[@domain] → the user's registration.
 */
function describeDialString(dialstring: string): Pick<OriginateSpec, "tech" | "channelName" | "context" | "number"> {
  const slash = dialstring.indexOf("/");
  const tech = slash > 0 ? dialstring.slice(0, slash) : dialstring;
  const parts = dialstring.slice(slash + 1).split("/");
  if (tech === "loopback") return { tech, number: parts[0], context: parts[1] ?? "default", channelName: `loopback/${parts[0]}` };
  if (tech === "sofia" && parts[0] === "gateway") return { tech, number: parts[2] ?? "", context: "default", channelName: `sofia/external/${parts[2] ?? ""}@${parts[1]}` };
  if (tech === "user") {
    const [exten, domain] = parts[0].split("@");
    return { tech, number: exten, context: "default", channelName: `sofia/internal/${exten}@${domain ?? "127.0.0.1"}` };
  }
  const last = parts[parts.length - 1] ?? "";
  return { tech, number: last.split("@")[0], context: "default", channelName: dialstring };
}

type Frame = { command: string; headers: Map<string, string>; body: string };

/** One client of the event socket. */
class EslConnection {
  private buffer = Buffer.alloc(0);
  private readonly queue: Frame[] = [];
  private authed = false;
  private format: "plain" | "json" | "xml" = "plain";
  private eventsOn = false;
  private readonly subscribed = new Set<string>();
  private readonly customSubclasses = new Set<string>();
  private filters: [string, string][] = [];
  private myEvents: string | null = null;
  /**
   * FreeSWITCH runs a connection's commands on its one listener thread: events fired meanwhile
   * (by the command itself, or while a blocking api such as originate waits) go out after the reply.
   */
  private busy = false;
  private held: string[] = [];
  private closing = false;

  constructor(
    readonly socket: Socket,
    private readonly sim: FreeSwitchSim,
  ) {
    // As mod_event_socket does (TCP_NODELAY): replies go out at once.
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", () => socket.destroy());
    this.write("Content-Type: auth/request\n\n");
  }

  private write(text: string) {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
  }

  private reply(text: string) {
    this.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
  }

  private apiResponse(body: string) {
    const text = body === "" ? "-ERR no reply\n" : body;
    this.write(`Content-Type: api/response\nContent-Length: ${Buffer.byteLength(text)}\n\n${text}`);
  }

  /** Says goodbye the way FreeSWITCH does, then closes. */
  private hangUp() {
    this.closing = true;
    this.write(`Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(DISCONNECT_NOTICE)}\n\n${DISCONNECT_NOTICE}`);
    this.socket.end();
  }

  private receive(chunk: Buffer) {
    if (this.closing) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === 0x0a || this.buffer[start] === 0x0d)) start += 1;
      if (start) this.buffer = this.buffer.subarray(start);
      const lf = this.buffer.indexOf("\n\n");
      const crlf = this.buffer.indexOf("\r\n\r\n");
      const end = lf >= 0 && (crlf < 0 || lf < crlf) ? lf : crlf;
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) this.protocolError("-ERR command too long");
        break;
      }
      const headerEnd = end + (end === lf ? 2 : 4);
      const lines = this.buffer.subarray(0, end).toString("utf8").replace(/\r/g, "").split("\n");
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const length = Number.parseInt(headers.get("content-length") ?? "0", 10);
      const bodyLength = Number.isFinite(length) && length > 0 ? length : 0;
      if (bodyLength > MAX_BODY_BYTES) {
        this.protocolError("-ERR content too long");
        break;
      }
      if (this.buffer.length < headerEnd + bodyLength) break;
      const body = this.buffer.subarray(headerEnd, headerEnd + bodyLength).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + bodyLength);
      this.queue.push({ command: lines[0], headers, body });
    }
    this.drain();
  }

  /** Input the connection cannot get back in step with: answer, then close. */
  private protocolError(reply: string) {
    this.buffer = Buffer.alloc(0);
    this.queue.length = 0;
    this.reply(reply);
    this.hangUp();
  }

  private drain() {
    while (!this.busy && !this.closing && this.queue.length) {
      this.busy = true;
      const pending = this.handle(this.queue.shift()!);
      if (pending) {
        pending.then((body) => {
          this.apiResponse(body);
          this.release();
          this.drain();
        });
        return;
      }
      this.release();
    }
  }

  private release() {
    this.busy = false;
    for (const text of this.held) this.write(text);
    this.held = [];
  }

  private handle(frame: Frame): Promise<string> | null {
    const cmd = frame.command;
    const lower = cmd.toLowerCase();
    if (lower.startsWith("exit") || lower.startsWith("...")) {
      this.reply("+OK bye");
      this.hangUp();
      return null;
    }
    if (!this.authed) {
      if (lower.startsWith("auth ")) {
        if (cmd.slice(5) === this.sim.password) {
          this.authed = true;
          this.reply("+OK accepted");
        } else {
          this.reply("-ERR invalid");
          this.hangUp();
        }
      } else {
        this.reply("-ERR command not found");
      }
      return null;
    }
    if (lower.startsWith("api ")) return this.runApi(cmd.slice(4), null);
    if (lower.startsWith("bgapi ")) {
      const jobUuid = frame.headers.get("job-uuid") || randomUUID();
      this.write(`Content-Type: command/reply\nReply-Text: +OK Job-UUID: ${jobUuid}\nJob-UUID: ${jobUuid}\n\n`);
      this.runApi(cmd.slice(6), jobUuid);
      return null;
    }
    if (lower.startsWith("event")) this.subscribe(afterSpace(cmd.slice(5)));
    else if (lower.startsWith("nixevent")) this.unsubscribe(afterSpace(cmd.slice(8)));
    else if (lower.startsWith("noevents")) {
      const was = this.eventsOn;
      this.eventsOn = false;
      this.subscribed.clear();
      this.customSubclasses.clear();
      this.reply(was ? "+OK no longer listening for events" : "-ERR not listening for events");
    } else if (lower.startsWith("filter ")) this.filter(cmd.slice(7));
    else if (lower.startsWith("myevents")) this.myEventsFor(cmd.slice(8));
    else if (lower.startsWith("nolog")) this.reply("-ERR not loging");
    else if (lower.startsWith("log")) this.reply(`+OK log level ${cmd.slice(3).trim() || "debug"} [7]`);
    else if (lower.startsWith("linger") || lower.startsWith("nolinger")) this.reply("-ERR not controlling a session");
    else this.reply("-ERR command not found");
    return null;
  }

  /** `api` blocks this connection until done; `bgapi` answers with a BACKGROUND_JOB event. */
  private runApi(line: string, jobUuid: string | null): Promise<string> | null {
    const space = line.indexOf(" ");
    const command = space < 0 ? line : line.slice(0, space);
    const arg = space < 0 ? "" : line.slice(space + 1);
    let result: ReturnType<FreeSwitchSim["api"]>;
    try {
      result = this.sim.api(command, arg, jobUuid ? { uuid: jobUuid, raw: arg } : null);
    } catch (err) {
      // A fault of the simulator itself: report it to this client rather than take the server down.
      result = `-ERR ${err instanceof Error ? err.message : String(err)}\n`;
    }
    if (typeof result !== "string") return result;
    if (jobUuid) setImmediate(() => this.sim.fireJob(jobUuid, command, arg, result));
    else this.apiResponse(result);
    return null;
  }

  private subscribe(rest: string) {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    let keys = 0;
    let custom = false;
    for (const [i, word] of words.entries()) {
      const lower = word.toLowerCase();
      if (i === 0 && (lower === "plain" || lower === "json" || lower === "xml")) {
        this.format = lower;
        continue;
      }
      if (custom) {
        this.customSubclasses.add(word);
        continue;
      }
      const name = word.toUpperCase();
      if (!EVENT_NAMES.has(name)) continue;
      keys += 1;
      this.subscribed.add(name);
      if (name === "CUSTOM") custom = true;
    }
    if (!keys) return this.reply("-ERR no keywords supplied");
    this.eventsOn = true;
    this.reply(`+OK event listener enabled ${this.format}`);
  }

  private unsubscribe(rest: string) {
    let keys = 0;
    let custom = false;
    for (const word of rest.trim().split(/\s+/).filter(Boolean)) {
      if (custom) {
        this.customSubclasses.delete(word);
        continue;
      }
      const name = word.toUpperCase();
      if (!EVENT_NAMES.has(name)) continue;
      keys += 1;
      if (name === "ALL") this.subscribed.clear();
      else if (name === "CUSTOM") custom = true;
      else if (this.subscribed.has("ALL")) {
        this.subscribed.delete("ALL");
        for (const n of EVENT_NAMES) if (n !== "ALL" && n !== name) this.subscribed.add(n);
      } else this.subscribed.delete(name);
    }
    if (!keys) return this.reply("-ERR no keywords supplied");
    this.eventsOn = true;
    this.reply("+OK events nixed");
  }

  private filter(rest: string) {
    const words = rest.trim().split(" ");
    if (words[0]?.toLowerCase() === "delete" && words[1]) {
      const [name, value] = [words[1], words.slice(2).join(" ")];
      if (name.toLowerCase() === "all") this.filters = [];
      else this.filters = this.filters.filter(([n, v]) => !(n.toLowerCase() === name.toLowerCase() && (!value || v === value)));
      return this.reply(`+OK filter deleted. [${name}][${value}]`);
    }
    const [name, ...valueWords] = words[0]?.toLowerCase() === "add" ? words.slice(1) : words;
    const value = valueWords.join(" ");
    if (!name || !value) return this.reply("-ERR invalid syntax");
    this.filters.push([name, value]);
    this.reply(`+OK filter added. [${name}]=[${value}]`);
  }

  private myEventsFor(rest: string) {
    const [uuid, format] = rest.trim().split(/\s+/);
    if (!uuid) return this.reply("-ERR invalid uuid");
    this.myEvents = uuid;
    if (format === "json" || format === "plain" || format === "xml") this.format = format;
    for (const name of ["CHANNEL_ANSWER", "CHANNEL_BRIDGE", "CHANNEL_CREATE", "CHANNEL_DESTROY", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_PARK", "CHANNEL_PROGRESS", "CHANNEL_UNBRIDGE", "DTMF"]) {
      this.subscribed.add(name);
    }
    this.eventsOn = true;
    this.reply("+OK Events Enabled");
  }

  /** Subscribed to this kind of event (before myevents and filters look at the event itself)? */
  listensTo(name: string, subclass?: string): boolean {
    if (!this.authed || this.closing || !this.eventsOn) return false;
    if (this.subscribed.has("ALL")) return true;
    if (!this.subscribed.has(name)) return false;
    return name !== "CUSTOM" || !subclass || this.customSubclasses.has(subclass);
  }

  private wants(event: FsEvent): boolean {
    if (!this.listensTo(event.name, event.headers["Event-Subclass"])) return false;
    if (this.myEvents && event.headers["Unique-ID"] !== this.myEvents) return false;
    if (!this.filters.length) return true;
    return this.filters.some(([name, value]) => {
      const actual = Object.entries(event.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (actual === undefined) return false;
      if (value.length > 2 && value.startsWith("/") && value.endsWith("/")) {
        try {
          return new RegExp(value.slice(1, -1)).test(actual);
        } catch {
          return false;
        }
      }
      return actual.toLowerCase() === value.toLowerCase();
    });
  }

  offer(event: FsEvent) {
    if (!this.wants(event)) return;
    const text = serialise(event, this.format);
    const frame = `Content-Length: ${Buffer.byteLength(text)}\nContent-Type: text/event-${this.format}\n\n${text}`;
    if (this.busy) this.held.push(frame);
    else this.write(frame);
  }
}

/** What follows the first space (FreeSWITCH's `strchr(cur, ' ')`), or nothing. */
function afterSpace(text: string): string {
  const space = text.indexOf(" ");
  return space < 0 ? "" : text.slice(space + 1);
}

/** switch_url_encode: bytes outside printable ASCII and the URL-unsafe ones become %XX. */
function urlEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || ' "#%&+:;<=>?@[\\]^`{|}'.includes(c) ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}` : c;
  }
  return out;
}

/** An event body in the three formats mod_event_socket speaks. */
function serialise(event: FsEvent, format: "plain" | "json" | "xml"): string {
  const { headers, body } = event;
  const length = body !== undefined ? String(Buffer.byteLength(body)) : null;
  if (format === "json") return JSON.stringify(length === null ? headers : { ...headers, "Content-Length": length, _body: body });
  if (format === "plain") {
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${urlEncode(v)}\n`).join("");
    return length === null ? `${lines}\n` : `${lines}Content-Length: ${length}\n\n${body}`;
  }
  const items = Object.entries(headers).map(([k, v]) => `    <${k}>${xmlEscape(v)}</${k}>\n`).join("");
  const tail = length === null ? "" : `  <Content-Length>${length}</Content-Length>\n  <body>${xmlEscape(body!)}</body>\n`;
  return `<event>\n  <headers>\n${items}  </headers>\n${tail}</event>`;
}
