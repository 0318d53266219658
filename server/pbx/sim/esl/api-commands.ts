import { randomUUID } from "node:crypto";
import { causeByCode } from "../../causes";
import type { SimChannel, SimEngine, SimTarget } from "../engine";
import { SimError } from "../sim-error";
import { localStamp, nowUs } from "./clock";
import { HOSTNAME, type EventBus } from "./events";
import { causeOf, MANAGER_REQUEST } from "./hangup";
import type { BroadcastApps } from "./broadcast-apps";
import type { InlineDialplan } from "./inline-dialplan";
import { describeDialString, type Leg, type OriginateSpec, type SessionTable } from "./sessions";

/**
 * The API commands a dialer sends (`api` and `bgapi`), answered in FreeSWITCH's words: originate,
 * uuid_kill, uuid_answer, uuid_broadcast, uuid_break, uuid_record, uuid_bridge, uuid_transfer
 * (to an extension, or to the inline dialplan), uuid_park, uuid_recv_dtmf, uuid_getvar,
 * uuid_setvar, uuid_exists, show channels, status, hupall.
 */
const VERSION = "1.10.12-release git a88d069 2024-08-02 21:02:27Z 64bit";
const ORIGINATE_USAGE = "-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]\n";
const SHOW_COLUMNS = [
  "uuid", "direction", "created", "created_epoch", "name", "state", "cid_name", "cid_num", "ip_addr", "dest", "application",
  "application_data", "dialplan", "context", "read_codec", "read_rate", "read_bit_rate", "write_codec", "write_rate",
  "write_bit_rate", "secure", "hostname", "presence_id", "presence_data", "accountcode", "callstate", "callee_name",
  "callee_num", "callee_direction", "call_uuid", "sent_callee_name", "sent_callee_num", "initial_cid_name", "initial_cid_num",
  "initial_ip_addr", "initial_dest", "initial_dialplan", "initial_context",
];
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

export class ApiCommands {
  private readonly startedAt = nowUs();

  constructor(
    private readonly engine: SimEngine,
    private readonly sessions: SessionTable,
    private readonly bus: EventBus,
    private readonly inline: InlineDialplan,
    private readonly apps: BroadcastApps,
  ) {}

  /**
   * Runs an API command. An originate answers once the call is answered or has failed: through
   * the job's BACKGROUND_JOB for bgapi (null here), or as a promise for a blocking api.
   */
  run(command: string, arg: string, job: { uuid: string; raw: string } | null): string | Promise<string> | null {
    const args = arg.trim() === "" ? [] : splitArgs(arg.trim());
    switch (command.toLowerCase()) {
      case "status":
        return this.status();
      case "originate":
        return this.originate(args, job);
      case "uuid_kill":
        return this.uuidKill(args);
      case "uuid_answer": {
        const a = args[0] ? this.sessions.ourLeg(args[0]) : undefined;
        if (!a) return "-ERROR\n";
        this.engine.answer(a.uuid);
        return "+OK\n";
      }
      case "uuid_broadcast":
        return this.uuidBroadcast(args);
      case "uuid_break":
        return this.onLeg(args, { usage: "-USAGE: <uuid> [all]\n", ours: true }, (a) => {
          for (const pb of [...this.engine.playbacks.values()]) if (pb.channelId === a.uuid && pb.state === "playing") this.engine.stopPlayback(pb.id);
          return "+OK\n";
        });
      case "uuid_record":
        return this.uuidRecord(args);
      case "uuid_bridge":
        return this.uuidBridge(args);
      case "uuid_transfer":
        return this.uuidTransfer(args);
      case "uuid_park":
        return this.onLeg(args, { usage: "-USAGE: <uuid>\n", ours: true }, (a) => {
          this.park(a);
          return "+OK\n";
        });
      case "uuid_recv_dtmf":
        return this.uuidRecvDtmf(args);
      case "uuid_getvar":
        return this.onLeg(args, { usage: "-USAGE: <uuid> <var>\n", minArgs: 2 }, (leg) => this.variable(leg, args[1]) ?? "_undef_");
      case "uuid_setvar":
        return this.onLeg(args, { usage: "-USAGE: <uuid> <var> [value]\n", minArgs: 2 }, (leg) => {
          const value = args.slice(2).join(" ");
          if (value === "") leg.vars.delete(args[1]);
          else leg.vars.set(args[1], value);
          if (leg.half === "a") this.engine.setVar(leg.uuid, args[1], value);
          return "+OK\n";
        });
      case "uuid_exists":
        return args[0] && this.sessions.leg(args[0]) ? "true" : "false";
      case "show":
        return this.show(args);
      case "hupall":
        return this.hupall(args);
      default:
        return `-ERR ${command} Command not found!\n`;
    }
  }

