import type { SurveyQuestion } from "@/db/schema";
import { logger } from "../logger";
import { findSurvey, insertResponse, listQuestionRows } from "../surveys/queries";
import { control, hangup, playThenHangup } from "./call-control";
import type { DialerContext } from "./dialer-context";
import type { LiveCall } from "./live-call";
import { publishCall } from "./live-updates";

/**
 * An answered call in a survey: each question's prompt plays and its answer is collected (digits
 * through the PBX's getDigits, or a recording of the person's voice), written at once, and the
 * answer's branch (or the question's next) picks the following question; the closing prompt ends it.
 * A question left unanswered (silence, a key that is no choice) is asked once more, then skipped.
 */
export async function startSurvey(ctx: DialerContext, call: LiveCall, surveyId: number) {
  const survey = Number.isInteger(surveyId) ? await findSurvey(ctx.db, surveyId) : undefined;
  const questions = survey ? await listQuestionRows(ctx.db, survey.id) : [];
  if (!survey || !questions.length) {
    logger.warn({ campaign: call.campaignId, surveyId }, "survey not found or empty; hanging up");
    return hangup(ctx, call);
  }
  call.survey = { survey, questions, current: null, promptId: null, playbackId: null, recordingName: null, asked: 0 };
  call.phase = "survey";
  call.agentName = `survey:${survey.id}`;
  publishCall(ctx, call, "Connected");
  await ask(ctx, call, questions[0]);
}

async function ask(ctx: DialerContext, call: LiveCall, q: SurveyQuestion) {
  const run = call.survey!;
  if (run.current?.id !== q.id) run.asked = 0;
  run.current = q;
  run.asked += 1;
  run.promptId = run.playbackId = run.recordingName = null;
  const channelId = call.attempt.channelId;
  const driver = call.pbx.driver;
  // The ids are ours and set before asking: the answer may come back before the request's reply.
  const id = `survey-${call.attempt.id}-q${q.position}-${run.asked}`;
  let ok: boolean;
  if (q.type === "recording") {
    run.playbackId = id;
    ok = await control(ctx, call, "play survey question", () => driver.play(channelId, q.promptAudio, id));
  } else {
    run.promptId = id;
    const req = { media: q.promptAudio, maxDigits: q.type === "number" ? q.maxDigits : 1, terminator: q.type === "number" ? "#" : null, timeoutSec: q.timeoutSec, promptId: id };
    ok = await control(ctx, call, "ask survey question", () => driver.getDigits(channelId, req));
  }
  if (!ok) hangup(ctx, call);
}

/** What the digits mean for the question: the stored value, or null when they answer nothing. */
export function answerOf(q: SurveyQuestion, digits: string): string | null {
  if (!digits) return null;
  if (q.type === "choice") return q.choices.some((c) => c.value === digits) ? digits : null;
  if (q.type === "yes_no") return digits === "1" ? "yes" : digits === "2" ? "no" : null;
  return /^[0-9]+$/.test(digits) ? digits : null;
}

/** The position the answer leads to: its branch, else the question's next, else the following one; null ends the survey. */
export function nextPosition(q: SurveyQuestion, value: string | null): number | null {
  const branch = value === null ? undefined : q.branches.find((b) => b.answer === value);
  if (branch) return branch.goto && branch.goto > 0 ? branch.goto : null;
  if (q.nextPosition === null) return q.position + 1;
  return q.nextPosition > 0 ? q.nextPosition : null;
}

export function surveyDigits(ctx: DialerContext, call: LiveCall, promptId: string, digits: string) {
  const run = call.survey;
  const q = run?.current;
  if (!run || !q || call.phase !== "survey" || run.promptId !== promptId) return;
  run.promptId = null;
  const value = answerOf(q, digits);
  if (value === null && run.asked < 2) {
    void ask(ctx, call, q);
    return;
  }
  void answered(ctx, call, q, value, null);
}

/** A recording question's prompt has played: the person's answer is recorded, for at most its limit. */
export function surveyPlayed(ctx: DialerContext, call: LiveCall, playbackId: string) {
  const run = call.survey;
  const q = run?.current;
  if (!run || !q || call.phase !== "survey" || run.playbackId !== playbackId) return;
  run.playbackId = null;
  const name = `pacer-survey-${call.attempt.id}-q${q.position}`;
  run.recordingName = name;
  void control(ctx, call, "record survey answer", () => call.pbx.driver.startRecording({ channelId: call.attempt.channelId }, name, { maxSec: q.maxRecordSec })).then((ok) => {
    if (!ok) hangup(ctx, call);
  });
}

export function surveyRecorded(ctx: DialerContext, call: LiveCall, recordingName: string) {
  const run = call.survey;
  const q = run?.current;
  if (!run || !q || call.phase !== "survey" || run.recordingName !== recordingName) return;
  run.recordingName = null;
  void answered(ctx, call, q, "recorded", `${recordingName}.wav`);
}

async function answered(ctx: DialerContext, call: LiveCall, q: SurveyQuestion, value: string | null, recordingFile: string | null) {
  const run = call.survey!;
  if (value !== null) {
    try {
      await insertResponse(ctx.db, {
        surveyId: run.survey.id,
        questionId: q.id,
        attemptId: call.attempt.id,
        campaignId: call.campaignId,
        leadId: call.attempt.leadId,
        phoneNumber: call.attempt.phoneNumber,
        value,
        recordingFile,
      });
    } catch (err) {
      logger.error({ err, attempt: call.attempt.id, question: q.id }, "survey answer not written");
    }
  }
  if (!ctx.calls.has(call.attempt.channelId) || call.phase !== "survey") return;
  const position = nextPosition(q, value);
  const next = position === null ? undefined : run.questions.find((x) => x.position === position);
  if (next) return ask(ctx, call, next);
  run.current = null;
  if (run.survey.closingAudio) playThenHangup(ctx, call, run.survey.closingAudio);
  else hangup(ctx, call);
}
