"use client";

import { useMemo, useState } from "react";
import { useNow } from "@/hooks/use-now";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useCampaignRuntime } from "@/hooks/use-campaigns";
import { KPI_WINDOW_MS, useKpiHistory, useRealtimeEvent, useRealtimeState, type KpiPoint } from "@/hooks/use-realtime";
import type { Campaign, CampaignRuntime } from "@/lib/api-types";
import { DIAL_MODE_INFO, describeDestination, formatRate, usesAgents } from "@/lib/campaign-rules";
import { formatDuration, humanize } from "@/lib/format";
import { Notice } from "@/components/ui/notice";

const CC_COLOUR = "#1f66db";
const CPS_COLOUR = "#f59e0b";
/** A running campaign ticks every second; this long without one means the figures are not live. */
const STALE_AFTER_MS = 5_000;

type Agents = CampaignRuntime["agents"];

/** Live figures of a running or paused campaign: stat tiles, pacing, agents and the last five minutes. */
export function CampaignLivePanel({ campaign }: { campaign: Campaign }) {
  const running = campaign.status === "running";
  const runtime = useCampaignRuntime(campaign.id);
  const rt = runtime.data;
  const seed = useMemo(
    () => (rt ? { cc: rt.cc, cps: rt.cps, asr5m: rt.asr5m, acd: rt.acd, abandon60s: rt.abandon60s, humanRate: rt.human_rate, pacing: rt.pacing ?? undefined } : null),
    [rt],
  );
  const points = useKpiHistory(campaign.id, { enabled: true, seed });
  const lastTick = points.at(-1);
  // A paused campaign stops ticking: then the runtime poll, when newer, has the current figures.
  const latest = lastTick && (!seed || lastTick.ts >= runtime.dataUpdatedAt) ? lastTick : (seed ?? lastTick);
  const connection = useRealtimeState();

  // Agents and the queue move with queue.update; the runtime poll covers the time before the first one.
  const [queue, setQueue] = useState<{ agents: Agents; waiting: number; at: number } | null>(null);
  useRealtimeEvent("queue.update", (e) => {
    if (e.campaignId !== campaign.id) return;
    setQueue({ agents: { available: e.agents.available, on_call: e.agents.onCall, wrapup: e.agents.wrapup, on_break: e.agents.onBreak }, waiting: e.inQueue, at: Date.now() });
  });
  const fromQueue = queue && queue.at > runtime.dataUpdatedAt;
  const agents: Agents | null = fromQueue ? queue.agents : (rt?.agents ?? null);
  const waiting = fromQueue ? queue.waiting : (rt?.waiting ?? 0);

  const now = useNow(1000);
  const stale = running && (!lastTick || now - lastTick.ts > STALE_AFTER_MS);

  const cap = rt?.abandon_cap ?? campaign.abandon_cap;
  const rate24h = rt?.abandon_rate_24h ?? campaign.stats.abandon_rate_24h;
  const rate30d = rt?.abandon_rate_30d ?? campaign.stats.abandon_rate_30d;
  const agentMode = usesAgents(campaign.dial_mode);
  const agentTotal = agents ? agents.available + agents.on_call + agents.wrapup + agents.on_break : 0;
  const pacing = lastTick?.pacing ?? rt?.pacing ?? null;
  const answerRate = rt?.pacing?.answer_rate;

  return (
    <section aria-labelledby="live-heading" className="card">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div>
          <h2 id="live-heading" className="font-semibold">
            Live
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {DIAL_MODE_INFO[campaign.dial_mode].label} dialing
            {rt?.dialer_node ? ` on ${rt.dialer_node}` : ""}. {running ? "Figures update every second." : "Paused: no new calls are placed."}
          </p>
        </div>
        <LiveState running={running} stale={stale} connection={connection} />
      </div>

      <div className="space-y-4 p-4">
        {agentMode && agents !== null && agentTotal === 0 && (
          <Notice tone="warning" title="No agents logged in">
            {DIAL_MODE_INFO[campaign.dial_mode].label} dialing places calls only for agents who are signed in to this campaign and ready.
            Nothing is dialed until one is.
          </Notice>
        )}
        {runtime.isError && !rt && (
          <Notice tone="error" title="Could not load the live figures">
            {runtime.error instanceof Error ? runtime.error.message : "Try again in a moment."}
          </Notice>
        )}

        <dl aria-label="Live figures" className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          <LiveTile label="Concurrent calls" value={latest ? String(latest.cc) : "—"} hint={campaign.dial_mode === "agentless" ? `Cap ${campaign.concurrent_calls}` : undefined} />
          <LiveTile label="CPS" value={latest ? latest.cps.toFixed(2) : "—"} hint="Calls placed per second, last minute" />
          <LiveTile label="ASR 5 min" value={latest ? formatRate(latest.asr5m) : "—"} hint="Answered / calls ended" />
          <LiveTile label="ACD" value={latest ? formatDuration(latest.acd) : "—"} hint="Average talk time, last minute" />
          <LiveTile label="Abandon 60 s" value={latest ? formatRate(latest.abandon60s) : "—"} hint="Of live answers, last minute" />
          <AbandonTile label="Abandon 24 h" rate={rate24h} cap={cap} />
          <AbandonTile label="Abandon 30 d" rate={rate30d} cap={cap} />
        </dl>

        <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
          <div>
            <h3 className="mb-2 text-sm font-medium">Last 5 minutes</h3>
            <KpiChart points={points} />
          </div>
          <div className="space-y-4">
            {campaign.dial_mode === "predictive" && (
              <div>
                <h3 className="mb-1 text-sm font-medium">Pacing</h3>
                {pacing ? (
                  <>
                    <dl className="space-y-1 text-sm">
                      <Row label="Mode" value={humanize(pacing.mode)} />
                      <Row label="Lines" value={String(pacing.lines)} />
                      {answerRate !== undefined && <Row label="Answer rate" value={formatRate(answerRate)} />}
                    </dl>
                    <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{pacing.reason}</p>
                  </>
                ) : (
                  <p className="text-sm text-slate-500 dark:text-slate-400">No pacing decision yet.</p>
                )}
              </div>
            )}
            {agentMode ? (
              <div>
                <h3 className="mb-1 text-sm font-medium">Agents</h3>
                {agents ? (
                  <dl aria-label="Agents by state" className="space-y-1 text-sm">
                    <Row label="Available" value={String(agents.available)} />
                    <Row label="On call" value={String(agents.on_call)} />
                    <Row label="Wrap-up" value={String(agents.wrapup)} />
                    <Row label="On break" value={String(agents.on_break)} />
                    <Row label="People waiting" value={String(waiting)} />
                  </dl>
                ) : (
                  <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>
                )}
              </div>
            ) : (
              <div>
                <h3 className="mb-1 text-sm font-medium">Answered calls go to</h3>
                <p className="text-sm">{describeDestination(campaign)}</p>
                <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Agentless: no agents involved.</p>
              </div>
            )}
            {latest && latest.humanRate > 0 && (
              <p className="text-xs text-slate-500 dark:text-slate-400">A person answered {formatRate(latest.humanRate)} of the calls ended in the last 5 minutes.</p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

function LiveState({ running, stale, connection }: { running: boolean; stale: boolean; connection: string }) {
  const [text, dot] =
    connection !== "live"
      ? ["Live updates offline", "bg-slate-400"]
      : !running
        ? ["Paused", "bg-amber-500"]
        : stale
          ? ["Waiting for figures…", "bg-slate-400"]
          : ["Live", "bg-emerald-500 animate-pulse"];
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600 dark:text-slate-300">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${dot}`} />
      {text}
    </span>
  );
}

function LiveTile({ label, value, hint, alert = false }: { label: string; value: string; hint?: React.ReactNode; alert?: boolean }) {
  return (
    <div
      className={`rounded-lg border px-3 py-2 ${alert ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/50" : "border-slate-200 dark:border-slate-800"}`}
    >
      <dt className={`text-xs font-medium ${alert ? "text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"}`}>{label}</dt>
      <dd className={`mt-0.5 text-xl font-semibold tabular-nums ${alert ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-slate-50"}`}>{value}</dd>
      {hint && <dd className={`text-xs ${alert ? "text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"}`}>{hint}</dd>}
    </div>
  );
}

/** Abandonment over a window against the campaign's cap: red, and said in words, when over it. */
function AbandonTile({ label, rate, cap }: { label: string; rate: number; cap: number }) {
  const over = rate > cap;
  return <LiveTile label={label} value={formatRate(rate)} alert={over} hint={over ? `Over the ${formatRate(cap)} cap` : `Cap ${formatRate(cap)}`} />;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

const minuteTicks = (end: number) => [5, 4, 3, 2, 1, 0].map((m) => end - m * 60_000);

/** Concurrent calls (left axis) and CPS (right axis), one point per kpi.tick. The latest figures are in the tiles as text. */
function KpiChart({ points }: { points: KpiPoint[] }) {
  const end = points.at(-1)?.ts ?? Date.now();
  const data = points.map((p) => ({ t: p.ts, cc: p.cc, cps: p.cps }));
  const latest = points.at(-1);
  const summary = latest
    ? `Concurrent calls and calls per second over the last 5 minutes, ${points.length} samples; now ${latest.cc} concurrent calls and ${latest.cps.toFixed(2)} CPS.`
    : "No samples yet.";
  return (
    <div>
      <div role="img" aria-label={summary} className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[end - KPI_WINDOW_MS, end]}
              ticks={minuteTicks(end)}
              tickFormatter={(t: number) => (t >= end ? "now" : `−${Math.round((end - t) / 60_000)} min`)}
              tick={{ fontSize: 11, fill: "#64748b" }}
              allowDataOverflow
            />
            <YAxis yAxisId="cc" allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} domain={[0, (max: number) => Math.max(1, max)]} />
            <YAxis yAxisId="cps" orientation="right" tick={{ fontSize: 11, fill: "#64748b" }} domain={[0, (max: number) => Math.max(0.1, max)]} />
            <Tooltip content={<KpiTooltip end={end} />} />
            <Line yAxisId="cc" type="monotone" dataKey="cc" name="Concurrent calls" stroke={CC_COLOUR} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line yAxisId="cps" type="monotone" dataKey="cps" name="CPS" stroke={CPS_COLOUR} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul aria-hidden="true" className="mt-1 flex gap-4 text-xs text-slate-600 dark:text-slate-300">
        <li className="flex items-center gap-1.5">
          <span className="h-0.5 w-4" style={{ backgroundColor: CC_COLOUR }} />
          Concurrent calls (left)
        </li>
        <li className="flex items-center gap-1.5">
          <span className="h-0.5 w-4" style={{ backgroundColor: CPS_COLOUR }} />
          CPS (right)
        </li>
      </ul>
    </div>
  );
}

function KpiTooltip({ active, payload, end }: { active?: boolean; payload?: ReadonlyArray<{ payload?: { t: number; cc: number; cps: number } }>; end: number }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  const ago = Math.round((end - p.t) / 1000);
  return (
    <div className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-slate-700 dark:bg-slate-800">
      <p className="font-medium">{ago <= 0 ? "Now" : `${ago} s ago`}</p>
      <p>Concurrent calls: {p.cc}</p>
      <p>CPS: {p.cps.toFixed(2)}</p>
    </div>
  );
}
