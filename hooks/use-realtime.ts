"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
import type { CampaignUpdateEvent } from "@/lib/realtime-events";
import { campaignKeys } from "./use-campaigns";

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
    socket.on("campaign.update", (e: CampaignUpdateEvent) => {
      qc.invalidateQueries({ queryKey: campaignKeys.all });
      if (e.change === "deleted") qc.removeQueries({ queryKey: campaignKeys.detail(e.campaign_id) });
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
