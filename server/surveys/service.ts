import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Survey, SurveyQuestion } from "@/db/schema";
import { csvLine } from "@/lib/csv";
import type { Caller } from "../api/caller";
import { batchedCsvStream } from "../api/csv-stream";
import { ApiError, orNotFound } from "../api/errors";
import { formatTime } from "../api/format";
import { recordAudit } from "../audit/queries";
import {
  answerCounts,
  answeringCalls,
  campaignsUsingSurvey,
  deleteSurveyRow,
  findSurvey,
  insertSurvey,
  listQuestionRows,
  listSurveyRows,
  replaceQuestions,
  responseBatch,
  surveyCounts,
  toQuestionDto,
  toSurveyDto,
  updateSurveyRow,
  type NewQuestion,
} from "./queries";
import type { createSurveyBody, questionInput, surveyResultsQuery, updateSurveyBody } from "./validation";

type QuestionInput = z.output<typeof questionInput>;

const toQuestions = (list: QuestionInput[]): NewQuestion[] =>
  list.map((q, i) => ({
    position: i + 1,
    type: q.type,
    text: q.text,
    promptAudio: q.prompt_audio,
    choices: q.type === "choice" ? q.choices : [],
    maxDigits: q.type === "number" ? q.max_digits : 1,
    timeoutSec: q.timeout_sec,
    maxRecordSec: q.max_record_sec,
    branches: q.branches.map((b) => ({ answer: b.answer, goto: b.goto === "end" ? null : b.goto })),
    nextPosition: q.next == null ? null : q.next === "end" ? 0 : q.next,
  }));

async function withQuestions(db: DbOrTx, survey: Survey) {
  const counts = (await surveyCounts(db, [survey.id])).get(survey.id)!;
  return { ...toSurveyDto(survey, counts), questions: (await listQuestionRows(db, survey.id)).map(toQuestionDto) };
}

export async function listSurveys() {
  const db = await getDb();
  const rows = await listSurveyRows(db);
  const counts = await surveyCounts(db, rows.map((r) => r.id));
  return rows.map((s) => toSurveyDto(s, counts.get(s.id)!));
}

export async function getSurvey(id: number) {
  const db = await getDb();
  return withQuestions(db, orNotFound(await findSurvey(db, id), "Survey"));
}

export async function createSurvey(caller: Caller, input: z.output<typeof createSurveyBody>) {
  return inTransaction(async (tx) => {
    const survey = await insertSurvey(tx, { name: input.name, description: input.description ?? null, closingAudio: input.closing_audio ?? null });
    await replaceQuestions(tx, survey.id, toQuestions(input.questions));
    const dto = await withQuestions(tx, survey);
    await recordAudit(tx, caller, { action: "survey.create", entityType: "survey", entityId: survey.id, details: dto });
    return dto;
  });
}

export async function updateSurvey(caller: Caller, id: number, input: z.output<typeof updateSurveyBody>) {
  return inTransaction(async (tx) => {
    const before = await withQuestions(tx, orNotFound(await findSurvey(tx, id, { forUpdate: true }), "Survey"));
    const survey = await updateSurveyRow(tx, id, { name: input.name, description: input.description, closingAudio: input.closing_audio });
    if (input.questions) await replaceQuestions(tx, id, toQuestions(input.questions));
    const dto = await withQuestions(tx, survey);
    await recordAudit(tx, caller, { action: "survey.update", entityType: "survey", entityId: id, details: { before, after: dto } });
    return dto;
  });
}

export async function deleteSurvey(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const survey = orNotFound(await findSurvey(tx, id, { forUpdate: true }), "Survey");
    const users = await campaignsUsingSurvey(tx, id);
    if (users.length) {
      throw ApiError.conflict(`Survey is the destination of campaign(s) ${users.map((c) => `${c.id} (${c.name})`).join(", ")}; change them first`);
    }
    const dto = await withQuestions(tx, survey);
    await deleteSurveyRow(tx, id);
    await recordAudit(tx, caller, { action: "survey.delete", entityType: "survey", entityId: id, details: dto });
  });
}

/** What an answer means, for people: a choice's label, yes/no, the digits of a number. */
function labelOf(q: SurveyQuestion, value: string): string {
  if (q.type === "choice") return q.choices.find((c) => c.value === value)?.label ?? value;
  if (q.type === "yes_no") return value === "yes" ? "Yes" : value === "no" ? "No" : value;
  if (q.type === "recording") return "Recorded";
  return value;
}

/** Per question, every answer given and how often (a choice question lists its unchosen choices too, at 0). */
export async function surveyResults(id: number, q: z.output<typeof surveyResultsQuery>) {
  const db = await getDb();
  orNotFound(await findSurvey(db, id), "Survey");
  const [questions, counts, calls] = await Promise.all([listQuestionRows(db, id), answerCounts(db, id, q.campaign_id), answeringCalls(db, id, q.campaign_id)]);
  return {
    survey_id: id,
    calls,
    questions: questions.map((question) => {
      const mine = counts.filter((c) => c.questionId === question.id);
      const values =
        question.type === "choice" ? question.choices.map((c) => c.value) : question.type === "yes_no" ? ["yes", "no"] : [];
      for (const c of mine) if (!values.includes(c.value)) values.push(c.value);
      const answers = values.map((value) => ({ value, label: labelOf(question, value), count: Number(mine.find((c) => c.value === value)?.n ?? 0) }));
      return { id: question.id, position: question.position, type: question.type, text: question.text, total: answers.reduce((n, a) => n + a.count, 0), answers };
    }),
  };
}

export const SURVEY_CSV_COLUMNS = ["response_id", "answered_at", "campaign_id", "lead_id", "phone_number", "attempt_id", "question", "question_text", "type", "value", "label", "recording_file"] as const;

const CSV_BATCH = 1000;

/** Every answer of the survey as a CSV download, read in batches as the client takes them; audited. */
export async function surveyResultsCsv(caller: Caller, id: number, q: z.output<typeof surveyResultsQuery>): Promise<Response> {
  const db = await getDb();
  const survey = orNotFound(await findSurvey(db, id), "Survey");
  const questions = new Map((await listQuestionRows(db, id)).map((row) => [row.id, row]));
  await recordAudit(db, caller, { action: "survey.export", entityType: "survey", entityId: id, details: { campaign_id: q.campaign_id ?? null } });
  let after = 0;
  const stream = batchedCsvStream(
    SURVEY_CSV_COLUMNS,
    async () => {
      const batch = await responseBatch(db, id, q.campaign_id, after, CSV_BATCH);
      if (batch.length) after = batch[batch.length - 1].id;
      const lines = batch.map((r) => {
        const question = questions.get(r.questionId);
        const fields = [r.id, formatTime(r.answeredAt), r.campaignId, r.leadId, r.phoneNumber, r.attemptId, question?.position ?? "", question?.text ?? "", question?.type ?? "", r.value, question ? labelOf(question, r.value) : r.value, r.recordingFile ?? ""];
        return csvLine(fields.map((f) => (f === null ? "" : String(f))));
      });
      return { lines, more: batch.length === CSV_BATCH };
    },
    "survey export",
  );
  const file = `survey-${survey.id}${q.campaign_id ? `_campaign-${q.campaign_id}` : ""}_responses.csv`;
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "private, no-store" },
  });
}
