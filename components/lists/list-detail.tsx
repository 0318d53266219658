"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useDeleteList, useList, useListImports, useListLeads, useUpdateList } from "@/hooks/use-lists";
import { ApiClientError } from "@/lib/api-client";
import { formatCount, humanize } from "@/lib/format";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar } from "@/components/ui/progress-bar";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Badge, StatusBadge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toaster";
import { ImportDialog } from "./import-dialog";
import { ListForm } from "./list-form";

const SEARCH_DELAY_MS = 350;
/** The lead statuses (kept here so the browser bundle carries no database code). */
const LEAD_STATUSES = ["pending", "calling", "answered", "completed", "no_answer", "busy", "failed", "dnc"] as const;

/** One list: its counts, settings, leads (with every number) and imports. */
export function ListDetail({ id }: { id: number }) {
  const list = useList(id);
  const update = useUpdateList(id);
  const del = useDeleteList();
  const imports = useListImports(id);
  const toast = useToast();
  const statusId = useId();
  const searchId = useId();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<{ id: number; name: string } | null>(null);
  const [status, setStatus] = useState("");
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const leads = useListLeads(id, { status: status || undefined, search: search || undefined, page, perPage });
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const value = searchText.trim();
    if (value === search) return;
    const timer = setTimeout(() => {
      setSearch(value);
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  if (list.error instanceof ApiClientError && list.error.code === 404) {
    return <EmptyState title="This list does not exist" description={<Link href="/lists" className="underline">Back to the lists</Link>} />;
  }
  if (list.error && !list.data) return <ErrorState title="Could not load the list" error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data) return <TableSkeleton columns={4} rows={3} label="Loading the list" />;
  const l = list.data;
  const filtered = status !== "" || search !== "";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/lists" className="text-slate-500 hover:underline">
              Lists
            </Link>
          </p>
          <h1 ref={headingRef} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
            {l.name} {l.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>}
          </h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Dialed by{" "}
            <Link href={`/campaigns/${l.campaign_id}`} className="underline">
              {l.campaign_name}
            </Link>{" "}
            ({l.campaign_status}){l.is_default ? " — the campaign's default list" : ""}
            {l.description ? ` · ${l.description}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-primary" onClick={() => setImporting(true)}>
            Import CSV
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={update.isPending}
            onClick={() =>
              update.mutate(
                { active: l.active ? 0 : 1 },
                { onSuccess: (r) => toast("success", r.active ? "List activated: its campaign dials it." : "List deactivated: no new calls from it."), onError: (e) => toast("error", e.message) },
              )
            }
          >
            {l.active ? "Deactivate" : "Activate"}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit
          </button>
          <button type="button" className="btn-danger" onClick={() => setDeleting({ id: l.id, name: l.name })}>
            Delete
          </button>
        </div>
      </div>

      {editing && (
        <section className="card p-4" aria-label="Edit list">
          <ListForm
            initial={l}
            submitLabel="Save"
            pendingLabel="Saving…"
            onCancel={() => setEditing(false)}
            onSubmit={async (input) => {
              await update.mutateAsync(input);
              setEditing(false);
              toast("success", "List saved.");
            }}
          />
        </section>
      )}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8">
        {(["total", "pending", "calling", "answered", "completed", "no_answer", "busy", "dnc"] as const).map((k) => (
          <div key={k} className="card p-3">
            <dt className="text-xs text-slate-500">{k === "total" ? "Leads" : humanize(k)}</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatCount(l.stats[k])}</dd>
          </div>
        ))}
      </dl>

      {imports.data && imports.data.length > 0 && (
        <section aria-labelledby="imports-heading" className="card">
          <h2 id="imports-heading" className="border-b border-slate-200 px-4 py-3 font-semibold dark:border-slate-800">
            Imports
          </h2>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {imports.data.slice(0, 5).map((j) => (
              <li key={j.id} className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-[1fr_2fr_auto] sm:items-center">
                <div>
                  <span className="font-medium">{j.file_name ?? `Import ${j.id}`}</span> <StatusBadge status={j.status} />
                  <div className="text-xs text-slate-500">
                    <DateTime value={j.created_at} />
                  </div>
                </div>
                <div>
                  <ProgressBar value={j.rows_done} max={j.total_rows ?? 0} label={`Progress of ${j.file_name ?? `import ${j.id}`}`} />
                  <p className="mt-1 text-xs text-slate-500">
                    {formatCount(j.rows_done)} / {j.total_rows === null ? "…" : formatCount(j.total_rows)} rows · {formatCount(j.inserted)} imported · {formatCount(j.duplicates)} duplicates · {formatCount(j.dnc)} DNC · {formatCount(j.errors)} errors
                  </p>
                </div>
                {j.errors + j.duplicates + j.dnc > 0 && j.status !== "running" && (
                  <a className="btn-secondary px-2 py-1 text-xs" href={`/api/imports/${j.id}/errors?format=csv`} download>
                    Report (CSV)
                  </a>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="leads-heading" className="card">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <h2 id="leads-heading" className="font-semibold">
            Leads
          </h2>
          <form role="search" aria-label="Filter leads" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor={statusId} className="label">
                Status
              </label>
              <select
                id={statusId}
                className="input w-auto"
                value={status}
                onChange={(e) => {
                  setStatus(e.target.value);
                  setPage(1);
                }}
              >
                <option value="">Any</option>
                {LEAD_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={searchId} className="label">
                Search
              </label>
              <input id={searchId} type="search" className="input w-56" maxLength={100} placeholder="Number or custom data" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </div>
          </form>
        </div>
        {leads.error && !leads.data ? (
          <div className="p-4">
            <ErrorState title="Could not load the leads" error={leads.error} onRetry={() => leads.refetch()} />
          </div>
        ) : leads.isPending ? (
          <TableSkeleton columns={6} rows={6} label="Loading leads" />
        ) : leads.data.pagination.total === 0 ? (
          <div className="p-4">
            <EmptyState
              compact
              title={filtered ? "No leads match these filters" : "No leads in this list yet"}
              description={filtered ? "Choose another status, or shorten the search." : "Import a CSV: a phone column, up to 7 more numbers, and any other columns as custom data."}
              action={
                !filtered && (
                  <button type="button" className="btn-primary" onClick={() => setImporting(true)}>
                    Import CSV
                  </button>
                )
              }
            />
          </div>
        ) : (
          <>
            <div className={`overflow-x-auto ${leads.isPlaceholderData ? "opacity-60" : ""}`}>
              <table className="data-table">
                <caption className="sr-only">Leads of {l.name}</caption>
                <thead className="bg-slate-50 dark:bg-slate-900/60">
                  <tr>
                    <th scope="col">Numbers (in dialing order)</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="text-right">Attempts</th>
                    <th scope="col">Location</th>
                    <th scope="col">Custom data</th>
                    <th scope="col">Last attempt</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {leads.data.rows.map((lead) => (
                    <tr key={lead.id}>
                      <td>
                        <ol className="space-y-0.5">
                          {lead.phones.map((p) => (
                            <li key={p.position} className="font-mono text-[13px]">
                              <span className={p.status === "dnc" ? "line-through text-slate-400" : p.position === lead.phone_position && lead.status === "pending" ? "font-semibold" : ""}>{p.phone_number}</span>
                              <span className="ml-1 font-sans text-xs text-slate-500">
                                {p.status === "dnc" ? "do not call" : `${p.attempts} att.${p.last_outcome ? ` · ${humanize(p.last_outcome)}` : ""}`}
                              </span>
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td>
                        <StatusBadge status={lead.status} />
                      </td>
                      <td className="text-right tabular-nums">{lead.attempts}</td>
                      <td className="text-xs text-slate-600 dark:text-slate-300">{[lead.timezone, lead.state, lead.zip].filter(Boolean).join(" · ") || "—"}</td>
                      <td className="max-w-72 truncate text-xs text-slate-600 dark:text-slate-300" title={lead.custom ? JSON.stringify(lead.custom) : undefined}>
                        {lead.custom ? Object.entries(lead.custom).map(([k, v]) => `${k}: ${String(v)}`).join(" · ") : "—"}
                      </td>
                      <td>{lead.last_attempt ? <DateTime value={lead.last_attempt} /> : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              pagination={leads.data.pagination}
              noun="leads"
              busy={leads.isPlaceholderData}
              onPageChange={setPage}
              onPerPageChange={(n) => {
                setPerPage(n);
                setPage(1);
              }}
            />
          </>
        )}
      </section>

      <ImportDialog listId={id} open={importing} onClose={() => setImporting(false)} />
      <MutationConfirmDialog
        item={deleting}
        mutation={del}
        variablesFor={(x) => x.id}
        title={(x) => `Delete the list ${x.name}?`}
        confirmLabel="Delete list"
        pendingLabel="Deleting…"
        successMessage={(x) => `List ${x.name} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={headingRef}
      >
        {() => <p>Its {formatCount(l.stats.total)} leads are deleted with it; their call records stay. Not possible while its campaign is running or paused.</p>}
      </MutationConfirmDialog>
    </div>
  );
}
