import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { ConnectionKeeper } from "../connection-keeper";
import { errorText, PbxError, type DigitsRequest, type HealthStatus, type LiveChannelInfo, type MonitorMode, type MonitorTarget, type OriginateRequest, type PbxDriver } from "../driver";
import { keepDriverLink, linkUpForOriginate, UNSEEN_HANGUP_TEXT, type DriverLinkOptions } from "../driver-link";
import { channelVariables, checkDialString, parseCallerId, token } from "./dial-strings";
import { CALL_STATES, EslChannels, type Membership, type Playback } from "./esl-channels";
import { EslLink, toPbxError, type EslLinkOptions } from "./esl-link";

export type EslDriverOptions = EslLinkOptions & DriverLinkOptions & {
  /** Where FreeSWITCH writes recordings: `<dir>/<name>.wav`. */
  recordingDir?: string;
};

const KILL_CAUSES = { normal: "NORMAL_CLEARING", busy: "USER_BUSY", congestion: "NORMAL_CIRCUIT_CONGESTION", no_answer: "NO_ANSWER" } as const;

/**
 * eavesdrop's DTMF switches (switch_ivr_eavesdrop_session): 0 listen only, 2 speak with the
 * target (the agent), 3 three-way. (1 would speak to the other party alone.)
 */
const EAVESDROP_DIGIT: Record<MonitorMode, string> = { listen: "0", whisper: "2", barge: "3" };

/**
 * The variables mod_dptools reads when eavesdrop starts, for each mode: `eavesdrop_whisper_bleg`
 * mixes the eavesdropper into what the target hears (ED_MUX_WRITE), `eavesdrop_whisper_aleg`
 * into what the target says to its partner (ED_MUX_READ).
 */
const EAVESDROP_START: Record<MonitorMode, string[]> = {
  listen: [],
  whisper: ["eavesdrop_whisper_bleg=true"],
  barge: ["eavesdrop_whisper_bleg=true", "eavesdrop_whisper_aleg=true"],
};

/**
 * FreeSWITCH through its event socket. Calls are originated with `bgapi originate` and
 * `origination_uuid` = Pacer's channel id, so every event of the call carries that id. The link
 * (esl-link.ts) carries commands and events, the connection keeper keeps it up, and what the
 * events mean is esl-channels.ts's; this file turns the PbxDriver's commands into FreeSWITCH's.
 *
 * A Pacer bridge is made of `uuid_bridge`: the first channel added waits parked (it has "entered"
 * an empty bridge, as in a mixing bridge of one, and hears nothing); the second is uuid_bridge'd
 * to it. A bridge therefore holds two channels. Channels are originated with
 * `park_after_bridge=true`, so whoever stays behind when the other leaves stays parked, under
 * Pacer's control, like a channel left alone in an ARI bridge. Leaving is `uuid_park`. Recording
 * a bridge records one of its channels, which FreeSWITCH does with both parties' audio.
 *
 * A supervisor listening in is FreeSWITCH's `eavesdrop` on the agent's leg, its mode switched with
 * eavesdrop's own DTMF switches (a pair cannot take a third channel, and needs not).
 */
export class EslDriver extends EventEmitter implements PbxDriver {
  readonly kind = "freeswitch" as const;
  private readonly keeper: ConnectionKeeper;
  private readonly link: EslLink;
  private readonly channels = new EslChannels((event) => {
    if (event.type === "hangup") this.monitoring.delete(event.channelId);
    this.emit("call", event);
  });
  /** Channels running eavesdrop for a supervisor. */
  private readonly monitoring = new Set<string>();
  private playbackSeq = 0;

  constructor(private readonly opts: EslDriverOptions) {
    super();
    this.link = new EslLink(opts, {
      onEvent: (message) => {
        try {
          this.channels.onEvent(message);
        } catch (err) {
          this.keeper.noteError(`event ${message.getHeader("Event-Name")}: ${errorText(err)}`);
        }
      },
      onError: (reason) => this.keeper.noteError(reason),
      onLost: (reason) => this.keeper.lost(reason),
    });
    // The round trip is measured with `api status`.
    this.keeper = keepDriverLink(this, {
      ...opts,
      defaultLabel: `ESL ${opts.host}:${opts.port}`,
      attach: () => this.link.attach(),
      probe: () => this.link.api("status"),
      calls: {
        followed: () => this.channels.calls.keys(),
        isFollowed: (id) => this.channels.calls.has(id),
        listChannels: () => this.listChannels(),
        endedUnseen: (id) => this.channels.endedUnseen(id, UNSEEN_HANGUP_TEXT),
      },
    });
  }

