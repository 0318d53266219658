"use client";

import { Pie, PieChart, Tooltip } from "recharts";
import type { CampaignStats, NumberStatus } from "@/lib/api-types";
import { NUMBER_STATUSES } from "@/lib/api-types";
import { formatCount, humanize, percent } from "@/lib/format";
import { numberStatusFill, numberStatusLabel } from "./number-status";

type Slice = { status: NumberStatus; label: string; value: number; fill: string };

/** A donut of the campaign's numbers by status. The legend beside it carries the same figures as text. */
export function NumbersChart({ stats }: { stats: CampaignStats }) {
  const slices: Slice[] = NUMBER_STATUSES.map((status) => ({
    status,
    label: numberStatusLabel(status) ?? humanize(status),
    value: stats[status],
    fill: numberStatusFill(status),
  }));
  const total = stats.total;

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
        <PieChart width={208} height={208}>
          <Pie
            data={slices.filter((s) => s.value > 0)}
            dataKey="value"
            nameKey="label"
            innerRadius={62}
            outerRadius={96}
            paddingAngle={1}
            stroke="none"
            isAnimationActive={false}
          />
          <Tooltip content={<SliceTooltip total={total} />} />
        </PieChart>
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold tabular-nums">{formatCount(total)}</span>
          <span className="text-xs text-slate-500 dark:text-slate-400">numbers</span>
        </div>
      </div>
      <ul aria-label="Numbers by status" className="grid w-full grid-cols-1 gap-x-6 gap-y-1.5 text-sm">
        {slices.map((s) => (
          <li key={s.status} className="flex items-center gap-2">
            <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: s.fill }} />
            <span className="flex-1 text-slate-600 dark:text-slate-300">{s.label}</span>
            <span className="font-medium tabular-nums">{formatCount(s.value)}</span>
            <span className="w-10 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400">{percent(s.value, total)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SliceTooltip({ active, payload, total }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Slice }>; total: number }) {
  const slice = payload?.[0]?.payload;
  if (!active || !slice) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <span className="font-medium">{slice.label}</span>: {formatCount(slice.value)} ({percent(slice.value, total)}%)
    </div>
  );
}
