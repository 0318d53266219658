import type { AgentQueue, AgentState } from "@/lib/api-types";
import { STATE_FILLS, STATE_LABELS } from "@/lib/agent-states";

const SHOWN: { key: keyof AgentQueue; state: AgentState; label: string }[] = [
  { key: "available", state: "available", label: "Available" },
  { key: "on_call", state: "on_call", label: "On call" },
  { key: "wrapup", state: "wrapup", label: "Wrap-up" },
  { key: "on_break", state: "on_break", label: "On break" },
];

/** The campaign's agents by state: a thin stacked bar, with the counts as text beside it. */
export function QueueBar({ queue }: { queue: AgentQueue }) {
  const total = SHOWN.reduce((n, s) => n + queue[s.key], 0);
  return (
    <div className="space-y-2">
      <div aria-hidden="true" className="flex h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        {total > 0 &&
          SHOWN.map((s) =>
            queue[s.key] > 0 ? (
              <div key={s.key} className="h-full transition-[width] duration-500" style={{ width: `${(queue[s.key] / total) * 100}%`, backgroundColor: STATE_FILLS[s.state] }} />
            ) : null,
          )}
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {SHOWN.map((s) => (
          <div key={s.key} className="flex items-center gap-1.5" title={STATE_LABELS[s.state]}>
            <span aria-hidden="true" className="h-2 w-2 rounded-sm" style={{ backgroundColor: STATE_FILLS[s.state] }} />
            <dt className="text-slate-500 dark:text-slate-400">{s.label}</dt>
            <dd className="font-semibold tabular-nums">{queue[s.key]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
