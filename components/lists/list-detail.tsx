"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { useDeleteList, useList, useListImports, useListLeads, useUpdateList } from "@/hooks/use-lists";
import { useRowEditor } from "@/hooks/use-row-editor";
import { useTableFilter } from "@/hooks/use-table-filter";
import { useTableState } from "@/hooks/use-table-state";
import { ApiClientError } from "@/lib/api-client";
import { formatCount, humanize } from "@/lib/format";
import type { ListLead } from "@/lib/list-types";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { FilterSelect } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { EditRowButton, type Column } from "@/components/ui/resource-table";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Badge, StatusBadge } from "@/components/ui/status-badge";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { useToast } from "@/components/ui/toaster";
import { ImportDialog } from "./import-dialog";
import { LeadPhonesRowForm } from "./lead-phones-form";
import { ListForm } from "./list-form";

/** The lead statuses (kept here so the browser bundle carries no database code). */
const LEAD_STATUSES = ["pending", "calling", "answered", "completed", "no_answer", "busy", "failed", "dnc"] as const;

const LEAD_COLUMNS: Column<ListLead>[] = [
  {
    header: "Numbers (in dialing order)",
    cell: (lead) => (
      <ol className="space-y-0.5">
        {lead.phones.map((p) => (
          <li key={p.position} className="font-mono text-[13px]">
            <span className={p.status === "dnc" ? "line-through text-slate-500 dark:text-slate-400" : p.position === lead.phone_position && lead.status === "pending" ? "font-semibold" : ""}>{p.phone_number}</span>
            <span className="ml-1 font-sans text-xs text-slate-500 dark:text-slate-400">
              {p.status === "dnc" ? "do not call" : `${p.attempts} att.${p.last_outcome ? ` · ${humanize(p.last_outcome)}` : ""}`}
            </span>
          </li>
        ))}
      </ol>
    ),
  },
  { header: "Status", cell: (lead) => <StatusBadge status={lead.status} /> },
  { header: "Attempts", align: "right", cell: (lead) => lead.attempts },
  { header: "Location", className: "text-xs text-slate-600 dark:text-slate-300", cell: (lead) => [lead.timezone, lead.state, lead.zip].filter(Boolean).join(" · ") || "—" },
  {
    header: "Custom data",
    className: "max-w-72 truncate text-xs text-slate-600 dark:text-slate-300",
    title: (lead) => (lead.custom ? JSON.stringify(lead.custom) : undefined),
    cell: (lead) => (lead.custom ? Object.entries(lead.custom).map(([k, v]) => `${k}: ${String(v)}`).join(" · ") : "—"),
  },
  { header: "Last attempt", cell: (lead) => (lead.last_attempt ? <DateTime value={lead.last_attempt} /> : "—") },
];

/** One list: its counts, settings, leads (with every number) and imports. */
export function ListDetail({ id }: { id: number }) {
  const list = useList(id);
  const update = useUpdateList(id);
  const del = useDeleteList();
  const imports = useListImports(id);
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<{ id: number; name: string } | null>(null);
  const leadEditor = useRowEditor("edit-lead");
  const table = useTableState();
  const [status, setStatus] = useTableFilter(table, "");
  const leads = useListLeads(id, { status: status || undefined, search: table.search, page: table.page, perPage: table.perPage });
  const headingRef = useRef<HTMLHeadingElement>(null);


  if (list.error instanceof ApiClientError && list.error.code === 404) {
    return <EmptyState title="This list does not exist" description={<Link href="/lists" className="underline">Back to the lists</Link>} />;
  }
  if (list.error && !list.data) return <ErrorState title="Could not load the list" error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data) return <TableSkeleton columns={4} rows={3} label="Loading the list" />;
  const l = list.data;
  const leadsTable: TablePanelSpec<ListLead> = { title: "Leads", caption: `Leads of ${l.name}`, noun: "leads", search: "Number or custom data", columns: LEAD_COLUMNS, skeletonRows: 6 };
  const filtered = status !== "" || table.search !== undefined;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/lists" className="text-slate-500 hover:underline dark:text-slate-400">
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
            <dt className="text-xs text-slate-500 dark:text-slate-400">{k === "total" ? "Leads" : humanize(k)}</dt>
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
                  <div className="text-xs text-slate-500 dark:text-slate-400">
                    <DateTime value={j.created_at} />
                  </div>
                </div>
                <div>
                  <ProgressBar value={j.rows_done} max={j.total_rows ?? 0} label={`Progress of ${j.file_name ?? `import ${j.id}`}`} />
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
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

      <TablePanel
        spec={leadsTable}
        query={leads}
        table={table}
        filters={
          <FilterSelect label="Status" value={status} onChange={setStatus}>
            <option value="">Any</option>
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </FilterSelect>
        }
        empty={
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
        }
        expanded={(lead) => leadEditor.panel(lead.id, () => <LeadPhonesRowForm lead={lead} editor={leadEditor} />)}
        rowActions={(lead) => (
          <EditRowButton
            editor={leadEditor}
            rowId={lead.id}
            label={`Edit the numbers of ${lead.phone_number}`}
            disabled={lead.status === "calling"}
            title={lead.status === "calling" ? "This lead is on a call right now" : undefined}
          />
        )}
      />

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
