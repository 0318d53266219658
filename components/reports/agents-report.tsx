"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AgentsReport } from "@/lib/api-types";
import { formatCount, formatDuration } from "@/lib/format";
import { pauseReasonLabel } from "@/lib/pause-reasons";
import { reportCsvHref, useReport, type ReportFilters } from "@/hooks/use-reports";
import { ChartSeriesTooltip } from "@/components/ui/chart-legend";
import type { TableSpec } from "@/components/ui/resource-table";
import { AXIS_TICK, GRID, rateText, ReportSection } from "./report-section";

type Row = AgentsReport["rows"][number];

const dispositionsText = (d: Row["dispositions"]) =>
  Object.entries(d)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k === "none" ? "none given" : k} ${n}`)
    .join(", ");

/** Break time by reason code, longest first: "Lunch 30:00, Break 5:00". */
const breakReasonsText = (b: Row["break_by_reason"]) =>
  Object.entries(b)
    .filter(([, sec]) => sec > 0)
    .sort((x, y) => y[1] - x[1])
    .map(([reason, sec]) => `${pauseReasonLabel(reason) ?? reason} ${formatDuration(sec)}`)
    .join(", ");

const SPEC: TableSpec<Row> = {
  caption: "Calls, talk, wrap-up, idle and break time, occupancy and dispositions per agent (sortable)",
  noun: "agents",
  columns: [
    { header: "Agent", cell: (r) => r.agent, rowHeader: true, sortValue: (r) => r.agent.toLowerCase() },
    { header: "Calls", cell: (r) => formatCount(r.calls), align: "right", sortValue: (r) => r.calls },
    { header: "Talk", cell: (r) => formatDuration(r.talk_sec), align: "right", sortValue: (r) => r.talk_sec },
    { header: "Avg talk", cell: (r) => formatDuration(r.avg_talk_sec), align: "right", sortValue: (r) => r.avg_talk_sec },
    { header: "Wrap-up", cell: (r) => formatDuration(r.wrap_sec), align: "right", sortValue: (r) => r.wrap_sec },
    { header: "Idle", cell: (r) => formatDuration(r.idle_sec), align: "right", sortValue: (r) => r.idle_sec },
    {
      header: "Break",
      cell: (r) => (
        <>
          {formatDuration(r.break_sec)}
          {breakReasonsText(r.break_by_reason) && <span className="block text-xs text-slate-500 dark:text-slate-400">{breakReasonsText(r.break_by_reason)}</span>}
        </>
      ),
      align: "right",
      sortValue: (r) => r.break_sec,
    },
    { header: "Occupancy", cell: (r) => rateText(r.occupancy), align: "right", sortValue: (r) => r.occupancy },
    { header: "Dispositions", cell: (r) => dispositionsText(r.dispositions), className: "text-xs" },
  ],
};

export function AgentsReportSection({ filters }: { filters: ReportFilters }) {
  const q = useReport("agents", filters);
  return (
    <ReportSection
      title="Agents"
      description="Calls each agent took and how its logged-in time was spent; click a column to sort"
      csvHref={reportCsvHref("agents", filters)}
      query={{ ...q, rows: q.data?.rows }}
      spec={SPEC}
      rowKey={(r) => r.agent_id}
      emptyTitle="No agent was logged in or took a call in this range"
      chart={(rows) => (
        <div role="img" aria-label="Calls per agent (the table beside it has the figures)" className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid {...GRID} horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
              <YAxis type="category" dataKey="agent" tick={AXIS_TICK} width={90} />
              <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.12)" }} content={<ChartSeriesTooltip />} />
              <Bar dataKey="calls" name="Calls" fill="#3b82f6" isAnimationActive={false} radius={[0, 2, 2, 0]} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    />
  );
}