  health(): HealthStatus {
    return this.keeper.health();
  }

  /** Resolves once connected and subscribed; if that fails it rejects and keeps retrying in the background. */
  async connect(): Promise<void> {
    try {
      await this.keeper.start();
    } catch (err) {
      throw new PbxError("not_connected", `Cannot connect to FreeSWITCH at ${this.opts.host}:${this.opts.port}: ${errorText(err)}`);
    }
  }

  async close(): Promise<void> {
    this.keeper.stop();
    await this.link.close();
  }

  async originate(req: OriginateRequest): Promise<void> {
    const id = token(req.channelId, "channel id");
    if (this.channels.calls.has(id)) throw new PbxError("conflict", `Channel ${id} is already in use`);
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
    await linkUpForOriginate(this.keeper, "FreeSWITCH");

    const jobId = randomUUID();
    this.channels.follow(id, { jobId, created: false, ringing: false, progress: false, answered: false });
    // Without a reply (timeout, dropped connection) the call may exist: it stays followed, and
    // after a reconnection it ends (unseen) unless FreeSWITCH lists it.
    const reply = await this.link.request("originate", (conn, done) => conn.sendRecv(`bgapi originate ${vars}${endpoint} ${destination}`, { "Job-UUID": jobId }, done));
    const text = String(reply.getHeader("Reply-Text") ?? "");
    if (!text.startsWith("+OK")) {
      this.channels.forget(id);
      throw toPbxError("originate", text);
    }
  }

  async hangup(channelId: string, cause: "normal" | "busy" | "congestion" | "no_answer" = "normal"): Promise<void> {
    await this.link.run("hangup", `uuid_kill ${token(channelId, "channel id")} ${KILL_CAUSES[cause]}`);
  }

  async answer(channelId: string): Promise<void> {
    await this.link.run("answer", `uuid_answer ${token(channelId, "channel id")}`);
  }

  /**
   * Plays a file (FreeSWITCH path or sound name; an ARI-style `sound:` prefix is dropped) with
   * uuid_broadcast. FreeSWITCH accepts a broadcast to any uuid, so the channel must be one of ours.
   */
  async play(channelId: string, media: string, playbackId?: string): Promise<string> {
    const call = this.channels.calls.get(channelId);
    if (!call) throw new PbxError("not_found", `play: channel ${channelId} not found`);
    const id = playbackId ?? `pb-${channelId}-${++this.playbackSeq}`;
    if (call.playbacks.some((p) => p.id === id)) throw new PbxError("conflict", `play: playback ${id} is already playing`);
    const path = token(media.replace(/^sound:/, ""), "media");
    const playback: Playback = { id, path, stopped: false };
    call.playbacks.push(playback);
    try {
      await this.link.run("play", `uuid_broadcast ${channelId} ${path} aleg`);
    } catch (err) {
      call.playbacks = call.playbacks.filter((p) => p !== playback);
      throw err;
    }
    return id;
  }

  /**
   * Music on hold: a class is the local_stream of that name, a stream or file is broadcast as is;
   * uuid_break ends it. Not followed as a playback, so no playback event comes of it.
   */
  async startMoh(channelId: string, music: string): Promise<void> {
    if (!this.channels.calls.has(channelId)) throw new PbxError("not_found", `music on hold: channel ${channelId} not found`);
    const stream = token(/[:/]/.test(music) ? music.replace(/^sound:/, "") : `local_stream://${music}`, "music on hold");
    await this.link.run("start music on hold", `uuid_broadcast ${channelId} ${stream} aleg`);
  }

  async stopMoh(channelId: string): Promise<void> {
    await this.link.run("stop music on hold", `uuid_break ${token(channelId, "channel id")} all`);
  }

