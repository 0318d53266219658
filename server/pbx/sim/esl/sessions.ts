import { randomUUID } from "node:crypto";
import type { SimChannel, SimEngine } from "../engine";
import { nowUs } from "./clock";

/**
 * FreeSWITCH's sessions over the engine's channels. A channel is one session (sofia, user) or
 * two (loopback: our "-a" half and the far "-b" half, which has a uuid of its own that the engine
 * does not know); each carries FreeSWITCH's view of it: names, caller profiles, states, variables.
 */
export type Cause = { name: string; code: number };
export type Party = { name: string; number: string };

/** One FreeSWITCH session: Pacer's half of a call, or the far half of a loopback call. */
export type Leg = {
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
export type Job = { kind: "bgapi"; uuid: string; command: string; arg: string } | { kind: "api"; reply: (body: string) => void };

export type Pair = { id: string; first: Leg; second: Leg; broken: boolean };
/** What an originate asked for, kept until the engine reports the channel created. */
export type OriginateSpec = { vars: [string, string][]; tech: string; channelName: string; context: string; number: string; caller: Party };

export class SessionTable {
  private readonly legs = new WeakMap<SimChannel, Leg>();
  /** Far halves of loopback calls, which the engine does not know by id. */
  private readonly farLegs = new Map<string, Leg>();
  /** uuid_bridge pairs by the engine bridge that joins them. */
  readonly pairs = new Map<string, Pair>();
  /** What each originate asked for, until the engine reports its channel created. */
  readonly preparing = new Map<string, OriginateSpec>();
  /** Sessions since startup, live now, and the most at once (for `status`). */
  started = 0;
  private live = 0;
  peak = 0;

  constructor(private readonly engine: SimEngine) {}

  /** Our half of an engine channel. */
  of(ch: SimChannel): Leg | undefined {
    return this.legs.get(ch);
  }

  /** The sessions of a channel the engine has just created, if we originated it. */
  open(ch: SimChannel): Leg | undefined {
    const spec = this.preparing.get(ch.id);
    if (!spec) return undefined;
    const a = this.newLeg(ch, "a", spec, ch.id);
    this.legs.set(ch, a);
    if (ch.hasPeerLeg) {
      const b = this.newLeg(ch, "b", spec, randomUUID());
      a.peer = b;
      b.peer = a;
      a.vars.set("other_loopback_leg_uuid", b.uuid).set("loopback_leg", "A");
      b.vars.set("other_loopback_leg_uuid", a.uuid).set("loopback_leg", "B");
      this.farLegs.set(b.uuid, b);
    }
    this.live += a.peer ? 2 : 1;
    this.peak = Math.max(this.peak, this.live);
    return a;
  }

  /** The channel is gone: its sessions with it. */
  close(a: Leg): void {
    if (a.peer) this.farLegs.delete(a.peer.uuid);
    this.live -= a.peer ? 2 : 1;
  }

  leg(id: string): Leg | undefined {
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

  ourLeg(id: string): Leg | undefined {
    const leg = this.leg(id);
    return leg?.half === "a" ? leg : undefined;
  }

  /**
   * Our half of a channel the engine still holds, even one it is tearing down: the engine stops
   * playbacks, recordings and bridges of a hanging-up channel before it reports the hang-up.
   */
  legOfEngineChannel(id: string): Leg | undefined {
    const ch = this.engine.channels.get(id);
    return ch && this.legs.get(ch);
  }

  /** Counts the live sessions afresh: an engine reset (a restart) drops channels without a word. */
  count(): number {
    let n = 0;
    for (const ch of this.engine.channels.values()) {
      const a = this.legs.get(ch);
      if (a) n += a.peer ? 2 : 1;
    }
    this.live = n;
    return n;
  }

  private newLeg(ch: SimChannel, half: "a" | "b", spec: OriginateSpec, uuid: string): Leg {
    const created = nowUs();
    this.started += 1;
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
      sessionId: this.started,
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
}

/**
 * The number, context and channel name FreeSWITCH would give a dial string:
 * loopback/<exten>[/<context>] → loopback/<exten>-a (and -b), sofia/gateway/<gw>/<number> →
 * sofia/external/<number>@<gw>, user/<exten>[@domain] → the user's registration.
 */
export function describeDialString(dialstring: string): Pick<OriginateSpec, "tech" | "channelName" | "context" | "number"> {
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
