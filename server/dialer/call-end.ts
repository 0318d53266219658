import { isRunning, retryDefaults } from "./campaign-runtime";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import type { HangupHow, LiveCall } from "./live-call";
import { publishCall } from "./live-updates";
import { OUTCOME_EFFECTS, type AttemptOutcome, type RetryDefaults } from "./outcomes";
import { recordDialOutcome, recordHandle } from "./pacing";
import type { FinishedAttempt } from "./queries";

/** The end of a call: its outcome, what pacing learns, the agent's wrap-up, and the attempt handed to the writer (CDR, lead). */

/** A dial resolved (a person, a machine, nobody): what pacing learns from. */
export function resolvedDial(rt: CampaignRuntime, call: LiveCall, kind: "human" | "machine" | "failed") {
  const ringSec = ((call.answeredAt ?? new Date()).getTime() - call.attempt.startedAt.getTime()) / 1000;
  recordDialOutcome(rt.stats, kind, ringSec);
}

/** Closes a call. `neverPlaced`: it is in no call map (never sent, or settled after a restart). */
export function finish(ctx: DialerContext, call: LiveCall, how: HangupHow, neverPlaced = false) {
  const id = call.attempt.channelId;
  if (!neverPlaced && !ctx.calls.has(id)) return;
  ctx.calls.delete(id);
  const rt = ctx.campaigns.get(call.campaignId);
  rt?.calls.delete(call);
  if (call.waitTimer) clearTimeout(call.waitTimer);
  if (call.maxDurationTimer) clearTimeout(call.maxDurationTimer);
  if (call.ivr?.timer) clearTimeout(call.ivr.timer);
  if (rt) {
    const w = rt.waiting.indexOf(call);
    if (w !== -1) {
      rt.waiting.splice(w, 1);
      // A person who hung up while waiting never reached an agent: counted as abandoned, the
      // cautious reading of the rule (an unconnected live answer is what the cap limits).
      if (call.abandonIfUnserved) {
        call.abandoned = true;
        call.outcome = "abandoned";
        rt.served.total += 1;
      }
    }
  }
  const outcome: AttemptOutcome = call.outcome ?? (call.answeredAt ? "answered" : how.outcome === "answered" ? "answered" : how.outcome);
  if (rt && !call.answeredAt && outcome !== "cancelled" && !call.adopted) resolvedDial(rt, call, "failed");
  if (call.agent) {
    const talkSec = (how.at.getTime() - (call.answeredAt?.getTime() ?? how.at.getTime())) / 1000;
    if (rt) recordHandle(rt.stats, talkSec, rt.row.wrapupSec);
    ctx.agents.callEnded(call.agent, rt?.row.wrapupSec ?? 0);
  }
  const c = rt?.row;
  const defaults: RetryDefaults = c ? retryDefaults(c) : { retryTimes: 0, retryDelaySec: 0, rules: null };
  const now = new Date();
  const finished: FinishedAttempt = {
    attempt: call.attempt,
    outcome,
    endedAt: how.at,
    answeredAt: call.answeredAt,
    amdResult: call.amdResult,
    abandoned: call.abandoned,
    agentId: call.agent?.agentId ?? null,
    agentName: call.agentName,
    cause: how.cause,
    causeText: call.cutAtMaxDuration ? maxDurationText(call.cutAtMaxDuration) : how.causeText,
    sipCode: how.sipCode,
    disposition: OUTCOME_EFFECTS[outcome].cdr,
    callerid: c?.callerid ?? null,
    recordingFile: call.recordingFile,
    leadDisposition: call.leadDisposition,
    postDialDelayMs: call.sentAt && call.ringingAt ? Math.max(0, call.ringingAt - call.sentAt) : null,
    settle: { outcome, disposition: call.leadDisposition, callbackAt: call.callbackAt, rules: defaults, now, phoneOnDnc: call.phoneOnDnc },
  };
  ctx.writer.addFinished(finished);
  publishCall(ctx, call, outcome === "busy" ? "Busy" : outcome === "no_answer" ? "NoAnswer" : "Hangup", how.sipCode, how.at);
  if (rt && rt.calls.size === 0 && !isRunning(rt)) ctx.campaigns.delete(rt.row.id);
}

/** What the CDR's hangup_cause_text says of a call Pacer ended at its campaign's call_max_duration. */
export const maxDurationText = (sec: number) => `max call duration reached (${sec} s): hung up by Pacer`;

/** Ends a call that is on no PBX (between trunks). */
export function finishOffPbx(ctx: DialerContext, call: LiveCall, how: HangupHow) {
  if (call.sendTimer) clearTimeout(call.sendTimer);
  finish(ctx, call, how, true);
}