  /**
   * play_and_get_digits, broadcast to the parked channel like a playback (`app::args`): one try,
   * the timeout also between digits, the answer in a variable of its own that the
   * CHANNEL_EXECUTE_COMPLETE carries (esl-channels.ts turns it into the `digits` event).
   */
  async getDigits(channelId: string, req: DigitsRequest): Promise<string> {
    const call = this.channels.calls.get(channelId);
    if (!call) throw new PbxError("not_found", `get digits: channel ${channelId} not found`);
    const seq = ++this.playbackSeq;
    const id = req.promptId ?? `prompt-${channelId}-${seq}`;
    const variable = `pacer_digits_${seq}`;
    const path = token(req.media.replace(/^sound:/, ""), "media");
    const ms = Math.round(req.timeoutSec * 1000);
    const terminator = req.terminator ? token(req.terminator, "terminator") : "none";
    const args = `1 ${req.maxDigits} 1 ${ms} ${terminator} ${path} silence_stream://250 ${variable} \\d+ ${ms}`;
    call.prompts.push({ id, variable });
    try {
      await this.link.run("get digits", `uuid_broadcast ${token(channelId, "channel id")} 'play_and_get_digits::${args}' aleg`);
    } catch (err) {
      call.prompts = call.prompts.filter((p) => p.id !== id);
      throw err;
    }
    return id;
  }

  async startRecording(target: { channelId: string } | { bridgeId: string }, name: string, opts: { maxSec?: number } = {}): Promise<void> {
    if (token(name, "recording name").includes("/")) throw new PbxError("bad_request", `Invalid recording name '${name}'`);
    if (this.channels.recordings.has(name)) throw new PbxError("conflict", `Recording '${name}' already in progress`);
    let channelId: string;
    let bridgeId: string | null = null;
    if ("channelId" in target) channelId = token(target.channelId, "channel id");
    else {
      const members = this.channels.bridges.get(target.bridgeId);
      if (!members) throw new PbxError("not_found", `record: bridge ${target.bridgeId} not found`);
      const member = members.find((m) => !this.channels.memberships.get(m)?.leaving);
      if (!member) throw new PbxError("conflict", `record: bridge ${target.bridgeId} is empty`);
      channelId = member;
      bridgeId = target.bridgeId;
    }
    const path = `${this.opts.recordingDir ?? "/var/lib/freeswitch/recordings"}/${name}.wav`;
    this.channels.recordings.set(name, { channelId, path, bridgeId });
    try {
      await this.link.run("record", `uuid_record ${channelId} start ${path}${opts.maxSec ? ` ${Math.ceil(opts.maxSec)}` : ""}`);
    } catch (err) {
      this.channels.recordings.delete(name);
      throw err;
    }
  }

  /** recording_finished follows, when FreeSWITCH reports RECORD_STOP. */
  async stopRecording(name: string): Promise<void> {
    const rec = this.channels.recordings.get(name);
    if (!rec) throw new PbxError("not_found", `stop recording: recording '${name}' not found`);
    await this.link.run("stop recording", `uuid_record ${rec.channelId} stop ${rec.path}`);
  }

  async createBridge(bridgeId: string): Promise<void> {
    if (!this.channels.bridges.has(token(bridgeId, "bridge id"))) this.channels.bridges.set(bridgeId, []);
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    const members = this.channels.bridges.get(bridgeId);
    if (!members) throw new PbxError("not_found", `add to bridge: bridge ${bridgeId} not found`);
    if (!this.channels.calls.has(channelId)) throw new PbxError("not_found", `add to bridge: channel ${channelId} not found`);
    const current = this.channels.memberships.get(channelId);
    if (current?.bridgeId === bridgeId && !current.leaving) return;
    if (current) {
      // Moving from another bridge: out of it first. Its CHANNEL_UNBRIDGE would arrive after the
      // new membership exists, so the old one ends here.
      if (!current.leaving) await this.takeOut([channelId]);
      const old = this.channels.memberships.get(channelId);
      if (old) this.channels.leave(channelId, old, new Date());
    }
    const staying = this.channels.staying(members);
    if (staying.length >= 2) throw new PbxError("conflict", `add to bridge: bridge ${bridgeId} already joins two channels (a FreeSWITCH bridge is a pair)`);
    const membership: Membership = { bridgeId, entered: false, leaving: false };
    this.channels.memberships.set(channelId, membership);
    members.push(channelId);
    if (!staying.length) {
      this.channels.enter(channelId, membership, new Date());
      return;
    }
    try {
      // bridge_entered follows with CHANNEL_BRIDGE.
      await this.link.run("add to bridge", `uuid_bridge ${channelId} ${staying[0]}`);
    } catch (err) {
      this.channels.memberships.delete(channelId);
      members.splice(members.indexOf(channelId), 1);
      throw err;
    }
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    if (!this.channels.bridges.has(bridgeId)) throw new PbxError("not_found", `remove from bridge: bridge ${bridgeId} not found`);
    const membership = this.channels.memberships.get(channelId);
    if (!membership || membership.bridgeId !== bridgeId) throw new PbxError("conflict", `remove from bridge: channel ${channelId} is not in bridge ${bridgeId}`);
    if (membership.leaving) return;
    await this.takeOut([channelId]);
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    const members = this.channels.bridges.get(bridgeId);
    if (!members) throw new PbxError("not_found", `destroy bridge: bridge ${bridgeId} not found`);
    for (const [name, rec] of this.channels.recordings) {
      if (rec.bridgeId === bridgeId) await this.stopRecording(name);
    }
    await this.takeOut(this.channels.staying(members));
    this.channels.bridges.delete(bridgeId);
  }

