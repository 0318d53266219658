import type { AudioEavesdrop, SnoopDirection } from "./audio-paths";
import type { CallFate, OutcomeSampler } from "./outcome-model";

/**
 * The simulated switch's data: channels, bridges, playbacks and recordings, and the events the
 * engine (engine.ts) emits about them, which both protocol faces translate.
 */
export type ChannelState = "Down" | "Ring" | "Ringing" | "Up" | "Busy";

export type { SnoopDirection } from "./audio-paths";

export type DialplanTarget = { context: string; extension: string; priority: number };
export type SimTarget = { kind: "control"; args: string[] } | ({ kind: "dialplan" } & DialplanTarget);

export type SimChannel = {
  id: string;
  endpoint: string;
  /** Technology prefix: PJSIP, SIP, Local, sofia, loopback, user. */
  tech: string;
  number: string;
  /** Local (Asterisk) and loopback (FreeSWITCH) calls have a second half the PBX reports too. */
  hasPeerLeg: boolean;
  callerNumber: string;
  callerName: string;
  state: ChannelState;
  createdAt: Date;
  answeredAt: Date | null;
  /** A snoop channel has no far end: the switch made it to listen in on another channel. */
  fate: CallFate | { kind: "agent" } | { kind: "snoop" };
  target: SimTarget;
  /** Under the client's control (Stasis app / parked). */
  inControl: boolean;
  bridgeId: string | null;
  variables: Map<string, string>;
  ringTimeoutSec: number;
  ended: boolean;
  timers: Set<NodeJS.Timeout>;
  /** How many of a scripted person's `replies` were given (one per prompt played to the end). */
  replied?: number;
  /** Set on a snoop channel (Asterisk's ARI snoop): the channel it spies on and whispers into. */
  snoop: { targetId: string; spy: SnoopDirection; whisper: SnoopDirection } | null;
  /** Music on hold the channel hears (its class, or the stream broadcast to it), until stopped. */
  moh?: string | null;
};

/**
 * FreeSWITCH's eavesdrop: the eavesdropper hears the target and whoever the target is talking to;
 * it may speak to the target (mux write: the target's phone plays it) and to the target's partner
 * (mux read: it goes out as if the target said it).
 */
export type SimEavesdrop = AudioEavesdrop;

export type SimBridge = { id: string; channels: Set<string>; createdAt: Date };
export type SimPlayback = { id: string; channelId: string; media: string; state: "playing" | "done" | "stopped" };
export type SimRecording = { name: string; target: { channelId: string } | { bridgeId: string }; format: string; startedAt: Date; endedAt?: Date; state: "recording" | "done" };

/** Why a call ended before answer, as Asterisk's Dial reports it. */
export type DialStatus = "ANSWER" | "BUSY" | "NOANSWER" | "CONGESTION" | "CHANUNAVAIL" | "CANCEL";

export type EngineEvents = {
  created: [SimChannel];
  ringing: [SimChannel];
  answered: [SimChannel];
  /** Entered the client's control (StasisStart / park), with the app args. */
  controlled: [SimChannel, string[]];
  /** Left the client's control (StasisEnd) without hanging up: redirected to the dialplan. */
  released: [SimChannel];
  amd: [SimChannel, "HUMAN" | "MACHINE", string];
  dtmf: [SimChannel, string, number];
  /** The channel is gone. `by` tells who hung up; `dialStatus` is set for calls that never answered. */
  hangup: [SimChannel, { cause: number; by: "remote" | "client" | "timeout"; dialStatus: DialStatus | null; sipCode: number | null }];
  bridgeCreated: [SimBridge];
  bridgeDestroyed: [SimBridge];
  enteredBridge: [SimBridge, SimChannel];
  leftBridge: [SimBridge, SimChannel];
  playbackStarted: [SimPlayback];
  playbackFinished: [SimPlayback];
  recordingStarted: [SimRecording];
  recordingFinished: [SimRecording];
  /** Music on hold started on the channel (its class or stream) or, with null, stopped. */
  moh: [SimChannel, string | null];
  /** An eavesdropper (the first channel) lost its target, which hung up. */
  eavesdropEnded: [SimChannel, string];
};

/**
 * What a simulated carrier does with every call sent through it: `congested` refuses each one
 * with SIP 503 (Asterisk: cause 34 / Dial CONGESTION; FreeSWITCH: NORMAL_TEMPORARY_FAILURE), as
 * an overloaded carrier does; `unavailable` is a trunk the PBX cannot reach at all, so no channel
 * is made (Asterisk's ARI answers 500 "Allocation failed"; FreeSWITCH's originate -ERR GATEWAY_DOWN).
 */
export type TrunkCondition = "congested" | "unavailable";

export type EngineOptions = {
  sampler?: OutcomeSampler;
  /** 1 = real time; 0.01 = a hundred times faster. */
  timeScale?: number;
  /** Dialplan contexts that run answering-machine detection before handing the call back. */
  amdContexts?: string[];
};
