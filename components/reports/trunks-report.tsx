"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrunksReport } from "@/lib/api-types";
import { formatCount, formatDuration, humanize } from "@/lib/format";
import { reportCsvHref, useReport, type ReportFilters } from "@/hooks/use-reports";
import { ChartSeriesTooltip } from "@/components/ui/chart-legend";
import { EMPTY_CELL, ResourceTable, type TableSpec } from "@/components/ui/resource-table";
import { AXIS_TICK, GRID, rateText, ReportSection } from "./report-section";

type Row = TrunksReport["rows"][number];
type Cause = TrunksReport["causes"][number];

const trunkName = (r: { trunk: string; trunk_id: number | null }) => r.trunk || (r.trunk_id ? `#${r.trunk_id}` : "(none)");

const SPEC: TableSpec<Row> = {
  caption: "Attempts, ASR, ACD and post-dial delay per trunk",
  noun: "trunks",
  columns: [
    { header: "Trunk", cell: trunkName, rowHeader: true, sortValue: (r) => trunkName(r) },
    { header: "Attempts", cell: (r) => formatCount(r.attempts), align: "right", sortValue: (r) => r.attempts },
    { header: "Answered", cell: (r) => formatCount(r.answered), align: "right", sortValue: (r) => r.answered },
    { header: "ASR", cell: (r) => rateText(r.asr), align: "right", sortValue: (r) => r.asr },
    { header: "ACD", cell: (r) => formatDuration(r.acd_sec), align: "right", sortValue: (r) => r.acd_sec },
    { header: "Post-dial delay", cell: (r) => (r.pdd_ms === null ? EMPTY_CELL : `${(r.pdd_ms / 1000).toFixed(1)} s`), align: "right", sortValue: (r) => r.pdd_ms ?? -1 },
    { header: "Failures", cell: (r) => formatCount(r.failures), align: "right", sortValue: (r) => r.failures },
  ],
};

const CAUSES: TableSpec<Cause> = {
  caption: "Unanswered calls by trunk, SIP code and Q.850 cause",
  noun: "failure causes",
  columns: [
    { header: "Trunk", cell: trunkName, rowHeader: true },
    { header: "Outcome", cell: (r) => humanize(r.disposition) },
    { header: "SIP", cell: (r) => r.sip_code ?? EMPTY_CELL, align: "right" },
    { header: "Q.850", cell: (r) => (r.hangup_cause === null ? EMPTY_CELL : `${r.hangup_cause}${r.hangup_cause_text ? ` ${r.hangup_cause_text}` : ""}`) },
    { header: "Calls", cell: (r) => formatCount(r.calls), align: "right" },
  ],
};

export function TrunksReportSection({ filters }: { filters: ReportFilters }) {
  const q = useReport("trunks", filters);
  const causes = q.data?.causes;
  return (
    <ReportSection
      title="Trunks"
      description="Answer-seizure ratio (ASR), average call duration (ACD) and post-dial delay (originate to first ring) per trunk, and why calls failed"
      csvHref={reportCsvHref("trunks", filters)}
      query={{ ...q, rows: q.data?.rows }}
      spec={SPEC}
      rowKey={(r) => `${r.trunk_id}-${r.trunk}`}
      emptyTitle="No calls through any trunk in this range"
      extra={
        causes && causes.length > 0 ? (
          <div className="border-t border-slate-200 dark:border-slate-800">
            <h3 className="px-4 pt-3 text-sm font-medium">Failure causes</h3>
            <ResourceTable spec={CAUSES} rows={causes} rowKey={(r) => `${r.trunk_id}-${r.trunk}-${r.disposition}-${r.sip_code}-${r.hangup_cause}-${r.hangup_cause_text}`} empty={null} />
          </div>
        ) : null
      }
      chart={(rows) => (
        <div role="img" aria-label="ASR per trunk (the table beside it has the figures)" className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows.map((r) => ({ ...r, name: trunkName(r) }))} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid {...GRID} vertical={false} />
              <XAxis dataKey="name" tick={AXIS_TICK} interval={0} />
              <YAxis tick={AXIS_TICK} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} domain={[0, 1]} />
              <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.12)" }} content={<ChartSeriesTooltip format={rateText} />} />
              <Bar dataKey="asr" name="ASR" fill="#10b981" isAnimationActive={false} radius={[2, 2, 0, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    />
  );
}
