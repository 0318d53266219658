"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { MonitorMode, MonitorSession } from "@/lib/api-types";
import type { MonitorUpdateEvent } from "@/lib/realtime-events";

export const monitorKeys = {
  all: ["monitors"] as const,
  live: () => [...monitorKeys.all, "live"] as const,
  phone: () => [...monitorKeys.all, "phone"] as const,
};

/**
 * A request's answer can arrive after the dialer's `monitor.update` that moved the session on (it
 * connected, or ended, before the answer came back): a session never goes back to an earlier
 * state, and one that ended never comes back.
 */
const STATE_ORDER: Record<MonitorSession["state"], number> = { requested: 0, calling: 1, active: 2, ended: 3 };
const ended = new Set<number>();

/** `monitor.update` keeps the live list current: a session comes in, changes, or leaves when it ends. */
export function applyMonitorUpdate(qc: QueryClient, event: MonitorUpdateEvent) {
  store(qc, event.monitor);
}

function store(qc: QueryClient, session: MonitorSession) {
  if (session.state === "ended") ended.add(session.id);
  else if (ended.has(session.id)) return;
  qc.setQueryData<MonitorSession[]>(monitorKeys.live(), (rows) => {
    if (!rows) return rows;
    const known = rows.find((r) => r.id === session.id);
    if (known && STATE_ORDER[known.state] > STATE_ORDER[session.state]) return rows;
    const others = rows.filter((r) => r.id !== session.id);
    return session.state === "ended" ? others : [...others, session].sort((a, b) => a.id - b.id);
  });
}

/** Sessions not ended yet (supervisors and admins only). */
export function useLiveMonitors({ live = true }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: monitorKeys.live(),
    queryFn: async () => (await api.get<MonitorSession[]>("/monitors")).filter((s) => !ended.has(s.id)),
    refetchInterval: live ? 30_000 : 5_000,
  });
}

/** The phone the signed-in user last listened in from. */
export function useMonitorPhone() {
  return useQuery({ queryKey: monitorKeys.phone(), queryFn: () => api.get<{ phone: string | null }>("/monitors/phone"), staleTime: Infinity });
}

/** The phone a supervisor listens in from: what they type here, else the one they last used. */
export function useSupervisorPhone(): [string, (phone: string) => void] {
  const last = useMonitorPhone();
  const [typed, setTyped] = useState<string | null>(null);
  return [typed ?? last.data?.phone ?? "", setTyped];
}

export function useStartMonitor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ agentId, mode, phone }: { agentId: number; mode: MonitorMode; phone: string }) => (await api.post<MonitorSession>(`/agents/${agentId}/monitor`, { mode, phone })).data,
    onSuccess: (session) => {
      store(qc, session);
      qc.setQueryData(monitorKeys.phone(), { phone: session.phone });
      void qc.invalidateQueries({ queryKey: monitorKeys.live() });
    },
  });
}

export function useSwitchMonitorMode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, mode }: { id: number; mode: MonitorMode }) => (await api.patch<MonitorSession>(`/monitors/${id}`, { mode })).data,
    onSuccess: (session) => {
      store(qc, session);
      void qc.invalidateQueries({ queryKey: monitorKeys.live() });
    },
  });
}

export function useStopMonitor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => (await api.del<MonitorSession>(`/monitors/${id}`)).data as MonitorSession,
    onSuccess: (session) => {
      store(qc, session);
      void qc.invalidateQueries({ queryKey: monitorKeys.live() });
    },
  });
}
