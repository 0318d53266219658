import { z } from "zod";
import { SURVEY_QUESTION_TYPES } from "@/db/schema";
import { timestampsOut } from "../api/validation";

/** Most questions a survey holds: one call should not take all day. */
export const MAX_QUESTIONS = 30;

const text = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, "is required")
    .max(max);

/** A sound name or path the PBX can play: no spaces, commas or quotes (they would split a command). */
const audio = text(255).regex(/^[A-Za-z0-9_./:-]+$/, "must be a sound name or path (letters, digits, _ . / : -)");

/** A later question's position, or "end". */
const target = z.union([z.literal("end"), z.number({ error: 'must be a question number or "end"' }).int().min(1).max(MAX_QUESTIONS)], {
  error: 'must be a question number or "end"',
});

const choice = z.object({
  value: z.string({ error: "must be one digit 0-9" }).regex(/^[0-9]$/, "must be one digit 0-9"),
  label: text(100),
});

const branch = z.object({
  answer: z.string({ error: "is required" }).trim().min(1, "is required").max(20).regex(/^[0-9]+$|^(yes|no)$/, 'must be digits, "yes" or "no"'),
  goto: target,
});

export const questionInput = z.object({
  type: z.enum(SURVEY_QUESTION_TYPES, { error: `must be one of: ${SURVEY_QUESTION_TYPES.join(", ")}` }),
  text: text(500),
  prompt_audio: audio,
  choices: z.array(choice, { error: "must be a list of choices" }).max(10).default([]),
  max_digits: z.number({ error: "must be a number" }).int().min(1).max(12).default(4),
  timeout_sec: z.number({ error: "must be a number" }).int().min(1).max(60).default(5),
  max_record_sec: z.number({ error: "must be a number" }).int().min(1).max(300).default(30),
  branches: z.array(branch, { error: "must be a list of branches" }).max(12).default([]),
  /** After an answer no branch names: a later question or "end"; omitted, the following question. */
  next: target.nullish(),
});

type QuestionInput = z.output<typeof questionInput>;

/** What one question's fields must agree on, and where its branches may lead. */
function checkQuestion(q: QuestionInput, index: number, count: number, ctx: z.RefinementCtx) {
  const at = (...path: (string | number)[]) => [index, ...path];
  const position = index + 1;
  if (q.type === "choice") {
    if (q.choices.length === 0) ctx.addIssue({ code: "custom", message: "a choice question needs at least one choice", path: at("choices") });
    const seen = new Set<string>();
    q.choices.forEach((c, i) => {
      if (seen.has(c.value)) ctx.addIssue({ code: "custom", message: `digit '${c.value}' is already a choice`, path: at("choices", i, "value") });
      seen.add(c.value);
    });
  } else if (q.choices.length) ctx.addIssue({ code: "custom", message: `only choice questions have choices (this one is ${q.type})`, path: at("choices") });
  if (q.type === "recording" && q.branches.length) ctx.addIssue({ code: "custom", message: "a recorded answer cannot branch; use next", path: at("branches") });
  const answers = new Set<string>();
  q.branches.forEach((b, i) => {
    if (answers.has(b.answer)) ctx.addIssue({ code: "custom", message: `answer '${b.answer}' already has a branch`, path: at("branches", i, "answer") });
    answers.add(b.answer);
    if (q.type === "choice" && !q.choices.some((c) => c.value === b.answer)) ctx.addIssue({ code: "custom", message: `'${b.answer}' is not one of the choices`, path: at("branches", i, "answer") });
    if (q.type === "yes_no" && b.answer !== "yes" && b.answer !== "no") ctx.addIssue({ code: "custom", message: 'must be "yes" or "no"', path: at("branches", i, "answer") });
    if (q.type === "number" && !/^[0-9]+$/.test(b.answer)) ctx.addIssue({ code: "custom", message: "must be a number", path: at("branches", i, "answer") });
    checkTarget(b.goto, position, count, ctx, at("branches", i, "goto"));
  });
  if (q.next != null) checkTarget(q.next, position, count, ctx, at("next"));
}

/** Branches only go forward (no loops), to a question that exists. */
function checkTarget(goto: number | "end", position: number, count: number, ctx: z.RefinementCtx, path: (string | number)[]) {
  if (goto === "end") return;
  if (goto > count) ctx.addIssue({ code: "custom", message: `there is no question ${goto} (the survey has ${count})`, path });
  else if (goto <= position) ctx.addIssue({ code: "custom", message: `must be a later question than ${position} (branches go forward)`, path });
}

const questions = z
  .array(questionInput, { error: "must be a list of questions" })
  .min(1, "a survey needs at least one question")
  .max(MAX_QUESTIONS)
  .superRefine((list, ctx) => list.forEach((q, i) => checkQuestion(q, i, list.length, ctx)));

const surveyFields = {
  name: text(255),
  description: z.string({ error: "must be a string" }).trim().max(2000).nullish(),
  closing_audio: audio.nullish(),
};

export const createSurveyBody = z.object({ ...surveyFields, questions });

/** `questions`, when sent, replaces them all (answers to a question kept at the same position stay). */
export const updateSurveyBody = z
  .object({
    name: surveyFields.name.optional(),
    description: surveyFields.description,
    closing_audio: surveyFields.closing_audio,
    questions: questions.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "send at least one field to update" });

export const surveyResultsQuery = z.object({
  format: z.enum(["json", "csv"], { error: 'must be "json" or "csv"' }).default("json"),
  campaign_id: z.coerce.number({ error: "must be a campaign id" }).int().positive().optional(),
});

const targetOut = z.union([z.number(), z.literal("end")]);

export const questionOut = z.object({
  id: z.number(),
  position: z.number(),
  type: z.enum(SURVEY_QUESTION_TYPES),
  text: z.string(),
  prompt_audio: z.string(),
  choices: z.array(z.object({ value: z.string(), label: z.string() })),
  max_digits: z.number(),
  timeout_sec: z.number(),
  max_record_sec: z.number(),
  branches: z.array(z.object({ answer: z.string(), goto: targetOut })),
  next: targetOut.nullable(),
});

export const surveyOut = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  closing_audio: z.string().nullable(),
  question_count: z.number(),
  response_count: z.number(),
  ...timestampsOut,
});

export const surveyWithQuestionsOut = surveyOut.extend({ questions: z.array(questionOut) });

export const surveyResultsOut = z.object({
  survey_id: z.number(),
  calls: z.number().describe("calls that answered at least one question"),
  questions: z.array(
    z.object({
      id: z.number(),
      position: z.number(),
      type: z.enum(SURVEY_QUESTION_TYPES),
      text: z.string(),
      total: z.number(),
      answers: z.array(z.object({ value: z.string(), label: z.string(), count: z.number() })),
    }),
  ),
});
