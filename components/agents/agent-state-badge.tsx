"use client";

import type { Agent, AgentState } from "@/lib/api-types";
import { formatDuration } from "@/lib/format";
import { Badge } from "@/components/ui/status-badge";
import { apiTimeMs, secondsSince, STATE_LABELS, STATE_TONES } from "@/lib/agent-states";
import { useNow } from "@/hooks/use-now";

export function AgentStateBadge({ state }: { state: AgentState }) {
  return (
    <Badge tone={STATE_TONES[state]} pulse={state === "on_call"}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

const LARGE_CLASSES: Record<AgentState, string> = {
  logged_out: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-200 dark:ring-slate-400/25",
  available: "bg-emerald-50 text-emerald-700 ring-emerald-600/25 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  on_call: "bg-sky-50 text-sky-700 ring-sky-600/25 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30",
  wrapup: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30",
  on_break: "bg-orange-50 text-orange-700 ring-orange-600/25 dark:bg-orange-500/10 dark:text-orange-300 dark:ring-orange-400/30",
};

const LARGE_DOTS: Record<AgentState, string> = {
  logged_out: "bg-slate-400",
  available: "bg-emerald-500",
  on_call: "bg-sky-500 animate-pulse",
  wrapup: "bg-amber-500",
  on_break: "bg-orange-500",
};

/** The console's state: big enough to read from across the desk. */
export function LargeStateBadge({ state }: { state: AgentState }) {
  return (
    <span className={`inline-flex items-center gap-2.5 rounded-full px-4 py-1.5 text-2xl font-semibold whitespace-nowrap ring-1 ring-inset ${LARGE_CLASSES[state]}`}>
      <span aria-hidden="true" className={`h-3 w-3 rounded-full ${LARGE_DOTS[state]}`} />
      {STATE_LABELS[state]}
    </span>
  );
}

/** `m:ss` since a time the API printed, ticking every second. */
export function Elapsed({ since, until }: { since: string | null; until?: string | null }) {
  const now = useNow();
  if (!since) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  const end = until ? apiTimeMs(until) : now;
  const seconds = secondsSince(since, end);
  return (
    <span className="tabular-nums" title={`Since ${since} UTC`}>
      {formatDuration(seconds)}
    </span>
  );
}

export function TimeInState({ agent }: { agent: Pick<Agent, "state_since"> }) {
  return <Elapsed since={agent.state_since} />;
}
