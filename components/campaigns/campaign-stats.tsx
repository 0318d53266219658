import type { CampaignStats } from "@/lib/api-types";
import { formatCount, percent } from "@/lib/format";
import { StatCard, StatGrid } from "@/components/ui/stat-card";

export function CampaignStatCards({ stats }: { stats: CampaignStats }) {
  const share = (n: number) => (stats.total > 0 ? `${percent(n, stats.total)}% of numbers` : undefined);
  return (
    <StatGrid label="Campaign statistics">
      <StatCard label="Total numbers" value={formatCount(stats.total)} />
      <StatCard label="Pending" status="pending" value={formatCount(stats.pending)} hint={share(stats.pending)} />
      <StatCard label="Calling" status="calling" value={formatCount(stats.calling)} hint="On a call right now" />
      <StatCard label="Answered" status="answered" value={formatCount(stats.answered)} hint={share(stats.answered)} />
      <StatCard label="Completed" status="completed" value={formatCount(stats.completed)} hint={share(stats.completed)} />
      <StatCard label="No answer" status="no_answer" value={formatCount(stats.no_answer)} hint={share(stats.no_answer)} />
      <StatCard label="Busy" status="busy" value={formatCount(stats.busy)} hint={share(stats.busy)} />
      <StatCard label="Failed" status="failed" value={formatCount(stats.failed)} hint={share(stats.failed)} />
      <StatCard label="Total calls" value={formatCount(stats.total_calls)} hint="Every attempt, retries included" />
      <StatCard
        label="Answered calls"
        value={formatCount(stats.answered_calls)}
        hint={stats.total_calls > 0 ? `${percent(stats.answered_calls, stats.total_calls)}% answer rate` : undefined}
      />
    </StatGrid>
  );
}
