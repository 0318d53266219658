"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSaveSurvey, useSurvey, type SurveyInput } from "@/hooks/use-surveys";
import type { SurveyDetail } from "@/lib/api-types";
import { apiFormErrors, isNotFound, type FieldErrors } from "@/lib/form-errors";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, SelectField, TextAreaField, TextField, submitUnlessPending } from "@/components/ui/form-field";
import { ErrorState, Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";

type QuestionType = SurveyInput["questions"][number]["type"];
const TYPES: [QuestionType, string][] = [
  ["choice", "Choice (one key, labelled)"],
  ["number", "Number (digits, ended by #)"],
  ["yes_no", "Yes or no (1 yes, 2 no)"],
  ["recording", "Spoken answer (recorded)"],
];

/** The editor keeps numbers as text while they are typed. */
type QuestionValues = {
  type: QuestionType;
  text: string;
  prompt_audio: string;
  choices: { value: string; label: string }[];
  max_digits: string;
  timeout_sec: string;
  max_record_sec: string;
  branches: { answer: string; goto: string }[];
  /** "" the following question, "end", or a position. */
  next: string;
};
type Values = { name: string; description: string; closing_audio: string; questions: QuestionValues[] };

const newQuestion = (): QuestionValues => ({
  type: "choice",
  text: "",
  prompt_audio: "",
  choices: ["1", "2", "3", "4", "5"].map((value) => ({ value, label: "" })),
  max_digits: "4",
  timeout_sec: "5",
  max_record_sec: "30",
  branches: [],
  next: "",
});

const fromSurvey = (s?: SurveyDetail): Values =>
  s
    ? {
        name: s.name,
        description: s.description ?? "",
        closing_audio: s.closing_audio ?? "",
        questions: s.questions.map((q) => ({
          type: q.type,
          text: q.text,
          prompt_audio: q.prompt_audio,
          choices: q.choices,
          max_digits: String(q.max_digits),
          timeout_sec: String(q.timeout_sec),
          max_record_sec: String(q.max_record_sec),
          branches: q.branches.map((b) => ({ answer: b.answer, goto: String(b.goto) })),
          next: q.next === null ? "" : String(q.next),
        })),
      }
    : { name: "", description: "", closing_audio: "", questions: [newQuestion()] };

const target = (v: string): number | "end" => (v === "end" ? "end" : Number(v));

const toInput = (v: Values): SurveyInput => ({
  name: v.name.trim(),
  description: v.description.trim() || null,
  closing_audio: v.closing_audio.trim() || null,
  questions: v.questions.map((q) => ({
    type: q.type,
    text: q.text.trim(),
    prompt_audio: q.prompt_audio.trim(),
    choices: q.type === "choice" ? q.choices.map((c) => ({ value: c.value.trim(), label: c.label.trim() })) : [],
    max_digits: Number(q.max_digits),
    timeout_sec: Number(q.timeout_sec),
    max_record_sec: Number(q.max_record_sec),
    branches: q.type === "recording" ? [] : q.branches.map((b) => ({ answer: b.answer.trim(), goto: target(b.goto) })),
    next: q.next === "" ? null : target(q.next),
  })),
});

/** What the browser can tell at once; the server checks everything again (and its errors land on the same fields). */
function check(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = ["Name is required."];
  v.questions.forEach((q, i) => {
    const at = (f: string) => `questions.${i}.${f}`;
    if (!q.text.trim()) e[at("text")] = ["The question's text is required."];
    if (!q.prompt_audio.trim()) e[at("prompt_audio")] = ["The prompt to play is required."];
    if (q.type === "choice" && !q.choices.length) e[at("choices")] = ["A choice question needs at least one choice."];
    q.branches.forEach((b, j) => {
      if (!b.answer.trim()) e[at(`branches.${j}.answer`)] = ["Which answer takes this branch?"];
    });
  });
  return e;
}

/** A survey's editor: its questions in order, each with its prompt, its answers and where they lead. */
export function SurveyEditor({ survey }: { survey?: SurveyDetail }) {
  const router = useRouter();
  const save = useSaveSurvey(survey?.id);
  const [values, setValues] = useState<Values>(() => fromSurvey(survey));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const count = values.questions.length;

  const setQuestion = (i: number, change: Partial<QuestionValues>) =>
    setValues((v) => ({ ...v, questions: v.questions.map((q, j) => (j === i ? { ...q, ...change } : q)) }));
  const move = (i: number, by: -1 | 1) =>
    setValues((v) => {
      const qs = [...v.questions];
      [qs[i], qs[i + by]] = [qs[i + by], qs[i]];
      return { ...v, questions: qs };
    });

  function submit() {
    setFormError(null);
    const problems = check(values);
    setErrors(problems);
    if (Object.keys(problems).length) {
      focusError(problems);
      return;
    }
    save.mutate(toInput(values), {
      onSuccess: (saved) => router.push(`/surveys/${saved.id}`),
      onError: (err) => {
        const labels = Object.fromEntries(Object.keys((err as { errors?: FieldErrors }).errors ?? {}).map((k) => [k, labelOf(k)]));
        const { fieldErrors, formError } = apiFormErrors(err, labels);
        setErrors(fieldErrors);
        setFormError(formError);
        focusError(fieldErrors);
      },
    });
  }

  const targets = (i: number) => [
    ["end", "End the survey"],
    ...values.questions.slice(i + 1).map((q, k) => [String(i + k + 2), `Question ${i + k + 2}${q.text ? `: ${q.text.slice(0, 40)}` : ""}`]),
  ];

  return (
    <form onSubmit={submitUnlessPending(save.isPending, submit)} noValidate className="space-y-5" aria-label={survey ? `Edit survey ${survey.name}` : "New survey"}>
      {formError && (
        <Notice tone="error" title="The survey was not saved">
          {formError}
        </Notice>
      )}
      <section className="card grid gap-3 p-5 sm:grid-cols-2" aria-label="Survey">
        <TextField id={idOf("name")} label="Name" error={errors.name} autoComplete="off" maxLength={255} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
        <TextField
          id={idOf("closing_audio")}
          label="Closing prompt"
          hint="Played when the survey ends, e.g. custom/thanks. Empty: the call just ends."
          error={errors.closing_audio}
          inputClassName="font-mono"
          autoComplete="off"
          value={values.closing_audio}
          onChange={(e) => setValues({ ...values, closing_audio: e.target.value })}
        />
        <TextAreaField id={idOf("description")} label="Description" error={errors.description} className="sm:col-span-2" rows={2} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} />
      </section>

      <FieldError id={idOf("questions")} messages={errors.questions} />
      <ol className="space-y-4">
        {values.questions.map((q, i) => {
          const at = (f: string) => `questions.${i}.${f}`;
          return (
            <li key={i} className="card space-y-3 p-5" aria-label={`Question ${i + 1}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">Question {i + 1}</h2>
                <div className="flex gap-1">
                  <button type="button" className="btn-secondary px-2.5 py-1 text-xs" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move question ${i + 1} up`}>
                    Up
                  </button>
                  <button type="button" className="btn-secondary px-2.5 py-1 text-xs" disabled={i === count - 1} onClick={() => move(i, 1)} aria-label={`Move question ${i + 1} down`}>
                    Down
                  </button>
                  <button type="button" className="btn-secondary px-2.5 py-1 text-xs text-red-700 dark:text-red-400" disabled={count === 1} onClick={() => setValues({ ...values, questions: values.questions.filter((_, j) => j !== i) })} aria-label={`Remove question ${i + 1}`}>
                    Remove
                  </button>
                </div>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField id={idOf(at("type"))} label="Type" error={errors[at("type")]} value={q.type} onChange={(e) => setQuestion(i, { type: e.target.value as QuestionType })}>
                  {TYPES.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </SelectField>
                <TextField id={idOf(at("prompt_audio"))} label="Prompt" hint="The sound the PBX plays, e.g. custom/q-rating." error={errors[at("prompt_audio")]} inputClassName="font-mono" autoComplete="off" value={q.prompt_audio} onChange={(e) => setQuestion(i, { prompt_audio: e.target.value })} />
                <TextField id={idOf(at("text"))} label="Question" hint="What the prompt asks, as the results page shows it." error={errors[at("text")]} className="sm:col-span-2" autoComplete="off" value={q.text} onChange={(e) => setQuestion(i, { text: e.target.value })} />
                {q.type === "number" && <TextField id={idOf(at("max_digits"))} label="Most digits" error={errors[at("max_digits")]} inputMode="numeric" value={q.max_digits} onChange={(e) => setQuestion(i, { max_digits: e.target.value })} />}
                {q.type === "recording" ? (
                  <TextField id={idOf(at("max_record_sec"))} label="Longest answer (seconds)" error={errors[at("max_record_sec")]} inputMode="numeric" value={q.max_record_sec} onChange={(e) => setQuestion(i, { max_record_sec: e.target.value })} />
                ) : (
                  <TextField id={idOf(at("timeout_sec"))} label="Wait for keys (seconds)" error={errors[at("timeout_sec")]} inputMode="numeric" value={q.timeout_sec} onChange={(e) => setQuestion(i, { timeout_sec: e.target.value })} />
                )}
                <SelectField id={idOf(at("next"))} label="Then" hint="After an answer no branch below names." error={errors[at("next")]} value={q.next} onChange={(e) => setQuestion(i, { next: e.target.value })}>
                  <option value="">{i === count - 1 ? "End the survey" : "The next question"}</option>
                  {targets(i).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </SelectField>
              </div>

              {q.type === "choice" && (
                <fieldset className="space-y-2">
                  <legend className="label">Choices</legend>
                  <FieldError id={`${idOf(at("choices"))}-error`} messages={errors[at("choices")]} />
                  {q.choices.map((c, j) => (
                    <div key={j} className="flex flex-wrap items-start gap-2">
                      <TextField id={idOf(at(`choices.${j}.value`))} label={`Key ${j + 1}`} error={errors[at(`choices.${j}.value`)]} className="w-20" inputMode="numeric" maxLength={1} value={c.value} onChange={(e) => setQuestion(i, { choices: q.choices.map((x, k) => (k === j ? { ...x, value: e.target.value } : x)) })} />
                      <TextField id={idOf(at(`choices.${j}.label`))} label={`Label ${j + 1}`} error={errors[at(`choices.${j}.label`)]} className="min-w-40 flex-1" autoComplete="off" value={c.label} onChange={(e) => setQuestion(i, { choices: q.choices.map((x, k) => (k === j ? { ...x, label: e.target.value } : x)) })} />
                      <button type="button" className="btn-secondary mt-6 px-2.5 py-1 text-xs" onClick={() => setQuestion(i, { choices: q.choices.filter((_, k) => k !== j) })} aria-label={`Remove choice ${j + 1} of question ${i + 1}`}>
                        Remove
                      </button>
                    </div>
                  ))}
                  <button type="button" className="btn-secondary px-2.5 py-1 text-xs" disabled={q.choices.length >= 10} onClick={() => setQuestion(i, { choices: [...q.choices, { value: String(q.choices.length + 1).slice(-1), label: "" }] })}>
                    Add a choice
                  </button>
                </fieldset>
              )}

              {q.type !== "recording" && (
                <fieldset className="space-y-2">
                  <legend className="label">Branches</legend>
                  {q.branches.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">Every answer goes on to what &ldquo;Then&rdquo; says.</p>}
                  {q.branches.map((b, j) => (
                    <div key={j} className="flex flex-wrap items-start gap-2">
                      <TextField id={idOf(at(`branches.${j}.answer`))} label={`When the answer is`} hint={q.type === "yes_no" ? "yes or no" : undefined} error={errors[at(`branches.${j}.answer`)]} className="w-40" autoComplete="off" value={b.answer} onChange={(e) => setQuestion(i, { branches: q.branches.map((x, k) => (k === j ? { ...x, answer: e.target.value } : x)) })} />
                      <SelectField id={idOf(at(`branches.${j}.goto`))} label="Go to" error={errors[at(`branches.${j}.goto`)]} className="min-w-48 flex-1" value={b.goto} onChange={(e) => setQuestion(i, { branches: q.branches.map((x, k) => (k === j ? { ...x, goto: e.target.value } : x)) })}>
                        {targets(i).map(([value, label]) => (
                          <option key={value} value={value}>
                            {label}
                          </option>
                        ))}
                        {b.goto !== "end" && Number(b.goto) <= i + 1 && <option value={b.goto}>Question {b.goto} (not a later question)</option>}
                      </SelectField>
                      <button type="button" className="btn-secondary mt-6 px-2.5 py-1 text-xs" onClick={() => setQuestion(i, { branches: q.branches.filter((_, k) => k !== j) })} aria-label={`Remove branch ${j + 1} of question ${i + 1}`}>
                        Remove
                      </button>
                    </div>
                  ))}
                  <button type="button" className="btn-secondary px-2.5 py-1 text-xs" onClick={() => setQuestion(i, { branches: [...q.branches, { answer: q.type === "yes_no" ? "no" : "", goto: "end" }] })}>
                    Add a branch
                  </button>
                </fieldset>
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" disabled={count >= 30} onClick={() => setValues({ ...values, questions: [...values.questions, newQuestion()] })}>
          Add a question
        </button>
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : survey ? "Save survey" : "Create survey"}
        </button>
        <Link href={survey ? `/surveys/${survey.id}` : "/surveys"} className="btn-secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** Field ids from error keys (`questions.0.text` → `survey-questions-0-text`). */
const idOf = (key: string) => `survey-${key.replace(/\./g, "-")}`;

function labelOf(key: string): string {
  const m = /^questions\.(\d+)\.(.+)$/.exec(key);
  if (!m) return key === "name" ? "Name" : key === "closing_audio" ? "Closing prompt" : key === "questions" ? "Questions" : key;
  return `Question ${Number(m[1]) + 1}, ${m[2].replace(/\.(\d+)\./g, (_, n) => ` ${Number(n) + 1} `).replace(/_/g, " ")}`;
}

function focusError(errors: FieldErrors) {
  const first = Object.keys(errors).find((k) => errors[k]?.length);
  if (first) document.getElementById(idOf(first))?.focus();
}

/** The editor of an existing survey, once it has loaded. */
export function EditSurvey({ id }: { id: number }) {
  const q = useSurvey(id);
  if (q.error && isNotFound(q.error)) return <EmptyState title="No such survey" description="It may have been deleted." action={<Link href="/surveys" className="btn-secondary">All surveys</Link>} />;
  if (q.error) return <ErrorState title="Could not load the survey" error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data)
    return (
      <div role="status" aria-label="Loading the survey" className="space-y-3">
        <Skeleton className="h-24" />
        <Skeleton className="h-48" />
      </div>
    );
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Edit {q.data.name}</h1>
      <SurveyEditor survey={q.data} />
    </div>
  );
}
