"use client";

import { useMemo, useRef, useState } from "react";
import { ApiClientError } from "@/lib/api-client";
import { formatCount } from "@/lib/format";
import { apiFormErrors, errorMessage, withFieldLabel, type FieldErrors } from "@/lib/form-errors";
import { MAX_NUMBERS_PER_PASTE, normalizePhoneNumber, parsePastedNumbers, phoneNumberProblem, type PastedNumber, type PasteProblem } from "@/lib/phone-numbers";
import { TextField } from "./form-field";
import { Notice } from "./notice";

/**
 * The two ways to add phone numbers to something (a campaign, a do-not-call list): one number at
 * a time, or a pasted list checked line by line before it is sent. What is added to, and what the
 * text after a number means (a name, a note), is the caller's; the checking, the error placement
 * and the keyboard flow are the same everywhere.
 */

/** Extra controls a form carries (the DNC list picker), rendered with the errors the server gave them. */
type ExtraFields = {
  /** API field → label, for the errors the server places under these controls. */
  labels: Record<string, string>;
  render: (errors: FieldErrors, clear: (field: string) => void) => React.ReactNode;
};

/** The text after a number: what the API calls it, how the form labels it, and two examples for the paste box. */
type Annotation = { field: string; label: string; hint: string; maxLength?: number; examples: [string, string] };

/** What both forms take: where their ids start, the annotation, extra controls. */
type EntryFormProps = {
  /** Prefix of the form's element ids, unique on the page. */
  idPrefix: string;
  annotation: Annotation;
  extraFields?: ExtraFields;
  pending: boolean;
};

export function AddNumberForm({
  idPrefix,
  annotation,
  extraFields,
  pending,
  onAdd,
}: EntryFormProps & {
  /** Adds the number; resolves to the message shown once it is added. A 409 belongs to the phone field. */
  onAdd: (phoneNumber: string, annotation: string) => Promise<string>;
}) {
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState("");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const clear = (field: string) => setErrors((errs) => ({ ...errs, [field]: [] }));
  const labels = { phone_number: "Phone number", [annotation.field]: annotation.label, ...extraFields?.labels };

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAdded(null);
    setFormError(null);
    const problem = phoneNumberProblem(phone);
    if (problem) {
      setErrors({ phone_number: [`${problem}.`] });
      phoneRef.current?.focus();
      return;
    }
    setErrors({});
    try {
      setAdded(await onAdd(normalizePhoneNumber(phone), text.trim()));
      setPhone("");
      setText("");
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 409) {
        setErrors({ phone_number: [err.message] });
      } else {
        const { fieldErrors, formError } = apiFormErrors(err, labels);
        setErrors(fieldErrors);
        if (!Object.keys(fieldErrors).length) setFormError(formError);
      }
    }
    // The next number can be typed straight away; after an error, the phone is what to fix.
    phoneRef.current?.focus();
  }

  return (
    <EntryForm idPrefix={idPrefix} heading="Add one number" onSubmit={onSubmit} formError={formError} pending={pending} submitLabel="Add number" done={added}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id={`${idPrefix}-phone`}
          label="Phone number"
          error={errors.phone_number}
          inputRef={phoneRef}
          inputClassName="font-mono"
          inputMode="tel"
          autoComplete="off"
          placeholder="+12025550123"
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            clear("phone_number");
          }}
        />
        {extraFields?.render(errors, clear)}
        <TextField
          id={`${idPrefix}-${annotation.field}`}
          label={annotation.label}
          hint={annotation.hint}
          error={errors[annotation.field]}
          className={extraFields ? "sm:col-span-2" : undefined}
          autoComplete="off"
          maxLength={annotation.maxLength}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            clear(annotation.field);
          }}
        />
      </div>
    </EntryForm>
  );
}

/**
 * The API answers a bad row as `numbers.<index>.<field>`; the index counts sent rows, and blank
 * lines are not sent, so it is mapped back to the line the user sees.
 */
