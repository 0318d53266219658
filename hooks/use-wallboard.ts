"use client";

import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import type { AgentUpdateEvent, CallUpdateEvent, CampaignUpdateEvent, KpiTickEvent } from "@/lib/realtime-events";
import { applyWallboardEvent, emptyWallboard, fromSnapshot, type WallboardCampaignsMessage, type WallboardEvent, type WallboardState, type WallboardSubscribeAck } from "@/lib/wallboard";

export type WallboardConnection = "connecting" | "live" | "offline";

/** How long a subscribe may take before the board says so (the snapshot counts every campaign's leads). */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

/**
 * The wallboard's live state, entirely over Socket.IO: a snapshot when it subscribes (again after
 * every reconnect), then the realtime events. The socket is the page's own and websocket-only, so
 * a board left on a screen all day makes no HTTP request after it loaded (no long-polling).
 */
export function useWallboard(campaignIds: number[] | null = null) {
  const [board, setBoard] = useState<WallboardState>(emptyWallboard);
  const [loaded, setLoaded] = useState(false);
  const [connection, setConnection] = useState<WallboardConnection>("connecting");
  const [error, setError] = useState<string | null>(null);
  // JSON, so an id that is not a number reaches the server as it is (and is refused there, with why).
  const key = JSON.stringify(campaignIds);

  useEffect(() => {
    const only = JSON.parse(key) as number[] | null;
    const socket = io({ path: "/socket.io", withCredentials: true, transports: ["websocket"] });
    // Events heard while a snapshot is on its way are replayed on top of it, so none is lost.
    let pending: WallboardEvent[] | null = null;
    const apply = (e: WallboardEvent) => {
      if (pending) pending.push(e);
      else setBoard((b) => applyWallboardEvent(b, e, Date.now()));
    };
    socket.on("connect", () => {
      setConnection("live");
      pending = [];
      socket
        .timeout(SUBSCRIBE_TIMEOUT_MS)
        .emitWithAck("wallboard.subscribe", only ? { campaign_ids: only } : {})
        .then((reply: WallboardSubscribeAck) => {
          const replay = pending ?? [];
          pending = null;
          if (!reply.ok) {
            setError(reply.error);
            return;
          }
          setError(null);
          setBoard(replay.reduce((b, e) => applyWallboardEvent(b, e, Date.now()), fromSnapshot(reply.snapshot, only)));
          setLoaded(true);
        })
        .catch(() => {
          pending = null;
          setError("The wallboard did not answer in time. It tries again when the connection comes back.");
        });
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
    socket.on("agent.update", (event: AgentUpdateEvent) => apply({ kind: "agent", event }));
    socket.on("call.update", (event: CallUpdateEvent) => apply({ kind: "call", event }));
    socket.on("kpi.tick", (event: KpiTickEvent) => apply({ kind: "kpi", event }));
    socket.on("campaign.update", (event: CampaignUpdateEvent) => apply({ kind: "campaign", event }));
    socket.on("wallboard.campaigns", (message: WallboardCampaignsMessage) => apply({ kind: "campaigns", message }));
    return () => {
      socket.close();
    };
  }, [key]);

  return { board, loaded, connection, error };
}
