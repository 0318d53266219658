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
