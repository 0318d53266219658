"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SummaryReport } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { reportCsvHref, useReport, type ReportFilters } from "@/hooks/use-reports";
import { ChartSeriesKey, ChartSeriesTooltip, type ChartSeries } from "@/components/ui/chart-legend";
import type { TableSpec } from "@/components/ui/resource-table";
import { StatCard, StatGrid } from "@/components/ui/stat-card";
import { AXIS_TICK, bucketTick, GRID, rateText, ReportSection, SeriesBars } from "./report-section";

type Row = SummaryReport["rows"][number];

const VOLUME: ChartSeries[] = [
  { key: "attempts", label: "Attempts", fill: "#94a3b8" },
  { key: "connects", label: "Connects", fill: "#10b981" },
];
const RATES: ChartSeries[] = [
  { key: "answer_rate", label: "Answer rate", fill: "#3b82f6" },
  { key: "abandon_rate_24h", label: "Abandon rate, 24 h", fill: "#f97316" },
  { key: "abandon_rate_30d", label: "Abandon rate, 30 d", fill: "#ef4444" },
];

const SPEC: TableSpec<Row> = {
  caption: "Attempts, connects and rates by period",
  noun: "periods",
  columns: [
    { header: "Period", cell: (r) => r.bucket, rowHeader: true, className: "whitespace-nowrap" },
    { header: "Attempts", cell: (r) => formatCount(r.attempts), align: "right" },
    { header: "Connects", cell: (r) => formatCount(r.connects), align: "right" },
    { header: "Answer rate", cell: (r) => rateText(r.answer_rate), align: "right" },
    { header: "Abandoned", cell: (r) => formatCount(r.abandoned), align: "right" },
    { header: "Abandon 24 h", cell: (r) => rateText(r.abandon_rate_24h), align: "right" },
    { header: "Abandon 30 d", cell: (r) => rateText(r.abandon_rate_30d), align: "right" },
  ],
};


export function SummaryReportSection({ filters }: { filters: ReportFilters }) {
  const q = useReport("summary", filters);
  const report = q.data;
  const group = report?.group ?? filters.group ?? "day";
  return (
    <>
      {report && (
        <StatGrid label="Totals for the range" className="grid-cols-2 sm:grid-cols-4">
          <StatCard label="Attempts" value={formatCount(report.totals.attempts)} />
          <StatCard label="Connects" value={formatCount(report.totals.connects)} hint={`${rateText(report.totals.answer_rate)} answer rate`} />
          <StatCard label="Abandon rate, 24 h" value={rateText(report.totals.abandon_rate_24h)} hint={`cap ${rateText(report.abandon_cap)}`} />
          <StatCard label="Abandon rate, 30 d" value={rateText(report.totals.abandon_rate_30d)} hint={`${formatCount(report.totals.abandoned)} abandoned in the range`} />
        </StatGrid>
      )}
      <ReportSection
        title={`Calls by ${group}`}
        description={report ? `${report.from} to ${report.to}, ${report.tz}` : undefined}
        csvHref={reportCsvHref("summary", filters)}
        query={{ ...q, rows: report?.rows }}
        spec={SPEC}
        rowKey={(r) => r.bucket}
        hasData={(rows) => rows.some((r) => r.attempts > 0 || r.abandon_rate_30d > 0)}
        emptyTitle="No calls in this range"
        chart={(rows) => (
          <div className="space-y-4">
            <SeriesBars rows={rows} xKey="bucket" series={VOLUME} tick={bucketTick} label="Attempts and connects by period" />
            <div role="img" aria-label={`Answer and abandon rates by period, with the abandonment cap at ${rateText(report?.abandon_cap ?? 0.03)}`} className="h-52 w-full">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
                  <CartesianGrid {...GRID} />
                  <XAxis dataKey="bucket" tick={AXIS_TICK} tickFormatter={bucketTick} minTickGap={16} />
                  <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} domain={[0, (max: number) => Math.max(0.05, max)]} />
                  <Tooltip content={<ChartSeriesTooltip format={rateText} />} />
                  <ReferenceLine
                    y={report?.abandon_cap ?? 0.03}
                    stroke="#ef4444"
                    strokeDasharray="6 3"
                    label={{ value: `cap ${rateText(report?.abandon_cap ?? 0.03)}`, position: "insideTopRight", fill: "#ef4444", fontSize: 11 }}
                  />
                  {RATES.map((s) => (
                    <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.fill} strokeWidth={2} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <ChartSeriesKey series={[...RATES, { key: "cap", label: "Abandonment cap", fill: "#ef4444" }]} />
          </div>
        )}
      />
    </>
  );
}
