"use client";

import { useState } from "react";
import { complianceFrom, useCampaignCompliance } from "@/hooks/use-campaigns";
import type { CampaignCompliance as Compliance } from "@/lib/api-types";
import { formatRate } from "@/lib/campaign-rules";
import { formatCount } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { FilterSelect, Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat-card";

const PERIODS = [
  { days: 1, label: "Last 24 hours" },
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
] as const;

const SOURCE_LABELS: Record<string, string> = {
  lead: "the lead's time zone",
  state: "state",
  zip: "ZIP code",
  area_code: "area code",
  country: "country code",
  fallback: "campaign's zone (fallback)",
  none: "no evidence",
};

/**
 * The campaign's compliance over a period, as the evidence each attempt carries says (calls outside
 * the calling window, numbers dialed while on a do-not-call list, abandonment, connect within 2 s),
 * and the per-attempt ledger as a CSV download for an auditor.
 */
export function CampaignCompliance({ campaignId }: { campaignId: number }) {
  const [days, setDays] = useState<number>(30);
  const query = useCampaignCompliance(campaignId, days);
  const ledgerHref = `/api/campaigns/${campaignId}/compliance/ledger.csv?from=${encodeURIComponent(complianceFrom(days))}`;
  return (
    <Panel
      title="Compliance"
      description="Judged from the decision recorded with each call: the called person's time zone and local time, the calling window, the do-not-call lists checked."
      tools={
        <div className="flex flex-wrap items-end gap-2">
          <FilterSelect label="Period" value={String(days)} onChange={(v) => setDays(Number(v))}>
            {PERIODS.map((p) => (
              <option key={p.days} value={p.days}>
                {p.label}
              </option>
            ))}
          </FilterSelect>
          {/* A plain download: the browser streams the ledger to disk, however long it is. */}
          <a className="btn-secondary" href={ledgerHref} download>
            Download ledger (CSV)
          </a>
        </div>
      }
    >
      <div className="p-4">
        {query.isPending ? (
          <div role="status" aria-label="Loading compliance" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-20" />
            ))}
          </div>
        ) : query.error ? (
          <ErrorState title="Could not load the compliance summary" error={query.error} onRetry={() => query.refetch()} />
        ) : query.data.attempts === 0 ? (
          <EmptyState compact title="No calls in this period" description="Each call the dialer places records why it was allowed; the figures appear here once it has dialed." />
        ) : (
          <ComplianceFigures c={query.data} />
        )}
      </div>
    </Panel>
  );
}

function ComplianceFigures({ c }: { c: Compliance }) {
  const a = c.abandonment;
  const sources = Object.entries(c.zone_sources)
    .sort(([, x], [, y]) => y - x)
    .map(([source, n]) => `${formatCount(n)} by ${SOURCE_LABELS[source] ?? source}`)
    .join(" · ");
  const flag = (n: number) => (n === 0 ? "None" : <span className="text-red-700 dark:text-red-300">{formatCount(n)}</span>);
  return (
    <div className="space-y-3">
      <StatGrid label="Compliance summary" className="grid-cols-2 sm:grid-cols-3 lg:grid-cols-6">
        <StatCard label="Calls placed" value={formatCount(c.attempts)} hint={c.with_evidence < c.attempts ? `${formatCount(c.attempts - c.with_evidence)} without evidence (placed before it was kept)` : "Each with its evidence"} />
        <StatCard label="Outside calling hours" value={flag(c.outside_window)} hint="Local time at dial vs the window" />
        <StatCard label="Dialed while on DNC" value={flag(c.dnc_dialed)} hint="Listed when the call was allowed" />
        <StatCard label="Abandon rate, 24 h" value={formatRate(a.window_24h.rate)} hint={`Cap ${formatRate(a.cap)} · ${formatCount(a.window_24h.abandoned)} of ${formatCount(a.window_24h.live_answers)}`} />
        <StatCard label="Abandon rate, 30 d" value={formatRate(a.window_30d.rate)} hint={`Cap ${formatRate(a.cap)} · ${formatCount(a.window_30d.abandoned)} of ${formatCount(a.window_30d.live_answers)}`} />
        <StatCard
          label="Connected within 2 s"
          value={c.connect.rate === null ? "—" : formatRate(c.connect.rate)}
          hint={c.connect.applies ? `${formatCount(c.connect.within_2s)} of ${formatCount(c.connect.human_answers)} people who answered` : "No agents: calls go straight to their destination"}
        />
      </StatGrid>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <span className="font-medium">Time zones told from:</span> {sources}
      </p>
    </div>
  );
}
