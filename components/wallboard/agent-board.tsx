import { STATE_FILLS, STATE_LABELS } from "@/lib/agent-states";
import { formatDuration } from "@/lib/format";
import type { WallboardAgent, WallboardCampaign } from "@/lib/wallboard";

type ShownState = "available" | "on_call" | "wrapup" | "on_break";
const COLUMNS: { state: ShownState; label: string }[] = [
  { state: "available", label: "Ready" },
  { state: "on_call", label: STATE_LABELS.on_call },
  { state: "wrapup", label: "Wrap-up" },
  { state: "on_break", label: STATE_LABELS.on_break },
];

/** At most this many names per state; the count says how many there are. */
const NAMES_SHOWN = 12;

/** Logged-in agents in four columns by state, each with how long they have been in it. */
export function AgentBoard({ byState, campaigns, now }: { byState: Record<ShownState, WallboardAgent[]>; campaigns: WallboardCampaign[]; now: number }) {
  const names = new Map(campaigns.map((c) => [c.id, c.name]));
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {COLUMNS.map(({ state, label }) => {
        const agents = byState[state];
        return (
          <section key={state} aria-label={`${label}: ${agents.length}`} className="rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
            <h3 className="flex items-center justify-between gap-2">
              <span className="flex items-center gap-2 text-base font-medium sm:text-lg">
                <span aria-hidden="true" className="h-3 w-3 rounded-full" style={{ backgroundColor: STATE_FILLS[state] }} />
                {label}
              </span>
              <span data-testid={`wb-agents-${state}`} className="text-3xl font-bold tabular-nums sm:text-4xl">
                {agents.length}
              </span>
            </h3>
            <ul className="mt-2 space-y-1">
              {agents.slice(0, NAMES_SHOWN).map((a) => (
                <li key={a.id} className="flex items-baseline justify-between gap-2 text-sm sm:text-base">
                  <span className="truncate" title={a.campaignId ? names.get(a.campaignId) : undefined}>
                    {a.name}
                  </span>
                  <span className="font-mono tabular-nums text-slate-600 dark:text-slate-300">{formatDuration(Math.max(0, Math.floor((now - a.since) / 1000)))}</span>
                </li>
              ))}
              {agents.length > NAMES_SHOWN && <li className="text-xs text-slate-500 dark:text-slate-400">and {agents.length - NAMES_SHOWN} more</li>}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
