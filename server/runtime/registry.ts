import { EventEmitter } from "node:events";
import type { RealtimeEvent } from "@/lib/realtime-events";

/**
 * Live singletons shared by server.ts and the route handlers Next bundles separately. They meet on
 * globalThis (never by importing server.ts). The dialer and PBX drivers register here when they run;
 * until then the monitoring endpoints report an idle system.
 */
export type LiveChannel = {
  id: string;
  state: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  creationtime: string;
};

export type PbxStatus = { connected: boolean };

export type Runtime = {
  bus: EventEmitter;
  startedAt: Date;
  /** Filled by the PBX layer: whether any driver is connected, and its live channels. */
  pbx?: { status(): PbxStatus; channels(): Promise<LiveChannel[]> };
};

const KEY = Symbol.for("pacer.runtime");
const g = globalThis as typeof globalThis & { [KEY]?: Runtime };

export function runtime(): Runtime {
  if (!g[KEY]) {
    const bus = new EventEmitter();
    bus.setMaxListeners(100);
    g[KEY] = { bus, startedAt: new Date() };
  }
  return g[KEY]!;
}

/** Publish a realtime event to every listener in the process (Socket.IO fans it out to browsers). */
export function publish(event: RealtimeEvent): void {
  runtime().bus.emit("realtime", event);
}
