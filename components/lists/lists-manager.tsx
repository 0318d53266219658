"use client";

import Link from "next/link";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useCreateList, useLists } from "@/hooks/use-lists";
import { useTableFilter } from "@/hooks/use-table-filter";
import { useTableState } from "@/hooks/use-table-state";
import { formatCount } from "@/lib/format";
import type { LeadList } from "@/lib/list-types";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, Panel } from "@/components/ui/panel";
import type { Column } from "@/components/ui/resource-table";
import { CampaignOptions } from "@/components/ui/table-filters";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { useToast } from "@/components/ui/toaster";
import { ListForm } from "./list-form";

const COLUMNS: Column<LeadList>[] = [
  {
    header: "List",
    cell: (l) => (
      <>
        <Link href={`/lists/${l.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-400">
          {l.name}
        </Link>
        {l.is_default === 1 && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">default</span>}
      </>
    ),
  },
  {
    header: "Campaign",
    cell: (l) => (
      <Link href={`/campaigns/${l.campaign_id}`} className="hover:underline">
        {l.campaign_name}
      </Link>
    ),
  },
  { header: "Dialed", cell: (l) => (l.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>) },
  { header: "Leads", align: "right", cell: (l) => formatCount(l.stats.total) },
  { header: "Pending", align: "right", cell: (l) => formatCount(l.stats.pending + l.stats.calling) },
  { header: "Answered", align: "right", cell: (l) => formatCount(l.stats.answered + l.stats.completed) },
  { header: "DNC", align: "right", cell: (l) => formatCount(l.stats.dnc) },
];
const LISTS_TABLE: TablePanelSpec<LeadList> = { title: "All lists", caption: "Lists", noun: "lists", search: "Name or description", columns: COLUMNS };

/** The lists page: every list with its counts, a filter by campaign, and a form for a new one. */
export function ListsManager() {
  const campaigns = useCampaigns();
  const table = useTableState();
  const [campaignId, setCampaignId] = useTableFilter<number | undefined>(table, undefined);
  const query = useLists({ campaignId, search: table.search, page: table.page, perPage: table.perPage });
  const create = useCreateList();
  const toast = useToast();
  const filtered = campaignId !== undefined || table.search !== undefined;

  return (
    <div className="space-y-5">
      <TablePageHeader title="Lists">
        Leads, in lists. A campaign dials every active list it has; a lead may have up to 8 numbers, tried in order, each with its own attempts.
        Numbers added to a campaign directly go to its default list.
      </TablePageHeader>

      <TablePanel
        spec={LISTS_TABLE}
        query={query}
        table={table}
        filters={
          <FilterSelect label="Campaign" value={campaignId === undefined ? "" : String(campaignId)} onChange={(v) => setCampaignId(v ? Number(v) : undefined)}>
            <option value="">All campaigns</option>
            <CampaignOptions campaigns={campaigns.data} />
          </FilterSelect>
        }
        empty={
          <EmptyState
            compact
            title={filtered ? "No lists match these filters" : "No lists yet"}
            description={filtered ? "Choose another campaign, or shorten the search." : "Create a list below, then import a CSV of leads into it."}
          />
        }
      />

      <Panel title="New list">
        <div className="p-4">
          {campaigns.data?.length === 0 ? (
            <EmptyState compact title="No campaigns yet" description={<>A list belongs to a campaign. <Link href="/campaigns/new" className="underline">Create a campaign</Link> first.</>} />
          ) : (
            <ListForm
              submitLabel="Create list"
              pendingLabel="Creating…"
              onSubmit={async (input) => {
                const l = await create.mutateAsync(input);
                toast("success", `List ${l.name} created.`);
              }}
            />
          )}
        </div>
      </Panel>
    </div>
  );
}
