import type { CdrStats } from "@/lib/api-types";
import { formatCount, formatDuration, percent } from "@/lib/format";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat-card";

export function CdrSummary({
  stats,
  error,
}: {
  stats: CdrStats | undefined;
  error: unknown;
}) {
  if (error && !stats) {
    return <Notice tone="error" title="Could not load the summary">{error instanceof Error ? error.message : undefined}</Notice>;
  }
  if (!stats) {
    return (
      <div role="status" aria-label="Loading summary" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} className="h-[4.75rem]" />
        ))}
      </div>
    );
  }
  const share = (n: number) => (stats.total_calls > 0 ? `${percent(n, stats.total_calls)}% of calls` : undefined);
  return (
    <div className="space-y-2">
      <StatGrid label="Call summary" className="grid-cols-2 sm:grid-cols-4">
        <StatCard label="Total calls" value={formatCount(stats.total_calls)} />
        <StatCard label="Answered" status="answered" value={formatCount(stats.answered)} hint={share(stats.answered)} />
        <StatCard label="No answer" status="no_answer" value={formatCount(stats.no_answer)} hint={share(stats.no_answer)} />
        <StatCard label="Busy" status="busy" value={formatCount(stats.busy)} hint={share(stats.busy)} />
        <StatCard label="Failed" status="failed" value={formatCount(stats.failed)} hint={share(stats.failed)} />
        <StatCard label="Cancelled" status="cancelled" value={formatCount(stats.cancelled)} hint={share(stats.cancelled)} />
        <StatCard label="Average duration" value={formatDuration(stats.avg_duration)} hint={`${formatDuration(stats.total_duration)} in total`} />
        <StatCard label="Average billsec" value={formatDuration(stats.avg_billsec)} hint={`${formatDuration(stats.total_billsec)} talk time in total`} />
      </StatGrid>
    </div>
  );
}
