import type { EventEmitter } from "node:events";
import type { DigitsRequest } from "./digit-collector";

export type { DigitsRequest } from "./digit-collector";

/**
 * What the dialer needs from a telephony server, whichever it is. Two implementations: ARI
 * (Asterisk, through ari-client) and ESL (FreeSWITCH, through modesl). The dialer knows only this.
 *
 * Channel ids are chosen by Pacer on originate, so events can be matched to an attempt before the
 * PBX has even replied.
 */
export type PbxKind = "asterisk" | "freeswitch";

export type OriginateRequest = {
  /** Our id for the channel (Asterisk channelId, FreeSWITCH origination_uuid). */
  channelId: string;
  /** A full dial string (`PJSIP/5551234@trunk`, `sofia/gateway/gw/5551234`, `Local/…`, `loopback/…`). */
  endpoint: string;
  callerId?: string;
  /** Seconds to ring before giving up (NO_ANSWER). */
  ringTimeoutSec: number;
  variables?: Record<string, string>;
  /**
   * Where the call goes once answered: into Pacer's control, or into a dialplan context/extension
   * (e.g. an AMD step that hands the call back to Pacer with its verdict).
   */
  onAnswer: { kind: "control"; args?: string[] } | { kind: "dialplan"; context: string; extension: string; priority?: number };
};

/** Where a driver's link to its PBX stands; `connected` is `state === "up"`. */
export type LinkState = "connecting" | "up" | "down";

export type HealthStatus = {
  connected: boolean;
  lastError: string | null;
  /** Round-trip time of the last health probe, in ms. */
  rttMs: number | null;
  /** When the link last went up or down. */
  since: Date | null;
  state: LinkState;
  lastUpAt: Date | null;
  lastDownAt: Date | null;
  /** Times the link came back after a drop. */
  reconnects: number;
};

export type LiveChannelInfo = {
  id: string;
  name: string;
  /** In Asterisk's words on both PBXs: Down, Ring, Ringing, Up, Busy. */
  state: string;
  callerNumber: string;
  callerName: string;
  connectedNumber: string;
  connectedName: string;
  createdAt: string;
};

/** Q.850 cause with its text and, when the PBX told us, the SIP status. */
export type HangupCause = { cause: number; causeText: string; sipCode: number | null };

/** Normalised call events. `channelId` is always Pacer's id for the originated channel. */
export type CallEvent =
  | { type: "created"; channelId: string; at: Date }
  | { type: "ringing"; channelId: string; at: Date }
  | { type: "progress"; channelId: string; at: Date }
  | { type: "answered"; channelId: string; at: Date }
  | { type: "amd"; channelId: string; at: Date; result: "HUMAN" | "MACHINE" | "NOTSURE"; detail: string }
  | { type: "dtmf"; channelId: string; at: Date; digit: string; durationMs: number }
  | { type: "bridge_entered"; channelId: string; at: Date; bridgeId: string }
  | { type: "bridge_left"; channelId: string; at: Date; bridgeId: string }
  | { type: "playback_finished"; channelId: string; at: Date; playbackId: string; status: "done" | "failed" | "stopped" }
  /** A prompt asked with getDigits has its answer: the digits pressed (without the terminator), "" if none before the timeout. */
  | { type: "digits"; channelId: string; at: Date; promptId: string; digits: string }
  /** `channelId` is the recorded target: a channel, or for a bridge recording the bridge (ARI) or the leg recorded (ESL). */
  | { type: "recording_finished"; channelId: string; at: Date; recordingName: string }
  | {
      type: "hangup";
      channelId: string;
      at: Date;
      /** How the attempt ended, from the dial status when the PBX gave one, else from the cause. */
      outcome: "answered" | "busy" | "no_answer" | "congestion" | "unavailable" | "cancelled" | "failed";
    } & HangupCause;

/** How an attempt ended, as the `hangup` event says. */
export type HangupOutcome = Extract<CallEvent, { type: "hangup" }>["outcome"];

