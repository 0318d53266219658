import type { AgentState, CallAttempt, IvrAction, IvrMenu, PauseReason, Survey, SurveyQuestion } from "@/db/schema";
import type { PreviewOffer } from "@/lib/realtime-events";
import type { CallEvent } from "../pbx/driver";
import type { DialablePbx } from "../pbx/manager";
import type { AttemptOutcome } from "./outcomes";
import type { Candidate } from "./claim-queries";

/**
 * The call model the dialer's modules share: a customer call this process follows, and an agent
 * line it holds. The two point at each other (a call's agent, an agent's call), so they live here
 * together, below everything that uses them.
 */

/** How a call's last leg ended, as the PBX (or Pacer) said. */
export type HangupHow = { outcome: Extract<CallEvent, { type: "hangup" }>["outcome"]; cause: number | null; causeText: string | null; sipCode: number | null; at: Date };

export type CallPhase = "dialing" | "ringing" | "amd" | "waiting" | "connected" | "ivr" | "survey" | "destination" | "message" | "ending";

/** A call in a survey (survey-calls.ts): its questions, the one being asked, and the answer awaited. */
export type SurveyRun = {
  survey: Survey;
  questions: SurveyQuestion[];
  current: SurveyQuestion | null;
  /** The getDigits prompt whose answer is awaited. */
  promptId: string | null;
  /** A recording question: the prompt playing before the recording starts, then the recording. */
  playbackId: string | null;
  recordingName: string | null;
  /** Times the current question was asked (a silent or wrong answer gets one more). */
  asked: number;
};

/** A customer call this process placed and follows until it ends. */
export type LiveCall = {
  attempt: CallAttempt;
  lead: Candidate | null;
  campaignId: number;
  pbx: DialablePbx;
  phase: CallPhase;
  answeredAt: Date | null;
  amdResult: string | null;
  abandoned: boolean;
  agent: AgentLine | null;
  agentName: string | null;
  /** Set by Pacer when it decides how the call ends (machine, cancelled by a stop…). */
  outcome: AttemptOutcome | null;
  leadDisposition: string | null;
  callbackAt: Date | null;
  recordingFile: string | null;
  waitTimer: NodeJS.Timeout | null;
  ivr: { menu: IvrMenu; actions: IvrAction[]; timer: NodeJS.Timeout | null; replays: number } | null;
  /** In a survey: the questions and the answer awaited. */
  survey?: SurveyRun | null;
  /** Adopted after a restart: followed to its end, no new actions. */
  adopted: boolean;
  /** Waiting for an agent, and ending unserved would count as abandoned. */
  abandonIfUnserved?: boolean;
  /** Hearing its queue's music on hold while it waits: the request that started it (whether it took). */
  holdMusic?: Promise<boolean> | null;
  /** Found on a do-not-call list just before dialing: never placed. */
  phoneOnDnc?: boolean;
  /** Trunks this attempt already failed on (congested, unavailable). */
  triedTrunks?: Set<number>;
  /** Waiting for another trunk (or a new start slot): how the last leg ended, and since when. */
  reroute?: { failure: HangupHow | null; since: number } | null;
  sendTimer?: NodeJS.Timeout | null;
  /** Ends an answered call at the campaign's call_max_duration. */
  maxDurationTimer?: NodeJS.Timeout | null;
  /** Pacer hung the call up at its campaign's call_max_duration (seconds): the CDR says so. */
  cutAtMaxDuration?: number | null;
  /** When the current leg's originate went out, and when it first rang: the trunk's post-dial delay. */
  sentAt?: number | null;
  ringingAt?: number | null;
};

/** An agent whose phone this process holds. */
export type AgentLine = {
  agentId: number;
  name: string;
  campaignId: number | null;
  pbxKey: string;
  pbx: DialablePbx;
  channelId: string;
  bridgeId: string | null;
  state: AgentState;
  /** When the current state began (ms). */
  since: number;
  /** When the agent last became ready (ms): the longest idle is served first. */
  readySince: number;
  call: LiveCall | null;
  /** Preview mode: the lead shown to the agent, not yet dialed or skipped. */
  preview: PreviewOffer | null;
  wrapTimer: NodeJS.Timeout | null;
  /** Asked for while busy; applied when the call and wrap-up are over. */
  after: "on_break" | "logged_out" | null;
  /** The reason code of the break the agent is on, or asked for. */
  breakReason: PauseReason;
  writes: Promise<void>;
};

/** A call to follow, from its attempt row (progress already on record carries over). */
export function liveCall(attempt: CallAttempt, pbx: DialablePbx, over: Partial<LiveCall> = {}): LiveCall {
  return {
    attempt,
    lead: null,
    campaignId: attempt.campaignId,
    pbx,
    phase: "dialing",
    answeredAt: attempt.answeredAt,
    amdResult: attempt.amdResult,
    abandoned: attempt.abandoned,
    agent: null,
    agentName: null,
    outcome: null,
    leadDisposition: null,
    callbackAt: null,
    recordingFile: null,
    waitTimer: null,
    ivr: null,
    adopted: false,
    ...over,
  };
}
