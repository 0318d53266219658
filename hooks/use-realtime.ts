"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
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
    // A deleted campaign's queries are refetched too, not removed: removing one cancels its refetch
    // silently, and a page showing that campaign would never learn it is gone (the 404 tells it).
    socket.on("campaign.update", () => {
      qc.invalidateQueries({ queryKey: campaignKeys.all });
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
