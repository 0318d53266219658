import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, updateById } from "@/db/rows";
import { campaigns, surveyQuestions, surveyResponses, surveys, type Survey, type SurveyQuestion, type SurveyResponse } from "@/db/schema";
import { formatTime } from "../api/format";

/** A branch target as stored (a position, or null/0 for the end) in the API's words. */
const targetOf = (goto: number | null): number | "end" => (goto && goto > 0 ? goto : "end");

export function toQuestionDto(q: SurveyQuestion) {
  return {
    id: q.id,
    position: q.position,
    type: q.type,
    text: q.text,
    prompt_audio: q.promptAudio,
    choices: q.choices,
    max_digits: q.maxDigits,
    timeout_sec: q.timeoutSec,
    max_record_sec: q.maxRecordSec,
    branches: q.branches.map((b) => ({ answer: b.answer, goto: targetOf(b.goto) })),
    next: q.nextPosition === null ? null : targetOf(q.nextPosition),
  };
}

export function toSurveyDto(s: Survey, counts: { questions: number; responses: number }) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    closing_audio: s.closingAudio,
    question_count: counts.questions,
    response_count: counts.responses,
    created_at: formatTime(s.createdAt)!,
    updated_at: formatTime(s.updatedAt),
  };
}

export const findSurvey = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Survey | undefined> => findById(db, surveys, id, opts);

export async function listSurveyRows(db: DbOrTx): Promise<Survey[]> {
  return db.select().from(surveys).orderBy(asc(surveys.id));
}

/** Questions and answers per survey, for the list and the detail. */
export async function surveyCounts(db: DbOrTx, ids: number[]): Promise<Map<number, { questions: number; responses: number }>> {
  const out = new Map(ids.map((id) => [id, { questions: 0, responses: 0 }]));
  if (!ids.length) return out;
  const qs = await db.select({ id: surveyQuestions.surveyId, n: count() }).from(surveyQuestions).where(inArray(surveyQuestions.surveyId, ids)).groupBy(surveyQuestions.surveyId);
  const rs = await db.select({ id: surveyResponses.surveyId, n: count() }).from(surveyResponses).where(inArray(surveyResponses.surveyId, ids)).groupBy(surveyResponses.surveyId);
  for (const r of qs) out.get(r.id)!.questions = Number(r.n);
  for (const r of rs) out.get(r.id)!.responses = Number(r.n);
  return out;
}

export async function listQuestionRows(db: DbOrTx, surveyId: number): Promise<SurveyQuestion[]> {
  return db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position));
}

export const insertSurvey = (db: DbOrTx, values: typeof surveys.$inferInsert): Promise<Survey> => insertRow(db, surveys, values);
export const updateSurveyRow = async (db: DbOrTx, id: number, set: Partial<typeof surveys.$inferInsert>): Promise<Survey> => (await updateById(db, surveys, id, set))!;
export const deleteSurveyRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, surveys, id);

export type NewQuestion = Omit<typeof surveyQuestions.$inferInsert, "id" | "surveyId" | "createdAt" | "updatedAt">;

/**
 * Makes the survey's questions these, by position: a question kept at its position keeps its id
 * (and its answers), new positions are added, positions past the new end are removed with their
 * answers.
 */
export async function replaceQuestions(db: DbOrTx, surveyId: number, list: NewQuestion[]): Promise<void> {
  const existing = new Map((await listQuestionRows(db, surveyId)).map((q) => [q.position, q]));
  for (const q of list) {
    const old = existing.get(q.position);
    if (old) await updateById(db, surveyQuestions, old.id, q);
    else await db.insert(surveyQuestions).values({ ...q, surveyId });
  }
  await db.delete(surveyQuestions).where(and(eq(surveyQuestions.surveyId, surveyId), gt(surveyQuestions.position, list.length)));
}

/** Campaigns that send answered calls to this survey. */
export async function campaignsUsingSurvey(db: DbOrTx, surveyId: number) {
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.agentDestType, "survey"), eq(campaigns.agentDestValue, String(surveyId))));
}

export type NewResponse = Omit<typeof surveyResponses.$inferInsert, "id">;

/** One answer, written the moment it is given; a repeat for the same call and question is ignored. */
export async function insertResponse(db: DbOrTx, values: NewResponse): Promise<void> {
  await db.insert(surveyResponses).values(values).onConflictDoNothing();
}

/** How many times each value was given, per question. */
export async function answerCounts(db: DbOrTx, surveyId: number, campaignId?: number) {
  return db
    .select({ questionId: surveyResponses.questionId, value: surveyResponses.value, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), campaignId ? eq(surveyResponses.campaignId, campaignId) : undefined))
    .groupBy(surveyResponses.questionId, surveyResponses.value);
}

/** Calls that answered at least one question. */
export async function answeringCalls(db: DbOrTx, surveyId: number, campaignId?: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${surveyResponses.attemptId})::int` })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), campaignId ? eq(surveyResponses.campaignId, campaignId) : undefined));
  return Number(row?.n ?? 0);
}

/** A batch of the survey's answers after `afterId`, in id order (the CSV export reads them by batches). */
export async function responseBatch(db: DbOrTx, surveyId: number, campaignId: number | undefined, afterId: number, limit: number): Promise<SurveyResponse[]> {
  return db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), gt(surveyResponses.id, afterId), campaignId ? eq(surveyResponses.campaignId, campaignId) : undefined))
    .orderBy(asc(surveyResponses.id))
    .limit(limit);
}
