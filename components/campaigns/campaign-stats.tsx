import type { CampaignStats } from "@/lib/api-types";
import { formatCount, percent } from "@/lib/format";
import { formatRate } from "@/lib/campaign-rules";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { DNC_FILL } from "./number-status";

export function CampaignStatCards({ stats }: { stats: CampaignStats }) {
  const share = (n: number) => (stats.total > 0 ? `${percent(n, stats.total)}% of numbers` : undefined);
  return (
    <StatGrid label="Campaign statistics" className="grid-cols-2 sm:grid-cols-3 lg:grid-cols-6">
      <StatCard label="Total numbers" value={formatCount(stats.total)} />
      <StatCard label="Pending" status="pending" value={formatCount(stats.pending)} hint={share(stats.pending)} />
      <StatCard label="Calling" status="calling" value={formatCount(stats.calling)} hint="On a call right now" />
      <StatCard label="Answered" status="answered" value={formatCount(stats.answered)} hint={share(stats.answered)} />
      <StatCard label="Completed" status="completed" value={formatCount(stats.completed)} hint={share(stats.completed)} />
      <StatCard label="No answer" status="no_answer" value={formatCount(stats.no_answer)} hint={share(stats.no_answer)} />
      <StatCard label="Busy" status="busy" value={formatCount(stats.busy)} hint={share(stats.busy)} />
      <StatCard label="Failed" status="failed" value={formatCount(stats.failed)} hint={share(stats.failed)} />
      {/* StatCard's marker only knows call statuses' colours; DNC has its own (see number-status). */}
      <div className="card px-4 py-3">
        <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500 dark:text-slate-400">
          <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ backgroundColor: DNC_FILL }} />
          Do not call
        </dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{formatCount(stats.dnc)}</dd>
        <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">On the DNC list: never dialed</dd>
      </div>
      <StatCard label="Total calls" value={formatCount(stats.total_calls)} hint="Every attempt, retries included" />
      <StatCard
        label="Answered calls"
        value={formatCount(stats.answered_calls)}
        hint={stats.total_calls > 0 ? `${percent(stats.answered_calls, stats.total_calls)}% answer rate` : undefined}
      />
      <StatCard
        label="Abandoned calls"
        value={formatCount(stats.abandoned_calls)}
        hint={`${formatRate(stats.abandon_rate_24h)} in 24 h · ${formatRate(stats.abandon_rate_30d)} in 30 d`}
      />
    </StatGrid>
  );
}
