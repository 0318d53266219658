"use client";

import Link from "next/link";
import { useCampaign } from "@/hooks/use-campaigns";
import { canEditCampaign } from "@/lib/campaign-rules";
import { isNotFound } from "@/lib/form-errors";
import { ErrorState, Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { CampaignForm } from "./campaign-form";
import { CampaignNotFound } from "./campaign-not-found";
import { CampaignTrunks } from "./campaign-trunks";

export function EditCampaign({ id }: { id: number }) {
  const { data: campaign, isPending, error, refetch } = useCampaign(id);

  if (isNotFound(error)) return <CampaignNotFound />;
  if (isPending) {
    return (
      <div className="mx-auto max-w-4xl space-y-5" role="status" aria-label="Loading campaign">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-[36rem] w-full" />
      </div>
    );
  }
  if (!campaign) return <ErrorState title="Could not load the campaign" error={error} onRetry={() => refetch()} />;

  const editable = canEditCampaign(campaign.status);
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <div>
        <Link href={`/campaigns/${id}`} className="text-sm text-slate-500 hover:text-slate-700 dark:text-slate-400 dark:hover:text-slate-200">
          <span aria-hidden="true">←</span> {campaign.name}
        </Link>
        <div className="mt-1 flex items-center gap-3">
          <h1 className="text-xl font-semibold">Edit campaign</h1>
          <StatusBadge status={campaign.status} />
        </div>
      </div>
      {!editable && (
        <Notice tone="warning" title="This campaign is running">
          Its settings cannot change while it dials. Pause or stop it on the{" "}
          <Link href={`/campaigns/${id}`} className="font-medium underline">
            campaign page
          </Link>{" "}
          first; this form unlocks as soon as it is no longer running.
        </Notice>
      )}
      <CampaignForm key={campaign.id} campaign={campaign} disabled={!editable} />
      <CampaignTrunks campaignId={campaign.id} />
    </div>
  );
}