  /**
   * Takes channels out of their bridge. Bridged channels are parked (`uuid_park`; the partner
   * parks by itself) and leave when CHANNEL_UNBRIDGE confirms; a channel alone leaves at once.
   */
  private async takeOut(channelIds: string[]) {
    const linked: string[] = [];
    for (const id of channelIds) {
      const m = this.channels.memberships.get(id);
      if (!m || m.leaving) continue;
      if (this.channels.partnerOf(id, m)) {
        m.leaving = true;
        linked.push(id);
      } else this.channels.leave(id, m, new Date());
    }
    if (!linked.length) return;
    try {
      await this.link.run("remove from bridge", `uuid_park ${linked[0]}`);
    } catch (err) {
      for (const id of linked) {
        const m = this.channels.memberships.get(id);
        if (m) m.leaving = false;
      }
      throw err;
    }
  }

  async adopt(channelId: string, opts: { answered: boolean }): Promise<void> {
    const id = token(channelId, "channel id");
    if (!this.channels.calls.has(id)) this.channels.follow(id, { jobId: null, created: true, ringing: true, progress: false, answered: opts.answered });
  }

  /** uuid_transfer to `<extension> XML <context>` (FreeSWITCH's dialplan has no priorities). */
  async redirect(channelId: string, target: { context: string; extension: string; priority?: number }): Promise<void> {
    const command = `uuid_transfer ${token(channelId, "channel id")} ${token(target.extension, "extension")} XML ${token(target.context, "context")}`;
    const m = this.channels.memberships.get(channelId);
    const linked = m && !m.leaving && this.channels.partnerOf(channelId, m);
    if (m && linked) m.leaving = true;
    try {
      await this.link.run("redirect", command);
    } catch (err) {
      if (m && linked) m.leaving = false;
      throw err;
    }
    if (m && !linked && !m.leaving) this.channels.leave(channelId, m, new Date());
  }

  async getVar(channelId: string, name: string): Promise<string | null> {
    const value = await this.link.run("get variable", `uuid_getvar ${token(channelId, "channel id")} ${token(name, "variable name")}`);
    return value === "_undef_" ? null : value;
  }

  /** FreeSWITCH's channels, without the far halves of loopback calls (they are not calls of their own). */
  async listChannels(): Promise<LiveChannelInfo[]> {
    const body = await this.link.run("list channels", "show channels as json");
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

  /**
   * The supervisor's parked channel is sent to the inline dialplan to run `eavesdrop` on the
   * agent's leg (it hears the agent and whoever the agent is bridged to), started in `mode` by the
   * variables eavesdrop reads; eavesdrop returns when the agent's leg hangs up, and the channel
   * then hangs up by itself (the dialplan has nothing left).
   */
  async startMonitor(channelId: string, target: MonitorTarget, mode: MonitorMode): Promise<void> {
    const id = token(channelId, "channel id");
    if (!this.channels.calls.has(id)) throw new PbxError("not_found", `monitor: channel ${id} not found`);
    if (this.monitoring.has(id)) throw new PbxError("conflict", `monitor: channel ${id} is already listening in on a call`);
    const apps = ["eavesdrop_enable_dtmf=true", ...EAVESDROP_START[mode]].map((v) => `set:${v}`);
    apps.push(`eavesdrop:${token(target.agentChannelId, "agent channel id")}`);
    await this.link.run("monitor", `uuid_transfer ${id} ${apps.join(",")} inline`);
    this.monitoring.add(id);
  }

  /** eavesdrop switches on the digits its channel receives: Pacer sends them with uuid_recv_dtmf. */
  async setMonitorMode(channelId: string, mode: MonitorMode): Promise<void> {
    if (!this.monitoring.has(channelId)) throw new PbxError("not_found", `monitor mode: channel ${channelId} is not listening in on a call`);
    await this.link.run("monitor mode", `uuid_recv_dtmf ${channelId} ${EAVESDROP_DIGIT[mode]}`);
  }
}
