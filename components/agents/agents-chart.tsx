"use client";

import { Bar, BarChart, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { AGENT_STATES, type Agent, type AgentState } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { STATE_FILLS, STATE_LABELS } from "@/lib/agent-states";

type Column = { state: AgentState; label: string; value: number; fill: string };

/** Agents by state as small bars; the list beside it carries the same figures as text. */
export function AgentsChart({ agents }: { agents: Agent[] }) {
  const columns: Column[] = AGENT_STATES.map((state) => ({
    state,
    label: STATE_LABELS[state],
    value: agents.filter((a) => a.state === state).length,
    fill: STATE_FILLS[state],
  }));
  const loggedIn = agents.length - columns[0].value;

  return (
    <div className="flex flex-col items-center gap-6 sm:flex-row">
      <div className="shrink-0" aria-hidden="true">
        <BarChart width={420} height={150} data={columns} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "rgba(148, 163, 184, 0.12)" }} content={<ColumnTooltip />} />
          <Bar
            dataKey="value"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
            shape={(props: BarShapeProps) => <Rectangle {...props} fill={(props.payload as Column | undefined)?.fill} />}
          />
        </BarChart>
      </div>
      <div className="w-full space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          <span className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{formatCount(loggedIn)}</span> of {formatCount(agents.length)}{" "}
          logged in
        </p>
        <ul aria-label="Agents by state" className="grid max-w-md grid-cols-1 gap-x-8 gap-y-1 text-sm sm:grid-cols-2">
          {columns.map((c) => (
            <li key={c.state} className="flex items-center gap-2">
              <span aria-hidden="true" className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: c.fill }} />
              <span className="flex-1 text-slate-600 dark:text-slate-300">{c.label}</span>
              <span className="font-medium tabular-nums">{formatCount(c.value)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function ColumnTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Column }> }) {
  const column = payload?.[0]?.payload;
  if (!active || !column) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <span className="font-medium">{column.label}</span>: {formatCount(column.value)}
    </div>
  );
}
