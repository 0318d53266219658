import type { CallEvent } from "../pbx/driver";
import { connect, seekAgent } from "./agent-bridging";
import { control, hangup, playThenHangup, record } from "./call-control";
import { finish, resolvedDial } from "./call-end";
import { amdOn } from "./campaign-runtime";
import { CONNECT_GRACE_SEC, DIALPLAN_CONTEXT, type CampaignRuntime, type DialerContext } from "./dialer-context";
import { dialplanTarget } from "./dial-string";
import { ivrDigit, ivrListen, startIvr } from "./ivr-calls";
import { startSurvey, surveyDigits, surveyPlayed, surveyRecorded } from "./survey-calls";
import type { HangupHow, LiveCall } from "./live-call";
import { publishCall } from "./live-updates";
import { failOver } from "./originate";
import { isTrunkFailure } from "./outcomes";

/** The dialplan step that runs answering-machine detection and hands the call back with its verdict. */
const AMD_CONTEXT = "pacer-amd";

/**
 * A customer call's PBX events, and what each decides: ringing, answered (record, AMD or straight
 * to the person's route), the AMD verdict, digits and playbacks for the IVR, and the hang-up
 * (a trunk failure fails over; anything else closes the call).
 */
export function onCallEvent(ctx: DialerContext, e: CallEvent) {
  const call = ctx.calls.get(e.channelId);
  if (!call) return;
  const rt = ctx.campaigns.get(call.campaignId);
  switch (e.type) {
    case "ringing":
      if (call.phase === "dialing") {
        call.phase = "ringing";
        call.ringingAt ??= e.at.getTime();
        publishCall(ctx, call, "Ringing");
      }
      return;
    case "answered":
      if (call.answeredAt) return;
      call.answeredAt = e.at;
      ctx.writer.addProgress({ attemptId: call.attempt.id, state: "answered", at: e.at });
      if (!rt || call.adopted) return;
      limitDuration(ctx, call, rt.row.callMaxDuration);
      if (rt.row.recordCalls) void record(ctx, call);
      if (amdOn(rt.row)) {
        call.phase = "amd";
        publishCall(ctx, call, "Amd");
        void control(ctx, call, "start AMD", () => call.pbx.driver.redirect(call.attempt.channelId, { context: AMD_CONTEXT, extension: "s", priority: 1 }));
      } else human(ctx, rt, call);
      return;
    case "amd":
      if (!rt || call.phase !== "amd") return;
      call.amdResult = e.result;
      ctx.writer.addProgress({ attemptId: call.attempt.id, state: "answered", at: e.at, amdResult: e.result });
      if (e.result === "MACHINE") machine(ctx, rt, call);
      else human(ctx, rt, call);
      return;
    case "dtmf":
      if (call.ivr) ivrDigit(ctx, call, e.digit);
      return;
    case "playback_finished":
      if (call.phase === "message") hangup(ctx, call);
      else if (call.ivr && call.phase === "ivr") ivrListen(ctx, call);
      else if (call.survey) surveyPlayed(ctx, call, e.playbackId);
      return;
    case "digits":
      if (call.survey) surveyDigits(ctx, call, e.promptId, e.digits);
      return;
    case "recording_finished":
      if (call.survey) surveyRecorded(ctx, call, e.recordingName);
      return;
    case "hangup": {
      const how: HangupHow = { outcome: e.outcome, cause: e.cause, causeText: e.causeText, sipCode: e.sipCode, at: e.at };
      if (failOver(ctx, call, how, isTrunkFailure(e.outcome, e.cause))) return;
      finish(ctx, call, how);
      return;
    }
    default:
      return;
  }
}

/** An answered call lasts no longer than the campaign's call_max_duration (0: no limit); then Pacer hangs it up. */
function limitDuration(ctx: DialerContext, call: LiveCall, maxSec: number) {
  if (maxSec <= 0) return;
  call.maxDurationTimer = setTimeout(() => {
    call.maxDurationTimer = null;
    if (!ctx.calls.has(call.attempt.channelId) || call.phase === "ending") return;
    call.cutAtMaxDuration = maxSec;
    hangup(ctx, call);
  }, maxSec * 1000);
  call.maxDurationTimer.unref();
}

/** A person answered: to the campaign's destination or IVR (agentless), the agent who dialed (preview), or the longest-idle agent. */
function human(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall) {
  resolvedDial(rt, call, "human");
  const c = rt.row;
  if (c.dialMode === "agentless") {
    if (c.agentDestType === "ivr") {
      void startIvr(ctx, call, Number(c.agentDestValue));
      return;
    }
    if (c.agentDestType === "survey") {
      void startSurvey(ctx, call, Number(c.agentDestValue));
      return;
    }
    const target = dialplanTarget(c.agentDestValue, DIALPLAN_CONTEXT);
    if (target) {
      call.phase = "destination";
      call.agentName = c.agentDestValue;
      publishCall(ctx, call, "Connected");
      void control(ctx, call, "send to destination", () => call.pbx.driver.redirect(call.attempt.channelId, target));
      return;
    }
    call.outcome = "failed";
    hangup(ctx, call);
    return;
  }
  if (c.dialMode === "preview") {
    if (call.agent && ctx.agents.holds(call.agent)) return connect(ctx, rt, call, call.agent);
    // The agent who dialed logged out (or lost the phone) while it rang: nobody else takes it.
    call.agent = null;
    publishCall(ctx, call, "Abandoned");
    return playThenHangup(ctx, call, c.abandonMessage);
  }
  seekAgent(ctx, rt, call, CONNECT_GRACE_SEC, true);
}

function machine(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall) {
  resolvedDial(rt, call, "machine");
  call.outcome = "machine";
  publishCall(ctx, call, "Voicemail");
  if (rt.row.machineAction === "message" && rt.row.machineMessage) playThenHangup(ctx, call, rt.row.machineMessage);
  else hangup(ctx, call);
}
