"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartSeriesKey, ChartSeriesTooltip, type ChartSeries } from "@/components/ui/chart-legend";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { Panel } from "@/components/ui/panel";
import { ResourceTable, type TableSpec } from "@/components/ui/resource-table";
import { Skeleton } from "@/components/ui/skeleton";

/** What a report's query gives a section: its rows (once loaded), its state. */
export type SectionQuery<Row> = { rows: Row[] | undefined; isPending: boolean; isFetching: boolean; isPlaceholderData: boolean; error: unknown; refetch: () => unknown };

/**
 * One report: its chart with the same figures in a table beside it, and a CSV download of those
 * rows. Loading, error and empty states cover the chart and the table together.
 */
export function ReportSection<Row>({
  title,
  description,
  csvHref,
  query,
  spec,
  rowKey,
  chart,
  hasData = (rows) => rows.length > 0,
  emptyTitle,
  emptyDescription = "Try a wider date range or another campaign. Figures appear here as calls end.",
  extra,
}: {
  title: string;
  description?: string;
  /** Where the section's rows download as CSV; none: no download button. */
  csvHref?: string;
  query: SectionQuery<Row>;
  spec: TableSpec<Row>;
  rowKey: (row: Row) => React.Key;
  chart: (rows: Row[]) => React.ReactNode;
  /** Whether there is anything to chart (rows of zeros are nothing). */
  hasData?: (rows: Row[]) => boolean;
  emptyTitle: string;
  emptyDescription?: string;
  /** More under the chart and table (a second table, averages). */
  extra?: React.ReactNode;
}) {
  const { rows } = query;
  const download = csvHref && (
    <a className="btn-secondary px-2.5 py-1 text-xs" href={csvHref} download aria-label={`Download CSV: ${title}`}>
      Download CSV
    </a>
  );
  let body: React.ReactNode;
  if (query.error && !rows) {
    body = (
      <div className="p-4">
        <ErrorState title={`Could not load ${title.toLowerCase()}`} error={query.error} onRetry={() => query.refetch()} />
      </div>
    );
  } else if (!rows) {
    body = (
      <div role="status" aria-label={`Loading ${title.toLowerCase()}`} className="grid gap-4 p-4 lg:grid-cols-2">
        <Skeleton className="h-64" />
        <Skeleton className="h-64" />
      </div>
    );
  } else if (!hasData(rows)) {
    body = (
      <div className="p-4">
        <EmptyState compact title={emptyTitle} description={emptyDescription} />
      </div>
    );
  } else {
    body = (
      <>
        <div className={`grid gap-4 p-4 transition-opacity lg:grid-cols-2 ${query.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={query.isFetching || undefined}>
          <div className="min-w-0">{chart(rows)}</div>
          <div
            role="region"
            aria-label={`${spec.caption} (scrolls)`}
            tabIndex={0}
            className="max-h-80 min-w-0 overflow-y-auto rounded-md border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-800"
          >
            <ResourceTable spec={spec} rows={rows} rowKey={rowKey} empty={null} />
          </div>
        </div>
        {extra}
      </>
    );
  }
  return (
    <Panel title={title} description={description} tools={download}>
      {body}
    </Panel>
  );
}

/** Axis and grid colours that read on the light and the dark theme alike. */
export const AXIS_TICK = { fontSize: 11, fill: "#64748b" };
export const GRID = { strokeDasharray: "3 3", stroke: "#94a3b8", strokeOpacity: 0.3 };

export const rateText = (r: number) => `${(r * 100).toFixed(1)} %`;

/** The x axis leaves the year out of an hour or a day. */
export const bucketTick = (bucket: string) => bucket.slice(5);

/** Bars of counts, one group (or stack) per row, with the key under them. */
export function SeriesBars({
  rows,
  xKey,
  series,
  stacked = false,
  label,
  tick,
}: {
  rows: object[];
  /** The field each bar stands at (a period, a list name). */
  xKey: string;
  series: ChartSeries[];
  stacked?: boolean;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  tick?: (value: string) => string;
}) {
  return (
    <div>
      <div role="img" aria-label={`${label} (the table beside it has the figures)`} className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid {...GRID} vertical={false} />
            <XAxis dataKey={xKey} tick={AXIS_TICK} tickFormatter={tick} minTickGap={16} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.12)" }} content={<ChartSeriesTooltip />} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? "stack" : undefined} fill={s.fill} isAnimationActive={false} radius={stacked ? undefined : [2, 2, 0, 0]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartSeriesKey series={series} />
    </div>
  );
}
