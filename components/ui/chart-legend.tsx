import { formatCount } from "@/lib/format";

/** One bar, slice or series of a chart: what it is called, its figure and its colour. */
export type ChartEntry = { key: string; label: string; value: number; fill: string };

/**
 * The list beside a chart, carrying the same figures as text: the chart itself is hidden from
 * screen readers, so this list is what they read.
 */
export function ChartLegend<E extends ChartEntry>({
  label,
  entries,
  className,
  detail,
}: {
  label: string;
  entries: E[];
  className: string;
  /** More about an entry after its figure (its share of the total). */
  detail?: (entry: E) => React.ReactNode;
}) {
  return (
    <ul aria-label={label} className={className}>
      {entries.map((e) => (
        <li key={e.key} className="flex items-center gap-2">
          <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: e.fill }} />
          <span className="flex-1 text-slate-600 dark:text-slate-300">{e.label}</span>
          <span className="font-medium tabular-nums">{formatCount(e.value)}</span>
          {detail?.(e)}
        </li>
      ))}
    </ul>
  );
}

/** recharts' tooltip content: the hovered entry's label and figure in a small card. */
export function ChartTooltip<E extends ChartEntry>({
  active,
  payload,
  detail,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: E }>;
  detail?: (entry: E) => React.ReactNode;
}) {
  const entry = payload?.[0]?.payload;
  if (!active || !entry) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <span className="font-medium">{entry.label}</span>: {formatCount(entry.value)}
      {detail?.(entry)}
    </div>
  );
}

/** One line or bar series of a chart over time: its data key, name and colour. */
export type ChartSeries = { key: string; label: string; fill: string };

/** recharts' tooltip for charts with several series: the hovered point's label, then each series' figure. */
export function ChartSeriesTooltip({
  active,
  label,
  payload,
  format = formatCount,
}: {
  active?: boolean;
  label?: React.ReactNode;
  payload?: ReadonlyArray<{ name?: React.ReactNode; value?: unknown; color?: string }>;
  format?: (value: number) => string;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <p className="mb-0.5 font-medium">{label}</p>
      {payload.map((p, i) => (
        <p key={i} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-2 w-2 rounded-sm" style={{ backgroundColor: p.color }} />
          {p.name}: <span className="tabular-nums">{format(Number(p.value ?? 0))}</span>
        </p>
      ))}
    </div>
  );
}

/** The key under a chart with several series (the table beside it carries the figures as text). */
export function ChartSeriesKey({ series }: { series: ChartSeries[] }) {
  return (
    <ul aria-hidden="true" className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span className="h-2 w-3 rounded-sm" style={{ backgroundColor: s.fill }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
