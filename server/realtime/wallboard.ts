import type { Server, Socket } from "socket.io";
import { getDb } from "@/db/client";
import type { WallboardCampaignsMessage, WallboardSubscribeAck } from "@/lib/wallboard";
import { logger } from "../logger";
import { wallboardCampaigns, wallboardSnapshot } from "../wallboard/service";
import { parseSubscription } from "../wallboard/validation";

/** How often subscribed browsers get the campaigns' held-back counts and abandonment figures. */
export const WALLBOARD_PUSH_MS = 3000;

type Ack = (reply: WallboardSubscribeAck) => void;

/**
 * The wallboard over Socket.IO: `wallboard.subscribe` (admins and supervisors) answers with a
 * snapshot, then the subscriber gets `wallboard.campaigns` every few seconds while it stays
 * subscribed. Agent states, calls and pacing reach it as they happen through the events every
 * supervisor hears. Each process serves its own sockets (a local emit, not through the adapter),
 * and asks the database only while someone here is subscribed.
 */
export function attachWallboard(io: Server, opts: { intervalMs?: number } = {}) {
  /** Subscribed sockets of this process, with the campaigns each asked for (null: all). */
  const subscribers = new Map<string, Set<number> | null>();
  let timer: NodeJS.Timeout | null = null;
  let pushing = false;

  const push = async () => {
    if (pushing || subscribers.size === 0) return;
    pushing = true;
    try {
      const filters = [...subscribers.values()];
      const union = filters.includes(null) ? null : new Set(filters.flatMap((f) => [...f!]));
      const campaigns = await wallboardCampaigns(await getDb(), union);
      const ts = Date.now();
      for (const [id, only] of subscribers) {
        const message: WallboardCampaignsMessage = { campaigns: only ? campaigns.filter((c) => only.has(c.id)) : campaigns, ts };
        io.sockets.sockets.get(id)?.emit("wallboard.campaigns", message);
      }
    } catch (err) {
      logger.warn({ err }, "wallboard: could not compute the campaigns' figures");
    } finally {
      pushing = false;
    }
  };

  const forget = (socket: Socket) => {
    subscribers.delete(socket.id);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };

  const subscribe = async (socket: Socket, payload: unknown, ack: Ack) => {
    const role = (socket.data.user as { role?: string } | undefined)?.role;
    if (role !== "admin" && role !== "supervisor") return ack({ ok: false, error: "forbidden: the wallboard is for admins and supervisors" });
    const parsed = parseSubscription(payload);
    if (!parsed.ok) return ack(parsed);
    const only = parsed.value.campaign_ids ? new Set(parsed.value.campaign_ids) : null;
    try {
      const snapshot = await wallboardSnapshot(await getDb(), only);
      if (!socket.connected) return;
      subscribers.set(socket.id, only);
      timer ??= setInterval(() => void push(), opts.intervalMs ?? WALLBOARD_PUSH_MS);
      ack({ ok: true, snapshot });
    } catch (err) {
      logger.warn({ err }, "wallboard: could not build a snapshot");
      ack({ ok: false, error: "could not load the wallboard; try again in a moment" });
    }
  };

  io.on("connection", (socket) => {
    socket.on("wallboard.subscribe", (payload: unknown, ack?: unknown) => {
      // emit("wallboard.subscribe", callback) with no payload: the callback comes first.
      if (typeof payload === "function" && ack === undefined) [payload, ack] = [undefined, payload];
      if (typeof ack !== "function") {
        socket.emit("wallboard.error", { error: "wallboard.subscribe needs an acknowledgement callback: emit('wallboard.subscribe', payload, (reply) => …)" });
        return;
      }
      void subscribe(socket, payload, ack as Ack);
    });
    socket.on("wallboard.unsubscribe", () => forget(socket));
    socket.on("disconnect", () => forget(socket));
  });
  io.engine.on("close", () => {
    if (timer) clearInterval(timer);
    timer = null;
  });
}
