"use client";

import type { DispositionsReport } from "@/lib/api-types";
import { formatCount, formatDuration, humanize } from "@/lib/format";
import { reportCsvHref, useReport, type ReportFilters } from "@/hooks/use-reports";
import type { ChartSeries } from "@/components/ui/chart-legend";
import type { TableSpec } from "@/components/ui/resource-table";
import { statusFill } from "@/components/ui/status-badge";
import { bucketTick, ReportSection, SeriesBars } from "./report-section";

type Row = DispositionsReport["rows"][number];

const DISPOSITIONS: ChartSeries[] = (["answered", "no_answer", "busy", "failed", "cancelled"] as const).map((d) => ({ key: d, label: humanize(d), fill: statusFill(d) }));
const AMD: ChartSeries[] = [
  { key: "amd_human", label: "AMD: person", fill: "#0ea5e9" },
  { key: "amd_machine", label: "AMD: machine", fill: "#8b5cf6" },
  { key: "amd_notsure", label: "AMD: not sure", fill: "#94a3b8" },
];

const count = (key: keyof Row, header: string) => ({ header, cell: (r: Row) => formatCount(r[key] as number), align: "right" as const });
const SPEC: TableSpec<Row> = {
  caption: "Call dispositions and AMD outcomes by period",
  noun: "periods",
  columns: [
    { header: "Period", cell: (r) => r.bucket, rowHeader: true, className: "whitespace-nowrap" },
    ...DISPOSITIONS.map((d) => count(d.key as keyof Row, d.label)),
    count("amd_human", "Person"),
    count("amd_machine", "Machine"),
    count("amd_notsure", "Not sure"),
  ],
};

export function DispositionsReportSection({ filters }: { filters: ReportFilters }) {
  const q = useReport("dispositions", filters);
  const report = q.data;
  const extra = report && (
    <div className="grid gap-4 border-t border-slate-200 p-4 text-sm sm:grid-cols-2 dark:border-slate-800">
      <dl className="space-y-1">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Answered calls</dt>
          <dd className="tabular-nums">{formatCount(report.averages.answered)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Average talk time</dt>
          <dd className="tabular-nums">{formatDuration(report.averages.talk_sec)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-500 dark:text-slate-400">Average call length (every attempt)</dt>
          <dd className="tabular-nums">{formatDuration(report.averages.duration_sec)}</dd>
        </div>
      </dl>
      <div>
        <h3 className="mb-1 text-sm font-medium">Agent and IVR dispositions</h3>
        {report.lead_dispositions.length === 0 ? (
          <p className="text-slate-500 dark:text-slate-400">None given in this range.</p>
        ) : (
          <ul aria-label="Agent and IVR dispositions" className="space-y-0.5">
            {report.lead_dispositions.map((d) => (
              <li key={d.disposition} className="flex justify-between gap-4">
                <span>{d.disposition}</span>
                <span className="tabular-nums">{formatCount(d.calls)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
  return (
    <ReportSection
      title="Dispositions and AMD"
      description="Every call attempt by how it ended, and what answering-machine detection said"
      csvHref={reportCsvHref("dispositions", filters)}
      query={{ ...q, rows: report?.rows }}
      spec={SPEC}
      rowKey={(r) => r.bucket}
      hasData={(rows) => rows.some((r) => DISPOSITIONS.some((d) => (r[d.key as keyof Row] as number) > 0))}
      emptyTitle="No calls in this range"
      extra={extra}
      chart={(rows) => (
        <div className="space-y-4">
          <SeriesBars rows={rows} xKey="bucket" series={DISPOSITIONS} stacked tick={bucketTick} label="Call dispositions by period, stacked" />
          {rows.some((r) => r.amd_human + r.amd_machine + r.amd_notsure > 0) && <SeriesBars rows={rows} xKey="bucket" series={AMD} stacked tick={bucketTick} label="AMD outcomes by period, stacked" />}
        </div>
      )}
    />
  );
}
