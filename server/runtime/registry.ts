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
  /** The built-in simulator's ARI and its credentials, when it runs in this process. */
  builtinAri(): { url: string; username: string; password: string } | null;
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

/** Live figures of a campaign this process dials. */
export type CampaignRuntimeFigures = {
  decision: { lines: number; mode: string; reason: string; answerRate: number; amd: boolean } | null;
  calls: number;
  waiting: number;
  agents: { available: number; onCall: number; wrapup: number; onBreak: number; loggingIn: number };
  kpis: { asr5m: number; acd: number; cps: number; cc: number; abandon60s: number; humanRate: number };
};

/** What the dialer (running in server.ts) offers to route handlers. */
export type DialerRuntime = {
  nodeId: string;
  campaignRuntime(campaignId: number): CampaignRuntimeFigures | null;
  liveCalls(): number;
  metrics(): { originated: number; originateErrors: number; tickP50Ms: number; tickP99Ms: number; ticks: number; uptimeSec: number };
  /** What /metrics reads of the dialer's live state when Prometheus scrapes. */
  scrape(): DialerScrape;
};

export type DialerScrape = {
  campaigns: { id: number; calls: number; waiting: number; abandonCap: number; abandonRates: Record<"60s" | "1h" | "24h" | "30d", number> }[];
  agents: { campaignId: number | null; state: "available" | "on_call" | "wrapup" | "on_break" | "logging_in"; count: number }[];
};

/** The demo's crew of simulated agents (running in server.ts beside the dialer and the built-in simulator). */
export type DemoCrewRuntime = {
  /** Puts the crew to work on the demo there is; false when there is none. */
  resume(): Promise<boolean>;
  /** Stops the crew (before the demo is removed). */
  halt(): Promise<void>;
  running(): boolean;
  /** Whether simulated agents can work in this process (the built-in simulator runs here). */
  canRun(): boolean;
};

export type Runtime = {
  bus: EventEmitter;
  startedAt: Date;
  pbx?: PbxRuntime;
  dialer?: DialerRuntime;
  demo?: DemoCrewRuntime;
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
