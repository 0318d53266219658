"use client";

import { useEffect, useRef, useState } from "react";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useDeleteDncNumber, useDncNumbers, type DncScope } from "@/hooks/use-dnc";
import { useTableFilter } from "@/hooks/use-table-filter";
import { useTableState } from "@/hooks/use-table-state";
import type { DncEntry } from "@/lib/api-types";
import { humanize } from "@/lib/format";
import { Badge } from "@/components/ui/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { FilterSelect, Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, EMPTY_CELL, type Column } from "@/components/ui/resource-table";
import { CampaignOptions, ClearFiltersButton } from "@/components/ui/table-filters";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { listLabel } from "./dnc-list-select";
import { DncNumberForms } from "./dnc-number-forms";

const scopeValue = (scope: DncScope) => (scope === undefined ? "" : String(scope));
const parseScope = (value: string): DncScope => (value === "" ? undefined : value === "global" ? "global" : Number(value));
const scopeName = (n: DncEntry) => (n.campaign_id === null ? "the system-wide list" : `the list of ${listLabel(n.campaign_id, n.campaign_name)}`);

const COLUMNS: Column<DncEntry>[] = [
  { header: "Number", className: "font-mono text-[13px]", cell: (n) => n.phone_number },
  { header: "Scope", cell: (n) => (n.campaign_id === null ? <Badge tone="red">All campaigns</Badge> : <span>{listLabel(n.campaign_id, n.campaign_name)}</span>) },
  { header: "Source", className: "text-slate-600 dark:text-slate-300", cell: (n) => humanize(n.source) },
  { header: "Note", className: "max-w-72 truncate text-slate-600 dark:text-slate-300", title: (n) => n.note ?? undefined, cell: (n) => n.note ?? EMPTY_CELL },
  { header: "Added at", cell: (n) => <DateTime value={n.created_at} /> },
];

const DNC_TABLE: TablePanelSpec<DncEntry> = {
  title: "Listed numbers",
  description: "Newest first.",
  caption: "Do-not-call numbers",
  noun: "numbers",
  search: "Number or note",
  filterLabel: "Filter do-not-call numbers",
  columns: COLUMNS,
  skeletonRows: 6,
};

export function DncManager() {
  const campaigns = useCampaigns();
  const table = useTableState();
  const [scope, setScope] = useTableFilter<DncScope>(table, undefined);
  const query = useDncNumbers({ scope, search: table.search, page: table.page, perPage: table.perPage });
  const [deleting, setDeleting] = useState<DncEntry | null>(null);
  const deleteEntry = useDeleteDncNumber();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filtered = scope !== undefined || table.search !== undefined;

  // A campaign deleted meanwhile cannot be filtered on (the API answers 400): show every list again.
  const campaignGone = typeof scope === "number" && campaigns.data !== undefined && !campaigns.data.some((c) => c.id === scope);
  useEffect(() => {
    if (campaignGone) setScope(undefined);
  }, [campaignGone]);

  function clearFilters() {
    setScope(undefined);
    table.clearSearch();
  }

  // The forms start on the list being looked at; each keeps its own choice afterwards.
  const defaultList = typeof scope === "number" ? scope : "global";

  return (
    <div className="space-y-5">
      <TablePageHeader title="Do not call">
        Numbers the dialer never calls. A number on the system-wide list is skipped by every campaign; a number on a campaign&apos;s list only by
        that campaign.
      </TablePageHeader>

      <TablePanel
        spec={DNC_TABLE}
        headingRef={headingRef}
        query={query}
        table={table}
        filters={
          <FilterSelect label="List" value={scopeValue(scope)} onChange={(v) => setScope(parseScope(v))}>
            <option value="">All lists</option>
            <option value="global">System-wide only</option>
            <CampaignOptions campaigns={campaigns.data} />
          </FilterSelect>
        }
        filterActions={<ClearFiltersButton disabled={!filtered && table.searchText === ""} onClick={clearFilters} />}
        empty={
          filtered ? (
            <EmptyState compact title="No numbers match these filters" description="Choose another list, or shorten the search." action={<ClearFiltersButton onClick={clearFilters} />} />
          ) : (
            <EmptyState
              compact
              title="No numbers on the do-not-call lists yet"
              description="Add a number, or paste a whole list, in Add numbers below. Campaigns skip listed numbers when they dial."
            />
          )
        }
        rowActions={(n) => (
          <button type="button" className={ACTION_BUTTON} aria-label={`Remove ${n.phone_number} from ${scopeName(n)}`} onClick={() => setDeleting(n)}>
            Delete
          </button>
        )}
      >
        <MutationConfirmDialog
          item={deleting}
          mutation={deleteEntry}
          variablesFor={(n) => n.id}
          title={(n) => `Remove ${n.phone_number} from the do-not-call list?`}
          confirmLabel="Remove number"
          pendingLabel="Removing…"
          successMessage={(n) => `${n.phone_number} removed from the do-not-call list.`}
          onClose={() => setDeleting(null)}
          fallbackFocus={headingRef}
        >
          {(n) =>
            n.campaign_id === null ? (
              <p>Every campaign may call this number again, unless it is also on a campaign&apos;s own list.</p>
            ) : (
              <p>
                {listLabel(n.campaign_id, n.campaign_name)} may call this number again, unless it is also on the system-wide list.
              </p>
            )
          }
        </MutationConfirmDialog>
      </TablePanel>

      <Panel title="Add numbers" description="Add to the system-wide list to stop every campaign calling a number, or to one campaign's list.">
        <div className="grid gap-8 p-4 lg:grid-cols-2">
          <DncNumberForms campaigns={campaigns.data} defaultList={defaultList} />
        </div>
      </Panel>
    </div>
  );
}
