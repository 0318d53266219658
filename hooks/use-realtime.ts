"use client";

import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
import { REALTIME_EVENT_TYPES, type KpiTickEvent, type RealtimeEvent, type RealtimeEventType } from "@/lib/realtime-events";
import { KpiTickMerger } from "@/lib/kpi-merge";
import { campaignKeys } from "./use-campaigns";
import type { AgentUpdateEvent, QueueUpdateEvent } from "@/lib/realtime-events";
import { agentKeys, applyAgentUpdate, applyQueueUpdate } from "./use-agents";
import { applyMonitorUpdate, monitorKeys } from "./use-monitors";
import type { MonitorUpdateEvent } from "@/lib/realtime-events";

export type RealtimeState = "connecting" | "live" | "offline";

const listeners = new Set<(s: RealtimeState) => void>();
let current: RealtimeState = "connecting";
function setState(s: RealtimeState) {
  current = s;
  listeners.forEach((l) => l(s));
}

/** One socket per tab; campaign events refresh the React Query cache instead of polling. */
export function useRealtimeSync() {
  const qc = useQueryClient();
  useEffect(() => {
    const socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"] });
    socket.on("connect", () => setState("live"));
    socket.on("disconnect", () => setState("offline"));
    socket.on("connect_error", () => setState("offline"));
    // Every event also goes to the components listening for it (useRealtimeEvent).
    for (const type of REALTIME_EVENT_TYPES) socket.on(type, (event: RealtimeEvent) => dispatchRealtime(event));
    // A deleted campaign's queries are refetched too, not removed: removing one cancels its refetch
    // silently, and a page showing that campaign would never learn it is gone (the 404 tells it).
    socket.on("campaign.update", () => {
      qc.invalidateQueries({ queryKey: campaignKeys.all });
    });
    // Agent states and screen pops: supervisors hear every agent, an agent only itself.
    socket.on("agent.update", (event: AgentUpdateEvent) => applyAgentUpdate(qc, event));
    socket.on("queue.update", (event: QueueUpdateEvent) => applyQueueUpdate(qc, event));
    socket.on("monitor.update", (event: MonitorUpdateEvent) => applyMonitorUpdate(qc, event));
    // Events sent while the socket was down are lost: after a reconnect, ask again.
    let connectedBefore = false;
    socket.on("connect", () => {
      if (connectedBefore) {
        qc.invalidateQueries({ queryKey: agentKeys.all });
        qc.invalidateQueries({ queryKey: monitorKeys.live() });
      }
      connectedBefore = true;
    });
    return () => {
      socket.close();
    };
  }, [qc]);
}

export function useRealtimeState(): RealtimeState {
  const [state, set] = useState<RealtimeState>(current);
  useEffect(() => {
    listeners.add(set);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Events for components: the tab's one socket hands every event to whoever listens for its type.

type RealtimeHandler = (event: RealtimeEvent) => void;
const eventHandlers = new Map<RealtimeEventType, Set<RealtimeHandler>>();

function dispatchRealtime(event: RealtimeEvent) {
  eventHandlers.get(event.type)?.forEach((handler) => {
    try {
      handler(event);
    } catch (err) {
      console.error(`realtime ${event.type} handler failed`, err);
    }
  });
}

/** Calls `handler` for each event of `type` while mounted (and `enabled`); the latest handler is used. */
export function useRealtimeEvent<T extends RealtimeEventType>(type: T, handler: (event: Extract<RealtimeEvent, { type: T }>) => void, enabled = true) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const h: RealtimeHandler = (event) => latest.current(event as Extract<RealtimeEvent, { type: T }>);
    let set = eventHandlers.get(type);
    if (!set) eventHandlers.set(type, (set = new Set()));
    set.add(h);
    return () => {
      set.delete(h);
    };
  }, [type, enabled]);
}

/** One sample of a campaign's live figures, as kpi.tick carries them. */
export type KpiPoint = {
  /** When the browser got it (ms): seeds and ticks share one clock even if the server's is off. */
  ts: number;
  cc: number;
  cps: number;
  asr5m: number;
  acd: number;
  abandon60s: number;
  humanRate: number;
  pacing?: KpiTickEvent["pacing"];
};

export const KPI_WINDOW_MS = 5 * 60_000;

/**
 * A rolling buffer of the last five minutes of a campaign's kpi.tick samples (one a second while
 * it runs). `seed`, typically from GET /campaigns/:id/runtime, is the first point when no tick has
 * arrived yet, so the panel has figures from the start.
 */
export function useKpiHistory(campaignId: number, { enabled, seed }: { enabled: boolean; seed?: Omit<KpiPoint, "ts"> | null }) {
  const [history, setHistory] = useState<{ campaignId: number; points: KpiPoint[] }>({ campaignId, points: [] });
  // Another campaign's history is not this one's (the component may be reused for a new id).
  const points = history.campaignId === campaignId ? history.points : [];
  // Each dialer process working the campaign sends its own tick; the chart shows their sum.
  const merger = useRef({ campaignId, merger: new KpiTickMerger() });

  useRealtimeEvent(
    "kpi.tick",
    (tick) => {
      if (tick.scope !== "campaign" || tick.id !== String(campaignId)) return;
      if (merger.current.campaignId !== campaignId) merger.current = { campaignId, merger: new KpiTickMerger() };
      const e = merger.current.merger.add(tick, Date.now());
      const point: KpiPoint = { ts: Date.now(), cc: e.cc, cps: e.cps, asr5m: e.asr5m, acd: e.acd, abandon60s: e.abandon60s, humanRate: e.humanRate, pacing: e.pacing };
      setHistory((prev) => ({ campaignId, points: appendPoint(prev.campaignId === campaignId ? prev.points : [], point) }));
    },
    enabled,
  );

  const seeded = points.length > 0;
  useEffect(() => {
    if (!seed || seeded) return;
    setHistory((prev) => (prev.campaignId === campaignId && prev.points.length ? prev : { campaignId, points: [{ ...seed, ts: Date.now() }] }));
  }, [seed, seeded, campaignId]);

  return points;
}

function appendPoint(points: KpiPoint[], point: KpiPoint): KpiPoint[] {
  const from = point.ts - KPI_WINDOW_MS;
  const kept = points.filter((p) => p.ts >= from);
  kept.push(point);
  return kept;
}