function problemsFromServer(err: ApiClientError, sent: PastedNumber[], rowLabels: Record<string, string>): PasteProblem[] {
  const lineOf = (index: number) => sent[index]?.line;
  const problems: PasteProblem[] = [];
  for (const [key, messages] of Object.entries(err.errors ?? {})) {
    const match = /^numbers\.(\d+)\.(\w+)$/.exec(key);
    const line = match ? lineOf(Number(match[1])) : undefined;
    if (!match || line === undefined) continue;
    for (const message of messages) {
      const readable = message.replace(/numbers\.(\d+)/g, (_, i: string) => `line ${lineOf(Number(i)) ?? Number(i) + 1}`);
      problems.push({ line, message: withFieldLabel(rowLabels[match[2]] ?? match[2], readable) });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** Lines whose text after the number is longer than the API takes, caught before sending. */
function parsePaste(text: string, annotation: Annotation) {
  const { entries, problems } = parsePastedNumbers(text);
  const max = annotation.maxLength;
  if (max === undefined) return { entries, problems };
  const long = entries.filter((e) => (e.name?.length ?? 0) > max).map((e) => ({ line: e.line, message: `${annotation.label} must be at most ${max} characters` }));
  return { entries, problems: [...problems, ...long].sort((a, b) => a.line - b.line) };
}

export function PasteNumbersForm({
  idPrefix,
  annotation,
  extraFields,
  addRule,
  pending,
  onAdd,
}: EntryFormProps & {
  /** What the server does with the list as a whole (all or nothing, duplicates skipped), for the hint. */
  addRule: string;
  /** Sends every row at once (all or nothing); resolves to the message shown once they are added. */
  onAdd: (numbers: PastedNumber[]) => Promise<string>;
}) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [serverProblems, setServerProblems] = useState<PasteProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const clear = (field: string) => setFieldErrors((errs) => ({ ...errs, [field]: [] }));

  const parsed = useMemo(() => parsePaste(text, annotation), [text, annotation]);
  const lineCount = text === "" ? 1 : text.split(/\r?\n/).length;
  const tooMany = parsed.entries.length > MAX_NUMBERS_PER_PASTE;
  const problems = checked ? (parsed.problems.length ? parsed.problems : serverProblems) : [];
  const badLines = new Set(problems.map((p) => p.line));
  const ids = { text: idPrefix, hint: `${idPrefix}-hint`, count: `${idPrefix}-count`, problems: `${idPrefix}-problems` };

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAdded(null);
    setFormError(null);
    setFieldErrors({});
    setServerProblems([]);
    setChecked(true);
    if (parsed.entries.length === 0) {
      setFormError("Paste at least one number, one per line.");
      textRef.current?.focus();
      return;
    }
    if (tooMany || parsed.problems.length) {
      textRef.current?.focus();
      return;
    }
    const sent = parsed.entries;
    try {
      setAdded(await onAdd(sent));
      setText("");
      setChecked(false);
    } catch (err) {
      const rows = err instanceof ApiClientError ? problemsFromServer(err, sent, { phone_number: "Phone number", [annotation.field]: annotation.label }) : [];
      const placed = apiFormErrors(err, extraFields?.labels ?? {}).fieldErrors;
      setServerProblems(rows);
      setFieldErrors(placed);
      if (!Object.keys(placed).length) setFormError(rows.length ? `Nothing was added: ${errorMessage(err)}` : errorMessage(err));
      textRef.current?.focus();
    }
  }

  const word = annotation.label.toLowerCase();
  const [first, second] = annotation.examples;

  return (
    <EntryForm idPrefix={idPrefix} heading="Paste a list" onSubmit={onSubmit} formError={formError} pending={pending} submitLabel="Add all" done={added}>
      {extraFields?.render(fieldErrors, clear)}
      <div>
        <label htmlFor={ids.text} className="label">
          Paste numbers
        </label>
        <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900">
          <div
            ref={gutterRef}
            aria-hidden="true"
            className="w-12 shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 py-1.5 text-right font-mono text-xs leading-6 text-slate-500 select-none dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400"
          >
            {Array.from({ length: lineCount }, (_, i) => (
              <div key={i} className={`pr-2 ${badLines.has(i + 1) ? "bg-red-100 font-semibold text-red-700 dark:bg-red-950 dark:text-red-300" : ""}`}>
                {badLines.has(i + 1) ? "! " : ""}
                {i + 1}
              </div>
            ))}
          </div>
          <textarea
            ref={textRef}
            id={ids.text}
            name="numbers"
            rows={8}
            wrap="off"
            spellCheck={false}
            aria-invalid={problems.length > 0 || tooMany ? true : undefined}
            aria-describedby={[ids.hint, ids.count, problems.length || tooMany ? ids.problems : null].filter(Boolean).join(" ")}
            placeholder={`+12025550123,${first}\n+12025550124\n(202) 555-0125;${second}`}
            className="block w-full resize-y border-0 bg-transparent px-2.5 py-1.5 font-mono text-sm leading-6 placeholder:text-slate-400 focus:ring-0 focus:outline-none dark:placeholder:text-slate-600"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setServerProblems([]);
              setAdded(null);
            }}
            onScroll={(e) => {
              if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
            }}
          />
        </div>
        <p id={ids.hint} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          One number per line, optionally followed by a comma and a {word}: <code className="font-mono">number,{word}</code>. Rows copied from a spreadsheet work
          too. {addRule}
        </p>
        <p id={ids.count} className="mt-1 text-xs font-medium text-slate-700 dark:text-slate-300" aria-live="polite">
          {parsed.entries.length === 0
            ? "No numbers pasted yet."
            : `${formatCount(parsed.entries.length)} ${parsed.entries.length === 1 ? "line" : "lines"} parsed${
                parsed.problems.length ? `, ${formatCount(parsed.problems.length)} with problems` : ""
              }.`}
        </p>
        {(problems.length > 0 || tooMany) && (
          <ul id={ids.problems} className="mt-2 max-h-40 space-y-0.5 overflow-y-auto text-xs text-red-600 dark:text-red-400">
            {tooMany && <li>At most {formatCount(MAX_NUMBERS_PER_PASTE)} numbers can be added at once; split the list.</li>}
            {problems.map((p, i) => (
              <li key={`${p.line}-${i}`}>
                <span className="font-semibold">Line {p.line}:</span> {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </EntryForm>
  );
}

/** Either form's frame: its heading names it, and its error, submit button and outcome come last. */
function EntryForm({
  idPrefix,
  heading,
  onSubmit,
  formError,
  pending,
  submitLabel,
  done,
  children,
}: {
  idPrefix: string;
  heading: string;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
  formError: string | null;
  pending: boolean;
  submitLabel: string;
  done: string | null;
  children: React.ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-heading`} className="space-y-3">
      <h3 id={`${idPrefix}-heading`} className="text-sm font-semibold">
        {heading}
      </h3>
      {children}
      <SubmitRow formError={formError} pending={pending} label={submitLabel} done={done} />
    </form>
  );
}

/** The form's own error, its submit button and the polite line that says what was done. */
export function SubmitRow({
  formError,
  pending,
  label,
  pendingLabel = "Adding…",
  done,
  children,
}: {
  formError: string | null;
  pending: boolean;
  label: string;
  pendingLabel?: string;
  done: string | null;
  /** More buttons after the submit one (Cancel). */
  children?: React.ReactNode;
}) {
  return (
    <>
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? pendingLabel : label}
        </button>
        {children}
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {done}
        </p>
      </div>
    </>
  );
}
