import { randomUUID } from "node:crypto";
import { localStamp, nowUs } from "./clock";
import type { Leg } from "./sessions";
import type { FsEvent } from "./wire";

/**
 * The events FreeSWITCH fires, with their headers in its order: the core's own (Event-Name,
 * Core-UUID, dates, where in the C source it fired), a session's state and caller profiles, the
 * other leg's profile, every channel variable. Built only when some client listens for the kind.
 */
export const HOSTNAME = "pacer-sim";

/** An event-socket client as the bus sees it (EslConnection). */
export type EventListener = { listensTo(name: string, subclass?: string): boolean; offer(event: FsEvent): void };

/** `pre` headers go before the session's, `tail` after its variables; DTMF events carry no variables. */
export type ChannelEventOptions = { pre?: Record<string, string>; tail?: Record<string, string>; variables?: boolean; subclass?: string };

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

export class EventBus {
  readonly coreUuid = randomUUID();
  private sequence = 60_000;

  constructor(
    private readonly listeners: Iterable<EventListener>,
    private readonly ip: string,
  ) {}

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
  private channelEvent(name: string, leg: Leg, opts: ChannelEventOptions = {}): FsEvent {
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
    for (const c of this.listeners) c.offer(event);
  }

  /** Builds a channel event only if some client subscribed to its kind (most are never asked for). */
  fireOn(name: string, leg: Leg, opts?: ChannelEventOptions) {
    for (const c of this.listeners) {
      if (c.listensTo(name, opts?.subclass)) return this.fire(this.channelEvent(name, leg, opts));
    }
  }

  execComplete(leg: Leg, app: string, data = "", response = "_none_") {
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

  /** The session parks (park(), or back to park after a bridge): it waits for the client's next command. */
  firePark(leg: Leg) {
    Object.assign(leg, { app: "park", appData: "", state: "CS_EXECUTE", stateNumber: 4 });
    this.fireOn("CHANNEL_PARK", leg);
  }
}
