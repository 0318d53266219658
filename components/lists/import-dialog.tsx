"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useImportJob, useImportProblems, useStartImport } from "@/hooks/use-lists";
import { ApiClientError } from "@/lib/api-client";
import { detectDelimiter, guessMapping, IMPORT_TARGETS, looksLikeHeader, parseCsv, type ImportTarget } from "@/lib/csv";
import { formatCount } from "@/lib/format";
import { FormOptions } from "@/components/ui/form-options";
import { ProgressBar } from "@/components/ui/progress-bar";

const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 5;

const TARGET_LABEL: Record<ImportTarget, string> = {
  phone: "Phone (required)",
  phone2: "Phone 2",
  phone3: "Phone 3",
  phone4: "Phone 4",
  phone5: "Phone 5",
  phone6: "Phone 6",
  phone7: "Phone 7",
  phone8: "Phone 8",
  timezone: "Time zone",
  state: "State",
  zip: "ZIP",
};

type Preview = { header: string[] | null; rows: string[][]; columns: number; delimiter: string; firstRow: string[] };

/**
 * Import a CSV into a list: choose the file, check how its columns map onto lead fields against a
 * preview of the first rows (read in the browser; columns left unmapped become custom data), then
 * follow the import's progress and read what was left out.
 */
export function ImportDialog({ listId, open, onClose }: { listId: number; open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [hasHeader, setHasHeader] = useState(true);
  const [mapping, setMapping] = useState<Partial<Record<ImportTarget, number>>>({});
  const [dnc, setDnc] = useState<"flag" | "skip">("flag");
  const [jobId, setJobId] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const start = useStartImport(listId);
  const job = useImportJob(jobId);
  const ended = job.data?.status === "completed" || job.data?.status === "failed";
  const problems = useImportProblems(jobId, ended && (job.data?.errors ?? 0) + (job.data?.duplicates ?? 0) + (job.data?.dnc ?? 0) > 0);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // Opened again after an import ended: start from a new file (one still running stays in view).
  const endedRef = useRef(false);
  endedRef.current = ended;
  useEffect(() => {
    if (open && endedRef.current) reset();
  }, [open]);

  function reset() {
    setFile(null);
    setPreview(null);
    setMapping({});
    setJobId(null);
    setFileError(null);
    start.reset();
  }

  async function choose(f: File | null) {
    reset();
    if (!f) return;
    setFile(f);
    const text = await f.slice(0, PREVIEW_BYTES).text();
    const delimiter = detectDelimiter(text);
    const recs = parseCsv(text, delimiter);
    // The last record of a cut sample may be cut too.
    const usable = f.size > PREVIEW_BYTES ? recs.slice(0, -1) : recs;
    if (usable.length === 0) {
      setFileError("The file has no rows.");
      return;
    }
    const firstRow = usable[0].fields;
    const header = looksLikeHeader(firstRow);
    const columns = Math.max(...usable.slice(0, 50).map((r) => r.fields.length));
    setHasHeader(header);
    setPreview({ header: header ? firstRow : null, rows: usable.slice(header ? 1 : 0, (header ? 1 : 0) + PREVIEW_ROWS).map((r) => r.fields), columns, delimiter, firstRow });
    setMapping(guessMapping(header ? firstRow : null));
  }

  function toggleHeader(on: boolean) {
    if (!preview) return;
    setHasHeader(on);
    setMapping(guessMapping(on ? preview.firstRow : null));
  }

  const columnName = (i: number) => (hasHeader && preview?.firstRow[i]?.trim() ? preview.firstRow[i] : `Column ${i + 1}`);
  const mappedTo = (i: number) => IMPORT_TARGETS.find((t) => mapping[t] === i);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file || !preview || mapping.phone === undefined) return;
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as Record<string, number>;
    const j = await start.mutateAsync({ file, mapping: clean, hasHeader, dnc, delimiter: preview.delimiter }).catch(() => null);
    if (j) setJobId(j.id);
  }

  const data = job.data;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-3xl rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <div className="max-h-[85vh] space-y-4 overflow-y-auto p-5">
          <h2 id={titleId} className="text-base font-semibold">
            Import leads from CSV
          </h2>
          {jobId === null ? (
            <form onSubmit={submit} className="space-y-4" noValidate>
              <div>
                <label htmlFor={fileId} className="label">
                  CSV file
                </label>
                <input id={fileId} type="file" accept=".csv,text/csv,text/plain" className="block text-sm" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Comma, semicolon or tab separated; UTF-8. Up to 200 MB. Rows are checked one by one: a bad row is reported and never stops the others.</p>
                {fileError && (
                  <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                    {fileError}
                  </p>
                )}
              </div>
              {preview && (
                <>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={hasHeader} onChange={(e) => toggleHeader(e.target.checked)} />
                    The first row is a header
                  </label>
                  <fieldset>
                    <legend className="label">Columns</legend>
                    <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">Columns not mapped to a field are kept as the lead&apos;s custom data, under their header name.</p>
                    <div className="overflow-x-auto">
                      <table className="data-table text-xs">
                        <caption className="sr-only">Mapping preview of the first rows</caption>
                        <thead>
                          <tr>
                            {Array.from({ length: preview.columns }, (_, i) => (
                              <th key={i} scope="col" className="min-w-32 align-top">
                                <span className="block truncate">{columnName(i)}</span>
                                <select
                                  aria-label={`Field for ${columnName(i)}`}
                                  className="input mt-1 py-1 text-xs"
                                  value={mappedTo(i) ?? ""}
                                  onChange={(e) => {
                                    const target = e.target.value as ImportTarget | "";
                                    setMapping((m) => {
                                      const next = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== i)) as Partial<Record<ImportTarget, number>>;
                                      if (target) next[target] = i;
                                      return next;
                                    });
                                  }}
                                >
                                  <option value="">Custom data</option>
                                  <FormOptions values={IMPORT_TARGETS} label={(t) => TARGET_LABEL[t]} />
                                </select>
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {preview.rows.map((r, k) => (
                            <tr key={k}>
                              {Array.from({ length: preview.columns }, (_, i) => (
                                <td key={i} className="max-w-48 truncate">
                                  {r[i] ?? ""}
                                </td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                    {mapping.phone === undefined && (
                      <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                        Choose the column that holds the phone number.
                      </p>
                    )}
                  </fieldset>
                  <fieldset>
                    <legend className="label">Numbers on a do-not-call list</legend>
                    <label className="mr-4 text-sm">
                      <input type="radio" name="dnc" checked={dnc === "flag"} onChange={() => setDnc("flag")} /> Import the lead, never call those numbers
                    </label>
                    <label className="text-sm">
                      <input type="radio" name="dnc" checked={dnc === "skip"} onChange={() => setDnc("skip")} /> Skip rows whose every number is barred
                    </label>
                  </fieldset>
                </>
              )}
              {start.error && (
                <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
                  <p>{start.error.message}</p>
                  {start.error instanceof ApiClientError && start.error.errors && (
                    <ul className="mt-1 list-disc pl-5">
                      {Object.entries(start.error.errors).map(([k, v]) => (
                        <li key={k}>
                          {k}: {v.join("; ")}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              <div className="flex justify-end gap-2">
                <button type="button" className="btn-secondary" onClick={onClose}>
                  Cancel
                </button>
                <button type="submit" className="btn-primary" disabled={!preview || mapping.phone === undefined || start.isPending}>
                  {start.isPending ? "Uploading…" : "Import"}
                </button>
              </div>
            </form>
          ) : (
            <div className="space-y-3">
              <p className="text-sm" aria-live="polite">
                {!data || data.status === "queued"
                  ? "Waiting to start…"
                  : data.status === "running"
                    ? data.total_rows === null
                      ? "Counting rows…"
                      : `Imported ${formatCount(data.rows_done)} of ${formatCount(data.total_rows)} rows`
                    : data.status === "completed"
                      ? `Done: ${data.message ?? ""}`
                      : (data.message ?? "The import stopped")}
              </p>
              <ProgressBar value={data?.rows_done ?? 0} max={data?.total_rows ?? 0} label="Import progress" />
              {data && (
                <dl className="grid grid-cols-4 gap-2 text-center text-sm">
                  {[
                    ["Imported", data.inserted],
                    ["Duplicates", data.duplicates],
                    ["Do not call", data.dnc],
                    ["Errors", data.errors],
                  ].map(([k, v]) => (
                    <div key={k} className="rounded-md bg-slate-50 p-2 dark:bg-slate-800/60">
                      <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
                      <dd className="font-semibold tabular-nums">{formatCount(Number(v))}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {problems.data && problems.data.rows.length > 0 && (
                <div>
                  <div className="flex items-center justify-between">
                    <h3 className="text-sm font-semibold">Rows left out or flagged</h3>
                    <a className="btn-secondary px-2 py-1 text-xs" href={`/api/imports/${jobId}/errors?format=csv`} download>
                      Download report (CSV)
                    </a>
                  </div>
                  <div className="mt-2 max-h-64 overflow-auto">
                    <table className="data-table text-xs">
                      <caption className="sr-only">Import report</caption>
                      <thead>
                        <tr>
                          <th scope="col">Row</th>
                          <th scope="col">Kind</th>
                          <th scope="col">Field</th>
                          <th scope="col">Why</th>
                        </tr>
                      </thead>
                      <tbody>
                        {problems.data.rows.map((p, k) => (
                          <tr key={k}>
                            <td className="tabular-nums">{p.row}</td>
                            <td>{p.kind}</td>
                            <td>{p.field ?? "—"}</td>
                            <td title={p.raw ?? undefined}>{p.message}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  {problems.data.pagination.total > problems.data.rows.length && (
                    <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">First {problems.data.rows.length} of {formatCount(problems.data.pagination.total)}; the report has them all.</p>
                  )}
                </div>
              )}
              <div className="flex justify-end gap-2">
                {ended && (
                  <button type="button" className="btn-secondary" onClick={reset}>
                    Import another file
                  </button>
                )}
                <button type="button" className="btn-primary" onClick={onClose}>
                  {ended ? "Close" : "Close (the import carries on)"}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
