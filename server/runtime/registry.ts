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

/** What the PBX manager (running in server.ts) offers to route handlers. */
export type PbxRuntime = {
  connected(): boolean;
  channels(): Promise<LiveChannel[]>;
  health(): PbxHealthEntry[];
  /** Re-reads the PBX servers table after a change through the API. */
  reload(): Promise<void>;
  /** Where the built-in simulator listens, when it runs. */
  simulatorAddress(): { ariUrl: string; eslPort: number } | null;
};

export type PbxHealthEntry = {
  id: number | null;
  name: string;
  kind: "asterisk" | "freeswitch";
  builtin: boolean;
  connected: boolean;
  lastError: string | null;
  rttMs: number | null;
  since: Date | null;
};

/** What the dialer (running in server.ts) offers to route handlers. */
export type DialerRuntime = {
  nodeId: string;
  /** Live pacing and call figures of a campaign this process dials, or null. */
  campaignRuntime(campaignId: number): unknown;
  liveCalls(): number;
};

export type Runtime = {
  bus: EventEmitter;
  startedAt: Date;
  pbx?: PbxRuntime;
  dialer?: DialerRuntime;
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