export type DriverEvents = {
  call: (event: CallEvent) => void;
  /** The connection dropped; calls in flight may still exist on the PBX. */
  disconnected: (error: string) => void;
  /**
   * Connected again after a drop. Calls followed at the drop that the PBX no longer lists ended
   * unseen: each gets its `hangup` (outcome `failed`, or `answered` if it was, cause 0).
   */
  reconnected: () => void;
};

/**
 * How a supervisor's phone takes part in a call it listens in on: `listen` (it hears the agent
 * and the customer; nobody hears it), `whisper` (the agent hears it, the customer does not) or
 * `barge` (both hear it: a three-way call).
 */
export type MonitorMode = "listen" | "whisper" | "barge";

/** The call a supervisor listens in on: the agent's leg (the one whispered to) and the bridge joining it to the customer. */
export type MonitorTarget = { agentChannelId: string; bridgeId: string };

export class PbxError extends Error {
  constructor(
    readonly code: "not_connected" | "not_found" | "bad_request" | "conflict" | "pbx_error" | "timeout",
    message: string,
    /** Nothing reached the PBX: the request was refused before it was sent (no link). A call asked for this way was certainly not placed. */
    readonly unsent = false,
  ) {
    super(message);
    this.name = "PbxError";
  }
}

export interface PbxDriver extends EventEmitter {
  readonly kind: PbxKind;
  connect(): Promise<void>;
  close(): Promise<void>;
  health(): HealthStatus;

  originate(req: OriginateRequest): Promise<void>;
  hangup(channelId: string, cause?: "normal" | "busy" | "congestion" | "no_answer"): Promise<void>;
  answer(channelId: string): Promise<void>;
  /** Starts a playback; `playback_finished` follows. Returns the playback id. */
  play(channelId: string, media: string, playbackId?: string): Promise<string>;
  /**
   * Plays a prompt and collects an answer in digits (FreeSWITCH play_and_get_digits; on Asterisk a
   * playback and the channel's DTMF): one `digits` event follows, unless the call ends first.
   * Returns the prompt id.
   */
  getDigits(channelId: string, req: DigitsRequest): Promise<string>;
  /**
   * Music on hold for a channel under Pacer's control, until stopMoh (or the call ends): `music`
   * is a MOH class (Asterisk's musiconhold.conf class; on FreeSWITCH the local_stream of that
   * name) or a media URI (played once on Asterisk; streamed on FreeSWITCH). No playback events.
   */
  startMoh(channelId: string, music: string): Promise<void>;
  stopMoh(channelId: string): Promise<void>;
  /** `maxSec`: the recording stops by itself after that long (`recording_finished` follows). */
  startRecording(target: { channelId: string } | { bridgeId: string }, name: string, opts?: { maxSec?: number }): Promise<void>;
  stopRecording(name: string): Promise<void>;
  createBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelId: string): Promise<void>;
  removeFromBridge(bridgeId: string, channelId: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  /** Sends a controlled channel (back) to the dialplan. */
  redirect(channelId: string, target: { context: string; extension: string; priority?: number }): Promise<void>;
  getVar(channelId: string, name: string): Promise<string | null>;
  listChannels(): Promise<LiveChannelInfo[]>;
  /**
   * Follows a live channel this driver did not originate (one placed before a restart, found by
   * listChannels()): its events, hang-up included, are reported from now on.
   */
  adopt(channelId: string, opts: { answered: boolean }): Promise<void>;
  /**
   * Connects an answered channel under Pacer's control (a supervisor's phone, originated with
   * `onAnswer: control`) to a live call in `mode`. It lasts as long as the channel: hang the
   * channel up to end it (the driver then removes whatever it set up for it); the call itself is
   * never touched.
   */
  startMonitor(channelId: string, target: MonitorTarget, mode: MonitorMode): Promise<void>;
  /** Switches a monitoring channel to another mode. */
  setMonitorMode(channelId: string, mode: MonitorMode): Promise<void>;
}

/** An error's message, whatever was thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
