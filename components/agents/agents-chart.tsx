"use client";

import { Bar, BarChart, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { AGENT_STATES, type Agent } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { STATE_FILLS, STATE_LABELS } from "@/lib/agent-states";
import { ChartLegend, ChartTooltip, type ChartEntry } from "@/components/ui/chart-legend";

/** Agents by state as small bars; the list beside it carries the same figures as text. */
export function AgentsChart({ agents }: { agents: Agent[] }) {
  const columns: ChartEntry[] = AGENT_STATES.map((state) => ({
    key: state,
    label: STATE_LABELS[state],
    value: agents.filter((a) => a.state === state).length,
    fill: STATE_FILLS[state],
  }));
  const loggedIn = agents.length - columns[0].value;

  return (
    <div className="flex flex-col items-center gap-6 sm:flex-row">
      <div className="h-[150px] w-full max-w-[420px] shrink-0" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={columns} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.12)" }} content={<ChartTooltip />} />
            <Bar
              dataKey="value"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
              shape={(props: BarShapeProps) => <Rectangle {...props} fill={(props.payload as ChartEntry | undefined)?.fill} />}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="w-full space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{formatCount(loggedIn)}</span> of {formatCount(agents.length)}{" "}
          logged in
        </p>
        <ChartLegend label="Agents by state" entries={columns} className="grid max-w-md grid-cols-1 gap-x-8 gap-y-1 text-sm sm:grid-cols-2" />
      </div>
    </div>
  );
}
