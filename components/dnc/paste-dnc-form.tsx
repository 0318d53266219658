"use client";

import { useMemo, useRef, useState } from "react";
import { useAddDncNumbersBulk } from "@/hooks/use-dnc";
import type { Campaign } from "@/lib/api-types";
import { ApiClientError } from "@/lib/api-client";
import { formatCount } from "@/lib/format";
import { apiFormErrors, errorMessage, withFieldLabel } from "@/lib/form-errors";
import { MAX_NUMBERS_PER_PASTE, parsePastedNumbers, type PastedNumber, type PasteProblem } from "@/lib/phone-numbers";
import { describedBy as fieldDescribedBy, Field } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { DncListOptions, listValue, parseListValue, type DncList } from "./dnc-list-select";

const ROW_FIELD_LABELS: Record<string, string> = { phone_number: "Phone number", note: "Note" };
const MAX_NOTE = 500;

/**
 * The API answers a bad row as `numbers.<index>.<field>`; the index counts sent rows, and blank
 * lines are not sent, so it is mapped back to the line the user sees.
 */
function problemsFromServer(err: ApiClientError, sent: PastedNumber[]): PasteProblem[] {
  const lineOf = (index: number) => sent[index]?.line;
  const problems: PasteProblem[] = [];
  for (const [key, messages] of Object.entries(err.errors ?? {})) {
    const match = /^numbers\.(\d+)\.(\w+)$/.exec(key);
    const line = match ? lineOf(Number(match[1])) : undefined;
    if (!match || line === undefined) continue;
    for (const message of messages) {
      const readable = message.replace(/numbers\.(\d+)/g, (_, i: string) => `line ${lineOf(Number(i)) ?? Number(i) + 1}`);
      problems.push({ line, message: withFieldLabel(ROW_FIELD_LABELS[match[2]] ?? match[2], readable) });
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

/** What is after the number on a line is its note; checked here like the number, before sending. */
function parseDncPaste(text: string) {
  const { entries, problems } = parsePastedNumbers(text);
  const long = entries.filter((e) => (e.name?.length ?? 0) > MAX_NOTE).map((e) => ({ line: e.line, message: `Note must be at most ${MAX_NOTE} characters` }));
  return { entries, problems: [...problems, ...long].sort((a, b) => a.line - b.line) };
}

export function PasteDncForm({ campaigns, defaultList }: { campaigns: Campaign[] | undefined; defaultList: DncList }) {
  const addAll = useAddDncNumbersBulk();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState("");
  const [list, setList] = useState<DncList>(defaultList);
  const [listError, setListError] = useState<string[] | undefined>();
  const [checked, setChecked] = useState(false);
  const [serverProblems, setServerProblems] = useState<PasteProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const parsed = useMemo(() => parseDncPaste(text), [text]);
  const lineCount = text === "" ? 1 : text.split(/\r?\n/).length;
  const tooMany = parsed.entries.length > MAX_NUMBERS_PER_PASTE;
  const problems = checked ? (parsed.problems.length ? parsed.problems : serverProblems) : [];
  const badLines = new Set(problems.map((p) => p.line));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setAdded(null);
    setFormError(null);
    setListError(undefined);
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
    addAll.mutate(
      {
        campaign_id: list === "global" ? null : list,
        numbers: sent.map((n) => ({ phone_number: n.phone_number, ...(n.name ? { note: n.name } : {}) })),
      },
      {
        onSuccess: (result) => {
          setAdded(
            `${formatCount(result.added)} added${result.skipped ? `, ${formatCount(result.skipped)} already on the list` : ""}.`,
          );
          setText("");
          setChecked(false);
        },
        onError: (err) => {
          const rows = err instanceof ApiClientError ? problemsFromServer(err, sent) : [];
          const { fieldErrors } = apiFormErrors(err, { campaign_id: "List" });
          setServerProblems(rows);
          setListError(fieldErrors.campaign_id);
          if (!fieldErrors.campaign_id) setFormError(rows.length ? `Nothing was added: ${err.message}` : errorMessage(err));
          textRef.current?.focus();
        },
      },
    );
  }

  const describedBy = ["paste-dnc-hint", "paste-dnc-count", problems.length || tooMany ? "paste-dnc-problems" : null].filter(Boolean).join(" ");

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="paste-dnc-heading" className="space-y-3">
      <h3 id="paste-dnc-heading" className="text-sm font-semibold">
        Paste a list
      </h3>
      <Field id="paste-dnc-list" label="List" error={listError}>
        <select
          {...fieldDescribedBy("paste-dnc-list", { error: listError })}
          className="input"
          value={listValue(list)}
          onChange={(e) => {
            setList(parseListValue(e.target.value));
            setListError(undefined);
          }}
        >
          <DncListOptions campaigns={campaigns} />
        </select>
      </Field>
      <div>
        <label htmlFor="paste-dnc" className="label">
          Paste numbers
        </label>
        <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900">
          <div
            ref={gutterRef}
            aria-hidden="true"
            className="w-12 shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 py-1.5 text-right font-mono text-xs leading-6 text-slate-400 select-none dark:border-slate-800 dark:bg-slate-950 dark:text-slate-500"
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
            id="paste-dnc"
            name="numbers"
            rows={8}
            wrap="off"
            spellCheck={false}
            aria-invalid={problems.length > 0 || tooMany ? true : undefined}
            aria-describedby={describedBy}
            placeholder={"+12025550123,asked not to be called\n+12025550124\n(202) 555-0125;complaint 2025-03-01"}
            className="block w-full resize-y border-0 bg-transparent px-2.5 py-1.5 font-mono text-sm leading-6 placeholder:text-slate-400 focus:ring-0 dark:placeholder:text-slate-600 focus:outline-none"
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
        <p id="paste-dnc-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          One number per line, optionally followed by a comma and a note: <code className="font-mono">number,note</code>. Rows copied from a
          spreadsheet work too. Numbers already on the list are skipped; nothing is added unless every line is valid.
        </p>
        <p id="paste-dnc-count" className="mt-1 text-xs font-medium text-slate-700 dark:text-slate-300" aria-live="polite">
          {parsed.entries.length === 0
            ? "No numbers pasted yet."
            : `${formatCount(parsed.entries.length)} ${parsed.entries.length === 1 ? "line" : "lines"} parsed${
                parsed.problems.length ? `, ${formatCount(parsed.problems.length)} with problems` : ""
              }.`}
        </p>
        {(problems.length > 0 || tooMany) && (
          <ul id="paste-dnc-problems" className="mt-2 max-h-40 space-y-0.5 overflow-y-auto text-xs text-red-600 dark:text-red-400">
            {tooMany && <li>At most {formatCount(MAX_NUMBERS_PER_PASTE)} numbers can be added at once; split the list.</li>}
            {problems.map((p, i) => (
              <li key={`${p.line}-${i}`}>
                <span className="font-semibold">Line {p.line}:</span> {p.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={addAll.isPending}>
          {addAll.isPending ? "Adding…" : "Add all"}
        </button>
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {added}
        </p>
      </div>
    </form>
  );
}
