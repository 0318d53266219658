import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { parentRef, serialId, timestamps, timestampTz } from "./columns";

/**
 * A survey: questions asked on an answered call, one after another, each answer keyed on the
 * phone and stored the moment it is given. `choice` (one digit among labelled choices), `number`
 * (several digits ended by # or by the maximum), `yes_no` (1 yes, 2 no), `recording` (the
 * person's spoken answer, recorded for at most `max_record_sec`).
 */
export const SURVEY_QUESTION_TYPES = ["choice", "number", "yes_no", "recording"] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

/** A labelled answer of a `choice` question: the digit pressed and what it means. */
export type SurveyChoice = { value: string; label: string };
/** Where an answer leads: a later question's position, or null to end the survey. */
export type SurveyBranch = { answer: string; goto: number | null };

export const surveys = pgTable("surveys", {
  id: serialId(),
  name: text("name").notNull(),
  description: text("description"),
  /** Played once the survey ends (a thank-you); none: the call just hangs up. */
  closingAudio: text("closing_audio"),
  ...timestamps(),
});

export const surveyQuestions = pgTable(
  "survey_questions",
  {
    id: serialId(),
    surveyId: parentRef("survey_id", () => surveys.id),
    /** 1-based order in the survey; branches name questions by it. */
    position: integer("position").notNull(),
    type: text("type").$type<SurveyQuestionType>().notNull(),
    text: text("text").notNull(),
    promptAudio: text("prompt_audio").notNull(),
    choices: jsonb("choices").$type<SurveyChoice[]>().notNull().default([]),
    maxDigits: integer("max_digits").notNull().default(1),
    /** Seconds to wait for digits once the prompt has played. */
    timeoutSec: integer("timeout_sec").notNull().default(5),
    maxRecordSec: integer("max_record_sec").notNull().default(30),
    branches: jsonb("branches").$type<SurveyBranch[]>().notNull().default([]),
    /** After an answer no branch names (or none): a later position, 0 to end, null for the following question. */
    nextPosition: integer("next_position"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("survey_questions_position_uq").on(t.surveyId, t.position)],
);

/** One answer to one question on one call, written as soon as it is given. */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: serialId(),
    surveyId: parentRef("survey_id", () => surveys.id),
    questionId: parentRef("question_id", () => surveyQuestions.id),
    attemptId: integer("attempt_id").notNull(),
    campaignId: integer("campaign_id").notNull(),
    leadId: integer("lead_id").notNull(),
    phoneNumber: text("phone_number").notNull(),
    value: text("value").notNull(),
    recordingFile: text("recording_file"),
    answeredAt: timestampTz("answered_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_responses_attempt_question_uq").on(t.attemptId, t.questionId), index("survey_responses_survey_idx").on(t.surveyId, t.id)],
);

export type Survey = typeof surveys.$inferSelect;
export type SurveyQuestion = typeof surveyQuestions.$inferSelect;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
