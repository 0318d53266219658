"use client";

import Link from "next/link";
import { useCdrRecords } from "@/hooks/use-cdr";
import type { Campaign } from "@/lib/api-types";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { TableSkeleton } from "@/components/ui/skeleton";
import { CdrTable } from "@/components/cdr/cdr-table";

const RECENT = 10;

/** The campaign's latest calls, recordings playable in place; the full list is on Call records. */
export function CampaignRecentCalls({ campaign }: { campaign: Campaign }) {
  const campaignId = campaign.id;
  const records = useCdrRecords({ campaign_id: campaignId }, 1, RECENT);
  const total = records.data?.pagination.total ?? 0;
  return (
    <section aria-labelledby="recent-calls-heading" className="card">
      <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="recent-calls-heading" className="font-semibold">
          Recent calls
        </h2>
        {total > 0 && (
          <Link href={`/cdr?campaign_id=${campaignId}`} className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            All {total} call records
          </Link>
        )}
      </div>
      {records.error && !records.data ? (
        <div className="p-4">
          <ErrorState title="Could not load the campaign's calls" error={records.error} onRetry={() => records.refetch()} />
        </div>
      ) : !records.data ? (
        <TableSkeleton columns={10} rows={3} label="Loading the campaign's calls" />
      ) : records.data.rows.length === 0 ? (
        <div className="p-4">
          <EmptyState compact title="No calls yet" description="Calls appear here as the dialer makes them, with their recordings when the campaign records calls." />
        </div>
      ) : (
        <CdrTable records={records.data.rows} campaigns={[campaign]} faded={records.isFetching && records.isPlaceholderData} />
      )}
    </section>
  );
}