  /**
   * Runs a uuid_* command on the session its first argument names (our half only when `ours`),
   * or answers as FreeSWITCH does when the arguments are short or the session is unknown.
   */
  private onLeg(args: string[], opts: { usage: string; minArgs?: number; ours?: boolean }, command: (leg: Leg) => string): string {
    if (args.length < (opts.minArgs ?? 1) || !args[0]) return opts.usage;
    const leg = opts.ours ? this.sessions.ourLeg(args[0]) : this.sessions.leg(args[0]);
    return leg ? command(leg) : "-ERR No such channel!\n";
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
      `${this.sessions.started} session(s) since startup\n` +
      `${this.sessions.count()} session(s) - peak ${this.sessions.peak}, last 5min ${this.sessions.peak} \n` +
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
    this.sessions.preparing.set(uuid, spec);
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
      this.sessions.preparing.delete(uuid);
    }
    const a = this.sessions.of(ch)!;
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
    const leg = this.sessions.leg(args[0]);
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
    const a = this.sessions.ourLeg(args[0]);
    const app = /^'?([a-z_]+)::(.*?)'?$/.exec(args[1]);
    if (a && app) {
      this.apps.broadcast(a, app[1], app[2]);
      return "+OK Message sent\n";
    }
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
    const a = this.sessions.ourLeg(uuid);
    if (!a) return "-ERR Cannot locate session!\n";
    try {
      if (action.toLowerCase() === "start") {
        const limit = Number(args[3] ?? 0);
        this.engine.startRecording({ channelId: a.uuid }, path, path.split(".").pop() ?? "wav", limit > 0 ? limit : undefined);
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
    const first = this.sessions.ourLeg(args[0]);
    const second = this.sessions.ourLeg(args[1]);
    if (!first || !second || first === second) return "-ERR Invalid uuid\n";
    const current = first.ch.bridgeId ? this.sessions.pairs.get(first.ch.bridgeId) : undefined;
    if (current && !current.broken && (current.second === second || current.first === second)) return `+OK ${second.uuid}\n`;
    for (const leg of [first, second]) {
      const pair = leg.ch.bridgeId ? this.sessions.pairs.get(leg.ch.bridgeId) : undefined;
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
    this.sessions.pairs.set(id, { id, first, second, broken: false });
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
    for (const leg of [first, second]) if (leg.app === "park") this.bus.execComplete(leg, "park");
    for (const [leg, other] of [[first, second], [second, first]] as const) {
      leg.times.bridged = us;
      leg.vars.set("bridge_to", other.uuid).set("last_bridge_to", other.uuid);
      Object.assign(leg, { app: "uuid_bridge", appData: other.uuid });
    }
    Object.assign(first, { state: "CS_SOFT_EXECUTE", stateNumber: 3 });
    Object.assign(second, { state: "CS_EXCHANGE_MEDIA", stateNumber: 5 });
    this.bus.fireOn("CHANNEL_BRIDGE", first, { pre: { "Bridge-A-Unique-ID": first.uuid, "Bridge-B-Unique-ID": second.uuid } });
    return `+OK ${second.uuid}\n`;
  }

  private uuidTransfer(args: string[]): string {
    const usage = "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
    if (args.length < 2) return usage;
    const a = this.sessions.ourLeg(args[0]);
    if (!a) return "-ERR No such channel!\n";
    const rest = args[1].startsWith("-") ? args.slice(2) : args.slice(1);
    if (!rest[0]) return usage;
    if (rest[1]?.toLowerCase() === "inline") return this.inline.transfer(a, rest[0]) ? "+OK\n" : "-ERR\n";
    try {
      this.engine.redirect(a.uuid, { extension: rest[0], context: rest[2] ?? "default", priority: 1 });
    } catch (err) {
      if (!(err instanceof SimError)) throw err;
      return "-ERR\n";
    }
    return "+OK\n";
  }

  /**
   * Digits queued on a session as if its phone sent them (mod_commands' uuid_recv_dtmf). They are
   * reported as DTMF events from the application (DTMF-Source APP, FreeSWITCH's default 2000-sample
   * length), and an eavesdropping channel takes them as its switches.
   */
  private uuidRecvDtmf(args: string[]): string {
    const usage = "-USAGE: <uuid> <dtmf_data>\n";
    if (args.length < 2) return usage;
    const leg = this.sessions.leg(args[0]);
    if (!leg) return "-ERR Cannot locate session!\n";
    const digits = [...args[1].replace(/@\d+/g, "")].filter((d) => /^[0-9*#A-Da-d]$/.test(d));
    if (!digits.length) return usage;
    for (const digit of digits) {
      this.bus.fireOn("DTMF", leg, { variables: false, tail: { "DTMF-Digit": digit, "DTMF-Duration": "2000", "DTMF-Source": "APP" } });
      this.inline.digit(leg, digit);
    }
    return `+OK ${args[0]} received DTMF ${args[1]}.\n`;
  }

  /** Out of a bridge and into park (the far side then follows park_after_bridge). */
  private park(a: Leg) {
    if (!a.ch.inControl) return;
    const pair = a.ch.bridgeId ? this.sessions.pairs.get(a.ch.bridgeId) : undefined;
    if (!pair) return;
    this.engine.removeFromBridge(pair.id, a.uuid);
    this.bus.firePark(a);
  }

  private show(args: string[]): string {
    const what = (args[0] ?? "").toLowerCase();
    if (what !== "channels") return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|management|modules|nat_map|say|interfaces|interface_types|tasks|limits|status\n";
    const rows: Record<string, string>[] = [];
    for (const ch of this.engine.channels.values()) {
      const a = this.sessions.of(ch);
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
      const a = this.sessions.of(ch);
      if (!a || ch.ended) continue;
      a.killCause = cause;
      this.engine.hangup(a.uuid, cause.code);
    }
    return `+OK hangup all channels with cause ${cause.name}\n`;
  }
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
