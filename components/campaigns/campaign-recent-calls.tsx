"use client";

import Link from "next/link";
import { useCdrRecords } from "@/hooks/use-cdr";
import type { Campaign } from "@/lib/api-types";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { CdrTable } from "@/components/cdr/cdr-table";

const RECENT = 10;

/** The campaign's latest calls, recordings playable in place; the full list is on Call records. */
export function CampaignRecentCalls({ campaign }: { campaign: Campaign }) {
  const campaignId = campaign.id;
  const records = useCdrRecords({ campaign_id: campaignId }, 1, RECENT);
  const total = records.data?.pagination.total ?? 0;
  return (
    <Panel
      title="Recent calls"
      tools={
        total > 0 && (
          <Link href={`/cdr?campaign_id=${campaignId}`} className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            All {total} call records
          </Link>
        )
      }
    >
      <CdrTable
        campaigns={[campaign]}
        query={records}
        skeletonRows={3}
        empty={<EmptyState compact title="No calls yet" description="Calls appear here as the dialer makes them, with their recordings when the campaign records calls." />}
      />
    </Panel>
  );
}
