"use client";

import { useRef, useState } from "react";
import { useCampaignNumbers, useDeleteNumber } from "@/hooks/use-campaigns";
import { useRowEditor } from "@/hooks/use-row-editor";
import { useTableFilter } from "@/hooks/use-table-filter";
import { useTableState } from "@/hooks/use-table-state";
import type { CampaignNumber, CampaignStats, NumberStatus } from "@/lib/api-types";
import { NUMBER_STATUSES } from "@/lib/api-types";
import { describeSkipReason } from "@/lib/campaign-rules";
import { formatCount, humanize } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/panel";
import { ACTION_BUTTON, EditRowButton, EMPTY_CELL, type Column } from "@/components/ui/resource-table";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { DeleteRowButton, DeleteRowDialog } from "@/components/ui/table-row-actions";
import { LeadPhonesRowForm } from "@/components/lists/lead-phones-form";
import { NumberStatusBadge, numberStatusLabel } from "./number-status";

/** Lead data arrives as a JSON string; shown as `key: value` pairs, name first. */
function describeData(data: string | null): string | null {
  if (!data) return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return data;
    const entries = Object.entries(parsed as Record<string, unknown>).sort(([a], [b]) => (a === "name" ? -1 : b === "name" ? 1 : 0));
    if (entries.length === 0) return null;
    return entries.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ");
  } catch {
    return data;
  }
}

/** Where the number is, for calling hours: shown on the skip reason it explains. */
function skipTitle(n: CampaignNumber): string | undefined {
  if (!n.skip_reason) return undefined;
  const where = [n.timezone, n.state, n.zip].filter(Boolean).join(" · ");
  return where ? `${describeSkipReason(n.skip_reason)} (${where})` : undefined;
}

const COLUMNS: Column<CampaignNumber>[] = [
  { header: "Phone number", className: "font-mono text-[13px]", cell: (n) => n.phone_number },
  { header: "Status", cell: (n) => <NumberStatusBadge status={n.status} /> },
  { header: "Attempts", align: "right", cell: (n) => n.attempts },
  { header: "Last attempt", cell: (n) => <DateTime value={n.last_attempt} empty="Never" /> },
  { header: "Next attempt", cell: (n) => <DateTime value={n.next_attempt_at} /> },
  { header: "Skip reason", className: "text-slate-600 dark:text-slate-300", title: skipTitle, cell: (n) => describeSkipReason(n.skip_reason) ?? EMPTY_CELL },
  { header: "Disposition", cell: (n) => (n.disposition ? <span className="font-mono text-[13px]">{n.disposition}</span> : EMPTY_CELL) },
  { header: "Data", className: "max-w-72 truncate text-slate-600 dark:text-slate-300", title: (n) => describeData(n.data) ?? undefined, cell: (n) => describeData(n.data) ?? EMPTY_CELL },
  { header: "Created", cell: (n) => <DateTime value={n.created_at} /> },
];
const NUMBERS_TABLE: TablePanelSpec<CampaignNumber> = {
  title: "Numbers",
  description: "The people this campaign calls, in the order they were added.",
  caption: "Numbers of this campaign",
  noun: "numbers",
  columns: COLUMNS,
  skeletonRows: 6,
};

const ON_CALL = "This number is on a call right now";

export function CampaignNumbers({ campaignId, stats }: { campaignId: number; stats: CampaignStats }) {
  const table = useTableState();
  const [status, setStatus] = useTableFilter<NumberStatus | undefined>(table, undefined);
  const query = useCampaignNumbers(campaignId, { status, page: table.page, perPage: table.perPage });
  const [deleting, setDeleting] = useState<CampaignNumber | null>(null);
  const editor = useRowEditor("edit-number");
  const deleteNumber = useDeleteNumber();
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <TablePanel
      spec={NUMBERS_TABLE}
      headingRef={headingRef}
      query={query}
      table={table}
      filters={
        <FilterSelect label="Status filter" value={status ?? ""} onChange={(v) => setStatus((v || undefined) as NumberStatus | undefined)}>
          <option value="">All statuses ({formatCount(stats.total)})</option>
          {NUMBER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {numberStatusLabel(s) ?? humanize(s)} ({formatCount(stats[s])})
            </option>
          ))}
        </FilterSelect>
      }
      empty={
        status ? (
          <EmptyState
            compact
            title={status === "dnc" ? "No numbers on the do-not-call list" : `No ${humanize(status).toLowerCase()} numbers`}
            description="Choose another status to see more."
          />
        ) : (
          <EmptyState
            compact
            title="This campaign has no numbers yet"
            description="Add a number, or paste a whole list, in Add numbers below. The campaign dials them once it is started."
          />
        )
      }
      expanded={(n) => editor.panel(n.id, () => <LeadPhonesRowForm lead={n} editor={editor} />)}
      rowActions={(n) => {
        const onCall = n.status === "calling" ? ON_CALL : undefined;
        return (
          <>
            <EditRowButton editor={editor} rowId={n.id} label={`Edit the numbers of ${n.phone_number}`} disabled={onCall !== undefined} title={onCall} />
            <DeleteRowButton label={`Delete ${n.phone_number}`} blockedBy={onCall} className={ACTION_BUTTON} onClick={() => setDeleting(n)} />
          </>
        );
      }}
    >
      <DeleteRowDialog row={deleting} what={(n) => n.phone_number} confirmLabel="Delete number" mutation={deleteNumber} onClose={() => setDeleting(null)} fallbackFocus={headingRef}>
        {() => <p>It is removed from this campaign and will not be called. Call records already made for it are kept.</p>}
      </DeleteRowDialog>
    </TablePanel>
  );
}
