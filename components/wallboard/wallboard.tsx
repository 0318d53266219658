"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNow } from "@/hooks/use-now";
import { useWallboard, type WallboardConnection } from "@/hooks/use-wallboard";
import { abandonGauge, agentsByState, callCounts } from "@/lib/wallboard";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { ThemeToggle } from "@/components/theme-toggle";
import { AbandonGauge } from "./abandon-gauge";
import { AgentBoard } from "./agent-board";
import { HeldBack } from "./held-back";

/**
 * The wallboard: the floor's live state for a screen on the wall. Everything arrives over the
 * page's own websocket (useWallboard); the clock and the time-in-state counters tick locally.
 */
export function Wallboard({ campaignIds = null }: { campaignIds?: number[] | null }) {
  const { board, loaded, connection, error } = useWallboard(campaignIds);
  const now = useNow(1000);
  const calls = useMemo(() => callCounts(board), [board]);
  const agents = useMemo(() => agentsByState(board), [board]);
  const gauge = useMemo(() => abandonGauge(board.campaigns), [board.campaigns]);
  const ratio = useMemo(() => overallRatio(board.pacing, calls.Dialing + calls.Ringing + calls.Amd, agents.available.length), [board.pacing, calls, agents.available.length]);
  const { root, fullScreen, toggleFullScreen } = useFullScreen();

  return (
    <div ref={root} className="min-h-screen bg-slate-50 px-3 py-3 text-slate-900 sm:px-6 sm:py-4 dark:bg-slate-950 dark:text-slate-50">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Wallboard</h1>
        <ConnectionState connection={connection} />
        {campaignIds && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {campaignIds.length === 1 ? "One campaign" : `${campaignIds.length} campaigns`} ·{" "}
            <a href="/wallboard" className="underline">
              show all
            </a>
          </p>
        )}
        <p aria-label="Time now" className="font-mono text-xl tabular-nums text-slate-600 sm:text-2xl dark:text-slate-300" suppressHydrationWarning>
          {new Date(now).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
        </p>
        <div className="ml-auto flex items-center gap-2">
          <button type="button" className="btn-secondary" onClick={toggleFullScreen} aria-pressed={fullScreen}>
            {fullScreen ? "Exit full screen" : "Full screen"}
          </button>
          <ThemeToggle />
          {/* A plain link: a board on a wall has no use for prefetching the rest of the app. */}
          <a href="/campaigns" className="btn-secondary">
            Back to Pacer
          </a>
        </div>
      </header>

      {error && (
        <Notice tone="error" title="The wallboard could not load" className="mt-3">
          {error}
        </Notice>
      )}

      {!loaded && !error ? (
        <div aria-busy="true" aria-label="Loading the wallboard" className="mt-4 grid gap-3 sm:grid-cols-3">
          <Skeleton className="h-36" />
          <Skeleton className="h-36" />
          <Skeleton className="h-36" />
        </div>
      ) : loaded ? (
        <main className="mt-4 space-y-4" data-updated-at={board.updatedAt}>
          <section aria-labelledby="wb-calls" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-[1fr_1fr_1fr_1fr_1fr_1.4fr]">
            <h2 id="wb-calls" className="sr-only">
              Calls
            </h2>
            <BigFigure label="Ringing" value={calls.Dialing + calls.Ringing} testId="wb-calls-ringing" hint="Dialing or ringing" />
            <BigFigure label="In AMD" value={calls.Amd} testId="wb-calls-amd" hint="Answered, machine detection listening" />
            <BigFigure label="Waiting for an agent" value={calls.Waiting} testId="wb-calls-waiting" alert={calls.Waiting > 0} hint="Answered, nobody free yet" />
            <BigFigure label="Bridged" value={calls.Connected} testId="wb-calls-bridged" hint="Talking to an agent or destination" />
            <BigFigure label="Pacing ratio" value={ratio === null ? "—" : ratio.toFixed(1)} unit={ratio === null ? undefined : ": 1"} testId="wb-pacing-ratio" hint="Lines out per ready agent" />
            <div className="col-span-2 rounded-xl border border-slate-200 bg-white p-3 md:col-span-1 dark:border-slate-800 dark:bg-slate-900">
              <h3 className="text-center text-sm font-medium text-slate-600 dark:text-slate-300">Abandon rate, 24 h</h3>
              <AbandonGauge {...gauge} window="last 24 h" />
            </div>
          </section>

          <section aria-labelledby="wb-agents">
            <h2 id="wb-agents" className="mb-2 text-lg font-semibold sm:text-xl">
              Agents
            </h2>
            <AgentBoard byState={agents} campaigns={board.campaigns} now={now} />
            {board.agents.size === 0 && <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">No agents logged in. They appear here as they log in to a campaign.</p>}
          </section>

          <section aria-labelledby="wb-why">
            <h2 id="wb-why" className="mb-2 text-lg font-semibold sm:text-xl">
              Why isn&apos;t it dialing?
            </h2>
            {board.campaigns.length === 0 ? (
              <EmptyState compact title="No campaign is running" description="Running and paused campaigns appear here, with the leads each is holding back and why." />
            ) : (
              <HeldBack campaigns={board.campaigns} pacing={board.pacing} />
            )}
          </section>
        </main>
      ) : null}
    </div>
  );
}

/** Lines out per ready agent over every campaign, from the calls on the board; pacing's own when only one campaign paces. */
function overallRatio(pacing: Map<number, { ratio: number | null }>, out: number, ready: number): number | null {
  if (pacing.size === 1) return [...pacing.values()][0].ratio;
  return ready > 0 ? out / ready : null;
}

function BigFigure({ label, value, unit, hint, testId, alert = false }: { label: string; value: number | string; unit?: string; hint?: string; testId: string; alert?: boolean }) {
  return (
    <div className={`rounded-xl border p-3 ${alert ? "border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/50" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}>
      <h3 className="text-sm font-medium text-slate-600 sm:text-base dark:text-slate-300">{label}</h3>
      <p className="mt-1 text-5xl font-bold tabular-nums sm:text-6xl">
        <span data-testid={testId}>{value}</span>
        {unit && <span className="ml-1 text-2xl font-semibold text-slate-500 sm:text-3xl dark:text-slate-400">{unit}</span>}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
    </div>
  );
}

function ConnectionState({ connection }: { connection: WallboardConnection }) {
  const [text, dot] = connection === "live" ? ["Live", "bg-emerald-500 animate-pulse"] : connection === "connecting" ? ["Connecting…", "bg-amber-400"] : ["Offline: reconnecting", "bg-red-500"];
  return (
    <span role="status" data-testid="wb-connection" className="inline-flex items-center gap-2 text-sm font-medium text-slate-600 dark:text-slate-300">
      <span aria-hidden="true" className={`h-3 w-3 rounded-full ${dot}`} />
      {text}
    </span>
  );
}

/** The Fullscreen API on the board's root element, following changes made with Esc or F11 too. */
function useFullScreen() {
  const root = useRef<HTMLDivElement>(null);
  const [fullScreen, setFullScreen] = useState(false);
  useEffect(() => {
    const follow = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", follow);
    return () => document.removeEventListener("fullscreenchange", follow);
  }, []);
  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void root.current?.requestFullscreen().catch(() => {});
  }, []);
  return { root, fullScreen, toggleFullScreen };
}
