import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { runtime } from "../runtime/registry";

/**
 * The process's Prometheus registry and every metric Pacer exposes. One per process, kept on
 * globalThis: server.ts (the dialer, the PBX manager) and the route handlers Next bundles apart
 * must count into the same objects. Counters are bumped where the events already happen; gauges
 * of live state are read from the dialer and the PBX manager when Prometheus scrapes.
 *
 * Labels stay few and bounded: a campaign id, an outcome, a Q.850 cause, a route template.
 */

const TICK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    originates: new Counter({ name: "pacer_dialer_originates_total", help: "Calls sent to a PBX (originate requests), by campaign", labelNames: ["campaign"], registers }),
    originateErrors: new Counter({ name: "pacer_dialer_originate_errors_total", help: "Originate requests the PBX refused or that failed to reach it, by campaign", labelNames: ["campaign"], registers }),
    outcomes: new Counter({
      name: "pacer_call_outcomes_total",
      help: "Calls ended and written to the CDR, by campaign, outcome, CDR disposition and Q.850 hangup cause ('none' when the PBX gave none)",
      labelNames: ["campaign", "outcome", "disposition", "cause"],
      registers,
    }),
    tickDuration: new Histogram({ name: "pacer_dialer_tick_duration_seconds", help: "Duration of the dialer's ticks", buckets: TICK_BUCKETS, registers }),
    httpDuration: new Histogram({
      name: "pacer_http_request_duration_seconds",
      help: "API request latency by route template, method and status",
      labelNames: ["route", "method", "status"],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    importRows: new Counter({ name: "pacer_list_import_rows_total", help: "CSV import rows committed, by result: inserted, duplicate, error; dnc counts rows whose number is on a do-not-call list (flagged or skipped)", labelNames: ["result"], registers }),
    imports: new Gauge({ name: "pacer_list_imports", help: "List imports by status", labelNames: ["status"], registers }),
    importProgress: new Gauge({ name: "pacer_list_import_rows", help: "Rows of each unfinished import: its total and how many are done", labelNames: ["import", "list", "kind"], registers }),
    ...liveGauges(registers),
  };
}

/** Gauges read from the running dialer and PBX manager at scrape time: nothing on the hot path. */
function liveGauges(registers: Registry[]) {
  return {
    abandonRate: new Gauge({
      name: "pacer_campaign_abandon_rate",
      help: "Abandoned / live answers of each campaign this process dials, per window (60s from the live KPIs; 1h, 24h, 30d as the dialer's cap sees them)",
      labelNames: ["campaign", "window"],
      registers,
      collect() {
        this.reset();
        for (const c of runtime().dialer?.scrape().campaigns ?? []) for (const [window, rate] of Object.entries(c.abandonRates)) this.set({ campaign: String(c.id), window }, rate);
      },
    }),
    abandonCap: new Gauge({
      name: "pacer_campaign_abandon_cap",
      help: "The abandonment cap of each campaign this process dials (a fraction)",
      labelNames: ["campaign"],
      registers,
      collect() {
        this.reset();
        for (const c of runtime().dialer?.scrape().campaigns ?? []) this.set({ campaign: String(c.id) }, c.abandonCap);
      },
    }),
    liveCalls: new Gauge({
      name: "pacer_dialer_live_calls",
      help: "Calls in flight on this process's dialer, by campaign",
      labelNames: ["campaign"],
      registers,
      collect() {
        this.reset();
        for (const c of runtime().dialer?.scrape().campaigns ?? []) this.set({ campaign: String(c.id) }, c.calls);
      },
    }),
    waitingCalls: new Gauge({
      name: "pacer_dialer_waiting_calls",
      help: "Answered people waiting for an agent, by campaign",
      labelNames: ["campaign"],
      registers,
      collect() {
        this.reset();
        for (const c of runtime().dialer?.scrape().campaigns ?? []) this.set({ campaign: String(c.id) }, c.waiting);
      },
    }),
    agents: new Gauge({
      name: "pacer_agents",
      help: "Agents whose phones this process holds, by campaign and state",
      labelNames: ["campaign", "state"],
      registers,
      collect() {
        this.reset();
        for (const a of runtime().dialer?.scrape().agents ?? []) this.set({ campaign: String(a.campaignId ?? ""), state: a.state }, a.count);
      },
    }),
    dialerUp: new Gauge({
      name: "pacer_dialer_up",
      help: "1 when a dialer runs in this process",
      registers,
      collect() {
        this.set(runtime().dialer ? 1 : 0);
      },
    }),
    pbxConnected: new Gauge({
      name: "pacer_pbx_connected",
      help: "1 while the connection to a PBX is up, 0 while it is down",
      labelNames: ["pbx", "kind", "builtin"],
      registers,
      collect() {
        this.reset();
        for (const p of runtime().pbx?.health() ?? []) this.set({ pbx: p.name, kind: p.kind, builtin: String(p.builtin) }, p.connected ? 1 : 0);
      },
    }),
    pbxRtt: new Gauge({
      name: "pacer_pbx_rtt_seconds",
      help: "Last measured round trip to each connected PBX",
      labelNames: ["pbx", "kind"],
      registers,
      collect() {
        this.reset();
        for (const p of runtime().pbx?.health() ?? []) if (p.connected && p.rttMs !== null) this.set({ pbx: p.name, kind: p.kind }, p.rttMs / 1000);
      },
    }),
  };
}

export type PacerMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("pacer.metrics");
const g = globalThis as typeof globalThis & { [KEY]?: PacerMetrics };

export function pacerMetrics(): PacerMetrics {
  return (g[KEY] ??= createMetrics());
}

/** An API request's latency, by the route's template (never the raw path: ids would explode the series). */
export function observeHttp(route: string, method: string, status: number, seconds: number): void {
  pacerMetrics().httpDuration.observe({ route, method, status: String(status) }, seconds);
}

/** The rows an import batch just committed, from the job's counts before and after it. */
export function countImportRows(before: ImportCounts, after: ImportCounts): void {
  const rows = pacerMetrics().importRows;
  const add = (result: string, n: number) => n > 0 && rows.inc({ result }, n);
  add("inserted", after.inserted - before.inserted);
  add("duplicate", after.duplicates - before.duplicates);
  add("dnc", after.dncRows - before.dncRows);
  add("error", after.errorRows - before.errorRows);
}

type ImportCounts = { inserted: number; duplicates: number; dncRows: number; errorRows: number };
