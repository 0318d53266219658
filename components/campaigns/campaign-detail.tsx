"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCampaign, useDeleteCampaign } from "@/hooks/use-campaigns";
import { useQueues } from "@/hooks/use-queues";
import type { Campaign } from "@/lib/api-types";
import {
  DIAL_MODE_INFO,
  canDeleteCampaign,
  canEditCampaign,
  campaignProgress,
  describeDestination,
  describeRetryRules,
  describeSchedule,
  describeTrunk,
  describeWindow,
  formatRate,
  usesAgents,
} from "@/lib/campaign-rules";
import { formatCount, formatDelay, percent } from "@/lib/format";
import { errorMessage, isNotFound } from "@/lib/form-errors";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DateTime } from "@/components/ui/date-time";
import { DemoBadge } from "@/components/ui/demo-badge";
import { ErrorState } from "@/components/ui/notice";
import { CardSection, Panel } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { StatusBadge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toaster";
import { CampaignNumberForms } from "./campaign-number-forms";
import { CampaignActions } from "./campaign-actions";
import { CampaignCompliance } from "./campaign-compliance";
import { CampaignListenIn } from "./campaign-listen-in";
import { CampaignLivePanel } from "./campaign-live-panel";
import { CampaignRecentCalls } from "./campaign-recent-calls";
import { CampaignNotFound } from "./campaign-not-found";
import { CampaignNumbers } from "./campaign-numbers";
import { CampaignStatCards } from "./campaign-stats";
import { NumbersChart } from "./numbers-chart";

type Deletion = { phase: "idle" } | { phase: "pending"; snapshot: Campaign } | { phase: "done" };

export function CampaignDetail({ id }: { id: number }) {
  const [deletion, setDeletion] = useState<Deletion>({ phase: "idle" });
  const query = useCampaign(id, deletion.phase !== "done");
  const { isPending, error, refetch } = query;
  // While this page deletes the campaign, the live update of that deletion can drop the campaign
  // from the cache before the request returns; the snapshot keeps the page steady until then.
  const campaign = query.data ?? (deletion.phase === "pending" ? deletion.snapshot : undefined);

  if (deletion.phase === "done") {
    return (
      <p role="status" className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">
        Campaign deleted. Back to the campaign list…
      </p>
    );
  }
  // A 404 wins over cached data: somebody else deleted the campaign while it was open here.
  if (isNotFound(error) && deletion.phase === "idle") return <CampaignNotFound />;
  if (isPending && !campaign) return <CampaignDetailSkeleton />;
  if (!campaign) return <ErrorState title="Could not load the campaign" error={error} onRetry={() => refetch()} />;

  const { done, total } = campaignProgress(campaign.stats);
  return (
    <div className="space-y-6">
      <CampaignHeader
        campaign={campaign}
        onDeleteStart={() => setDeletion({ phase: "pending", snapshot: campaign })}
        onDeleteEnd={(deleted) => setDeletion(deleted ? { phase: "done" } : { phase: "idle" })}
      />

      <div className="card px-4 py-3">
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium">Progress</span>
          <span className="tabular-nums text-slate-600 dark:text-slate-400">
            {total === 0 ? "No numbers yet" : `${formatCount(done)} of ${formatCount(total)} numbers done · ${percent(done, total)}%`}
          </span>
        </div>
        <div className="mt-2">
          <ProgressBar value={done} max={total} label="Campaign progress" />
        </div>
      </div>

      {/* Keyed apart from CampaignNumbers (key = id): siblings sharing a key leave stale DOM behind. */}
      {(campaign.status === "running" || campaign.status === "paused") && (
        <>
          <CampaignLivePanel key={`live-${campaign.id}`} campaign={campaign} />
          <CampaignListenIn campaign={campaign} />
        </>
      )}

      <CampaignStatCards stats={campaign.stats} />

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <CardSection title="Numbers by status">
          <NumbersChart stats={campaign.stats} />
        </CardSection>
        <CampaignSettings campaign={campaign} />
      </div>

      <CampaignNumbers key={campaign.id} campaignId={campaign.id} stats={campaign.stats} />

      <CampaignRecentCalls key={`calls-${campaign.id}`} campaign={campaign} />

      <CampaignCompliance key={`compliance-${campaign.id}`} campaignId={campaign.id} />

      <Panel
        title="Add numbers"
        description={<>New numbers start as pending{campaign.status === "running" ? " and are dialed right away" : ""}. A number can be in a campaign only once.</>}
      >
        <div key={campaign.id} className="grid gap-8 p-4 lg:grid-cols-2">
          <CampaignNumberForms campaignId={campaign.id} />
        </div>
      </Panel>
    </div>
  );
}

function CampaignHeader({
  campaign,
  onDeleteStart,
  onDeleteEnd,
}: {
  campaign: Campaign;
  onDeleteStart: () => void;
  onDeleteEnd: (deleted: boolean) => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const remove = useDeleteCampaign();
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const deletable = canDeleteCampaign(campaign.status);
  const editable = canEditCampaign(campaign.status);

  return (
    <div>
      <Link href="/campaigns" className="text-sm text-slate-500 hover:text-slate-700 dark:text-slate-400 dark:hover:text-slate-200">
        <span aria-hidden="true">←</span> Campaigns
      </Link>
      <div className="mt-1 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold break-words">{campaign.name}</h1>
            <StatusBadge status={campaign.status} />
            {campaign.demo && <DemoBadge />}
          </div>
          {campaign.description && <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{campaign.description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <CampaignActions campaign={campaign} />
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" />
          <Link
            href={`/campaigns/${campaign.id}/edit`}
            className="btn-secondary"
            title={editable ? undefined : "A running campaign cannot be edited: pause or stop it first"}
          >
            Edit
          </Link>
          <button
            type="button"
            className="btn-secondary text-red-700 dark:text-red-400"
            disabled={!deletable}
            title={deletable ? undefined : `A ${campaign.status} campaign cannot be deleted: stop it first`}
            onClick={() => {
              setDeleteError(null);
              setConfirming(true);
            }}
          >
            Delete
          </button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${campaign.name}?`}
        confirmLabel="Delete campaign"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={deleteError}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          onDeleteStart();
          remove.mutate(campaign.id, {
            onSuccess: () => {
              onDeleteEnd(true);
              toast("success", `${campaign.name} deleted.`);
              router.replace("/campaigns");
            },
            onError: (err) => {
              onDeleteEnd(false);
              setDeleteError(errorMessage(err));
            },
          });
        }}
      >
        <p>
          The campaign and its {formatCount(campaign.stats.total)} {campaign.stats.total === 1 ? "number" : "numbers"} are deleted for good.
          Call records it made are kept.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function CampaignSettings({ campaign: c }: { campaign: Campaign }) {
  const queues = useQueues(c.queue_id !== null);
  const queue = c.queue_id === null ? null : queues.data?.find((q) => q.id === c.queue_id);
  const muted = (text: string) => <span className="text-slate-500 dark:text-slate-400">{text}</span>;
  const lines = (items: string[], key: string) => (
    <ul key={key} className="space-y-0.5">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
  const schedule = describeSchedule(c.schedule);
  const retryRules = describeRetryRules(c.retry_rules);
  const agentMode = usesAgents(c.dial_mode);
  const rows: [string, React.ReactNode][] = [
    ["Trunk", <span key="t" className="font-mono text-[13px] break-all">{describeTrunk(c)}</span>],
    ["Caller ID", c.callerid ?? muted("Trunk default")],
    ["Destination", describeDestination(c)],
    ["Dial mode", DIAL_MODE_INFO[c.dial_mode].label],
    ["Ring timeout", `${c.dial_timeout} s`],
    ["Concurrent calls (agentless cap)", agentMode ? <span key="cc">{c.concurrent_calls} {muted("(not used)")}</span> : c.concurrent_calls],
    ["Calls per minute", c.frequency === null ? muted("No limit") : `${c.frequency} a minute`],
    ["Max call duration", c.call_max_duration === 0 ? muted("No limit") : `${c.call_max_duration} s, then hung up`],
    ...(agentMode
      ? ([
          [
            "Queue",
            c.queue_id === null ? (
              muted("None: the campaign's own agents, longest idle first")
            ) : (
              <Link key="q" href="/queues" className="text-brand-700 hover:underline dark:text-brand-100">
                {queue ? `${queue.name} (${queue.strategy})` : `#${c.queue_id}`}
              </Link>
            ),
          ],
          ["Wrap-up", c.queue_id === null ? `${c.wrapup_sec} s` : queue ? `${queue.wrap_up_sec} s (the queue's)` : `the queue's`],
          ["If the agent's phone drops", c.agent_drop_action === "requeue" ? "Queue for the next agent" : "Abandon message, hang up"],
          ...(c.dial_mode === "preview"
            ? ([["Preview time limit", c.preview_timeout_sec === 0 ? "None: the agent decides" : `${c.preview_timeout_sec} s, then ${c.preview_timeout_action === "dial" ? "dialed" : "skipped"}`]] as [string, React.ReactNode][])
            : []),
        ] as [string, React.ReactNode][])
      : []),
    [
      "Answering machines",
      !c.amd_enabled
        ? "Not detected"
        : c.machine_action === "message"
          ? <span key="amd">Detected: play <span className="font-mono text-[13px]">{c.machine_message ?? "(no message set)"}</span></span>
          : "Detected: hang up",
    ],
    ["Abandon cap", formatRate(c.abandon_cap)],
    ["Abandon message", <span key="am" className="font-mono text-[13px] break-all">{c.abandon_message}</span>],
    ["Time zone", c.timezone],
    ["Calling hours", `${describeWindow(c.calling_hours_start, c.calling_hours_end)}, each person's local time`],
    ["Schedule", schedule.length ? lines(schedule, "s") : muted("None: dials whenever running")],
    ["Retries", c.retry_times === 0 ? "None: each number is called once" : `${c.retry_times}, ${formatDelay(c.retry_delay)} apart`],
    ["Retry rules", retryRules.length ? lines(retryRules, "r") : muted("Default rule for every outcome")],
    ["Record calls", c.record_calls ? "Yes" : "No"],
    ["Created", <DateTime key="c" value={c.created_at} />],
    ["Last changed", <DateTime key="u" value={c.updated_at} empty="Never" />],
  ];
  return (
    <CardSection title="Settings">
      <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 py-1.5">
            <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
            <dd className="text-right">{value}</dd>
          </div>
        ))}
      </dl>
    </CardSection>
  );
}

function CampaignDetailSkeleton() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading campaign">
      <div className="space-y-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-7 w-72" />
      </div>
      <Skeleton className="h-16 w-full" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 12 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
