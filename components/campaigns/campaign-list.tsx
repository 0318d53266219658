"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCampaigns } from "@/hooks/use-campaigns";
import type { Campaign, CampaignStatus } from "@/lib/api-types";
import { CAMPAIGN_STATUSES, campaignProgress, describeDestination } from "@/lib/campaign-rules";
import { formatCount, humanize, percent } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { DemoBadge } from "@/components/ui/demo-badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { DemoPanel } from "@/components/demo/demo-panel";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { CampaignActions } from "./campaign-actions";

const COUNT_COLUMNS = [
  { key: "pending", label: "Pending" },
  { key: "answered", label: "Answered" },
  { key: "busy", label: "Busy" },
  { key: "no_answer", label: "No answer" },
  { key: "failed", label: "Failed" },
] as const;

const COLUMNS: Column<Campaign>[] = [
  {
    header: "Campaign",
    className: "max-w-64",
    sortValue: (c) => c.name.toLowerCase(),
    cell: (c) => (
      <>
        <div className="flex items-center gap-2">
          <Link href={`/campaigns/${c.id}`} className="block truncate font-medium text-brand-700 hover:underline dark:text-brand-100">
            {c.name}
          </Link>
          {c.demo && <DemoBadge />}
        </div>
        {c.description && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{c.description}</p>}
      </>
    ),
  },
  { header: "Status", sortValue: (c) => c.status, cell: (c) => <StatusBadge status={c.status} /> },
  { header: "Destination", className: "text-slate-600 dark:text-slate-300", cell: describeDestination },
  { header: "Max calls", align: "right", sortValue: (c) => c.concurrent_calls, cell: (c) => c.concurrent_calls },
  {
    header: "Progress",
    className: "min-w-44",
    sortValue: (c) => {
      const { done, total } = campaignProgress(c.stats);
      return total === 0 ? null : done / total;
    },
    cell: (c) => {
      const { done, total } = campaignProgress(c.stats);
      return (
        <>
          <ProgressBar value={done} max={total} label={`Progress of ${c.name}`} />
          <p className="mt-1 text-xs tabular-nums text-slate-500 dark:text-slate-400">
            {total === 0 ? "No numbers" : `${formatCount(done)} of ${formatCount(total)} done · ${percent(done, total)}%`}
          </p>
        </>
      );
    },
  },
  ...COUNT_COLUMNS.map(
    (col): Column<Campaign> => ({
      header: col.label,
      align: "right",
      sortValue: (c) => c.stats[col.key],
      cell: (c) => <span className={c.stats[col.key] === 0 ? "text-slate-500 dark:text-slate-400" : undefined}>{formatCount(c.stats[col.key])}</span>,
    }),
  ),
];

const CAMPAIGNS_TABLE: TableSpec<Campaign> = { caption: "Campaigns", noun: "campaigns", columns: COLUMNS, skeletonRows: 4 };

function parseStatus(value: string | null): CampaignStatus | undefined {
  return CAMPAIGN_STATUSES.find((s) => s === value);
}

/**
 * Every campaign is loaded once and filtered here, so the tabs can show how many campaigns each
 * status has and switching tabs is instant. The tab lives in the URL (?status=) to survive reloads.
 */
export function CampaignList() {
  const pathname = usePathname();
  const status = parseStatus(useSearchParams().get("status"));
  const query = useCampaigns();
  const campaigns = query.data;

  function selectStatus(next: CampaignStatus | undefined) {
    window.history.replaceState(null, "", next ? `${pathname}?status=${next}` : pathname);
  }

  const shown = campaigns?.filter((c) => !status || c.status === status) ?? [];

  return (
    <div className="space-y-5">
      <TablePageHeader
        title="Campaigns"
        actions={
          <Link href="/campaigns/new" className="btn-primary">
            New campaign
          </Link>
        }
      >
        Outbound lists, their progress and their dialing state. Updates live.
      </TablePageHeader>

      <DemoPanel />

      <div role="group" aria-label="Filter campaigns by status" className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {[undefined, ...CAMPAIGN_STATUSES].map((s) => {
          const selected = s === status;
          const count = campaigns ? campaigns.filter((c) => !s || c.status === s).length : null;
          return (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={selected}
              onClick={() => selectStatus(s)}
              className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${
                selected
                  ? "border-brand-600 text-brand-700 dark:border-brand-500 dark:text-white"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-800 dark:text-slate-300 dark:hover:border-slate-600 dark:hover:text-slate-100"
              }`}
            >
              {s ? humanize(s) : "All"}
              {count !== null && (
                <span
                  className={`rounded-full px-1.5 text-xs tabular-nums ${
                    selected ? "bg-brand-100 text-brand-700 dark:bg-slate-700 dark:text-white" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                  }`}
                >
                  {count}
                </span>
              )}
            </button>
          );
        })}
      </div>

      <div className="card">
        <ResourceTable
          spec={CAMPAIGNS_TABLE}
          query={query}
          rows={campaigns && shown}
          empty={
            campaigns?.length === 0 ? (
              <EmptyState
                title="No campaigns yet"
                description="A campaign dials a list of numbers through a trunk and connects the answered calls to an extension, an IVR menu or a custom destination."
                action={
                  <Link href="/campaigns/new" className="btn-primary">
                    New campaign
                  </Link>
                }
              />
            ) : (
              <EmptyState
                compact
                title={`No ${status} campaigns`}
                action={
                  <button type="button" className="btn-secondary" onClick={() => selectStatus(undefined)}>
                    Show all campaigns
                  </button>
                }
              />
            )
          }
          rowActions={(c) => <CampaignActions campaign={c} inTable />}
        />
      </div>
    </div>
  );
}
