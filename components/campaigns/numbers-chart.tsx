"use client";

import { Pie, PieChart, Tooltip } from "recharts";
import type { CampaignStats } from "@/lib/api-types";
import { NUMBER_STATUSES } from "@/lib/api-types";
import { formatCount, humanize, percent } from "@/lib/format";
import { ChartLegend, ChartTooltip, type ChartEntry } from "@/components/ui/chart-legend";
import { numberStatusFill, numberStatusLabel } from "./number-status";

/** A donut of the campaign's numbers by status. The legend beside it carries the same figures as text. */
export function NumbersChart({ stats }: { stats: CampaignStats }) {
  const slices: ChartEntry[] = NUMBER_STATUSES.map((status) => ({
    key: status,
    label: numberStatusLabel(status) ?? humanize(status),
    value: stats[status],
    fill: numberStatusFill(status),
  }));
  const total = stats.total;
  const share = (s: ChartEntry) => percent(s.value, total);

  if (total === 0) {
    return (
      <div className="flex h-52 items-center justify-center rounded-md border border-dashed border-slate-300 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
        No numbers yet, so nothing to chart.
      </div>
    );
  }

  return (
    <div className="flex flex-col items-center gap-6 sm:flex-row">
      <div className="relative h-52 w-52 shrink-0" aria-hidden="true">
        <PieChart width={208} height={208} accessibilityLayer={false}>
          <Pie
            rootTabIndex={-1}
            data={slices.filter((s) => s.value > 0)}
            dataKey="value"
            nameKey="label"
            innerRadius={62}
            outerRadius={96}
            paddingAngle={1}
            stroke="none"
            isAnimationActive={false}
          />
          <Tooltip content={<ChartTooltip detail={(s) => ` (${share(s)}%)`} />} />
        </PieChart>
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold tabular-nums">{formatCount(total)}</span>
          <span className="text-xs text-slate-500 dark:text-slate-400">numbers</span>
        </div>
      </div>
      <ChartLegend
        label="Numbers by status"
        entries={slices}
        className="grid w-full grid-cols-1 gap-x-6 gap-y-1.5 text-sm"
        detail={(s) => <span className="w-10 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400">{share(s)}%</span>}
      />
    </div>
  );
}
