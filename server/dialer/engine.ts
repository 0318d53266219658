/**
 * server/dialer — the outbound dialer: campaigns → pacing → leads → PBX drivers → CDR.
 *
 * What lives here, by file:
 * - engine.ts: the `Dialer` (start/stop, heartbeat, PBX event routing, runtime figures) — the one
 *   entry point server.ts and scripts/dialer.ts use;
 * - dialer-context.ts: the state the modules share; live-call.ts: the call and agent-line model;
 * - tick-loop.ts: each tick's work; lines-wanted.ts: how many lines a campaign opens, by mode;
 * - lead-claiming.ts: the claim with the compliance gate (compliance/) and the trunk router
 *   (trunk-picker.ts, trunk-routes.ts); queries.ts: every SQL touch of the dialer's live state;
 * - originate.ts: sending a call at its trunk slot, and failing a trunk's failures over;
 *   trunk-reroute.ts: moving those calls to another trunk;
 * - call-events.ts: a customer call's PBX events and outcomes; call-control.ts: hang up, play,
 *   record; call-end.ts: closing a call (attempt-writer.ts writes it: CDR, lead's next state,
 *   through outcomes.ts and lead-phones.ts);
 * - agent-pool.ts: the agents' nailed-up phones; agent-bridging.ts: answered people meet agents;
 *   call-monitors.ts: supervisors listening in on agents' calls (listen, whisper, barge);
 *   ivr-calls.ts: IVR menus; survey-calls.ts: surveys asked on answered calls; preview-holds.ts: preview mode's leads in front of agents;
 * - reconciliation.ts: attempts left by a dialer that is gone; campaign-runtime.ts,
 *   live-updates.ts, kpis.ts: a campaign's runtime, the realtime events, the KPI figures;
 * - pacing/: the pure predictive pacing model (shared with bench/).
 *
 * May import: db/, lib/ (shared types), and server/ domains below it (pbx, dnc, ivr, trunks,
 * agents' and monitors' queries, audit, runtime and metrics registries, logger). Other domains
 * use only its pure helpers (compliance/, lead-phones.ts, trunk-picker.ts); the running dialer is
 * reached through this file alone, and no module here imports it back (`npm run check:cycles`).
 */
import type { Db } from "@/db/client";
import { logger } from "../logger";
import { pacerMetrics } from "../metrics/registry";
import type { DialerRuntime, DialerScrape } from "../runtime/registry";
import type { CallEvent, PbxDriver } from "../pbx/driver";
import type { DialablePbx, PbxManager } from "../pbx/manager";
import { agentFree, agentLost } from "./agent-bridging";
import { AgentPool } from "./agent-pool";
import { AttemptWriter } from "./attempt-writer";
import { onCallEvent } from "./call-events";
import { hangup } from "./call-control";
import { CallMonitors } from "./call-monitors";
import { runtimeView } from "./campaign-runtime";
import { LEASE_SEC, NODE_STALE_SEC, type DialerContext } from "./dialer-context";
import { CampaignKpis } from "./kpis";
import { previewChoice, releasePreview } from "./preview-holds";
import { forgetNode, heartbeat, liveNodes } from "./queries";
import { Reconciler } from "./reconciliation";
import { TickLoop, TICK_MS } from "./tick-loop";
import { TrunkHealthWatch } from "./trunk-health";

const HEARTBEAT_MS = 5000;

export type DialerOptions = {
  nodeId: string;
  maxCps?: number;
  /** PGlite: this is the only dialer there can be, so every other one that left attempts is gone. */
  singleProcess?: boolean;
};

/**
 * The dialer: each tick, for every running campaign, how many lines to open (by mode; pacing for
 * predictive) → claim that many eligible leads and write their attempts → originate → follow the
 * PBX's events → route answered calls (agent, IVR, destination) → close the attempt into a CDR and
 * the lead's next state. Everything a crash could lose is in the database before the PBX hears of
 * it; what the PBX still has after a restart is adopted or settled by reconciliation.
 */
export class Dialer {
  readonly nodeId: string;
  readonly agents: AgentPool;
  private readonly monitors: CallMonitors;
  /** Tick durations (ms) and originate counters, for bench/dialer and the runtime view. */
  readonly metrics = { ticks: [] as number[], originated: 0, originateErrors: 0, startedAt: Date.now() };
  private readonly ctx: DialerContext;
  private readonly writer: AttemptWriter;
  private readonly reconciler: Reconciler;
  private readonly loop: TickLoop;
  private readonly listening = new WeakSet<PbxDriver>();
  private tickTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private nodesAlive = 1;

  constructor(
    private readonly db: Db,
    private readonly pbx: PbxManager,
    opts: DialerOptions,
  ) {
    this.nodeId = opts.nodeId;
    this.writer = new AttemptWriter(db);
    this.agents = new AgentPool(db, this.nodeId, {
      onAvailable: (agent) => agentFree(this.ctx, agent),
      onAgentLost: (agent, call) => agentLost(this.ctx, agent, call),
      onPreviewChoice: (agent, action, attemptId) => void previewChoice(this.ctx, agent, action, attemptId).catch((err) => logger.error({ err }, "preview choice failed")),
      // Only the call asked about: a hang-up that arrives after the next call was put through is dropped.
      onHangupRequest: (agent, attemptId) => {
        if (agent.call && agent.call.attempt.id === attemptId) hangup(this.ctx, agent.call);
      },
    });
    this.monitors = new CallMonitors(db, this.nodeId, this.agents, NODE_STALE_SEC);
    this.ctx = {
      db,
      pbx,
      nodeId: this.nodeId,
      writer: this.writer,
      agents: this.agents,
      monitors: this.monitors,
      campaigns: new Map(),
      calls: new Map(),
      previews: new Map(),
      metrics: this.metrics,
      globalKpis: new CampaignKpis(),
      trunkHealth: new TrunkHealthWatch(db),
    };
    this.reconciler = new Reconciler(this.ctx, opts.singleProcess ?? false);
    this.loop = new TickLoop(this.ctx, this.reconciler, { maxCps: opts.maxCps ?? 1000, listen: (p) => this.listen(p) });
    this.writer.onWritten((done) => {
      const outcomes = pacerMetrics().outcomes;
      for (const f of done) {
        outcomes.inc({ campaign: String(f.attempt.campaignId), outcome: f.outcome, disposition: f.disposition, cause: f.cause === null ? "none" : String(f.cause) });
        this.ctx.campaigns.get(f.attempt.campaignId)?.kpis.ended(f);
        this.ctx.globalKpis.ended(f);
      }
    });
  }

  async start(): Promise<void> {
    this.pbx.coordinate({
      callsOn: (key) => [...this.ctx.calls.values()].filter((c) => c.pbx.key === key).length + this.agents.linesOn(key),
      processCount: async () => this.nodesAlive,
    });
    await heartbeat(this.db, this.nodeId, LEASE_SEC);
    this.nodesAlive = (await liveNodes(this.db, NODE_STALE_SEC)).length;
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
    this.tickTimer = setInterval(() => void this.loop.tick(), TICK_MS);
    this.tickTimer.unref();
    await this.loop.tick();
  }

  /** Stops dialing and writes what is queued. Calls in flight stay up; the next start adopts or settles them. */
  async stop(): Promise<void> {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    await this.loop.stop();
    for (const hold of [...this.ctx.previews.values()]) await releasePreview(this.ctx, hold, null, null).catch(() => {});
    await this.monitors.stopAll();
    await this.agents.close();
    await this.writer.close();
    await forgetNode(this.db, this.nodeId).catch(() => {});
  }

  private async beat() {
    try {
      await heartbeat(this.db, this.nodeId, LEASE_SEC);
      this.nodesAlive = Math.max(1, (await liveNodes(this.db, NODE_STALE_SEC)).length);
    } catch (err) {
      logger.warn({ err }, "dialer heartbeat failed");
    }
  }

  /** Live figures for the runtime view and the benchmark. */
  runtimeOf(campaignId: number) {
    return runtimeView(this.ctx, campaignId);
  }

  liveCallCount(): number {
    return this.ctx.calls.size;
  }

  metricsSummary() {
    const sorted = [...this.metrics.ticks].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100 : 0);
    return {
      originated: this.metrics.originated,
      originateErrors: this.metrics.originateErrors,
      tickP50Ms: at(0.5),
      tickP99Ms: at(0.99),
      ticks: sorted.length,
      uptimeSec: Math.round((Date.now() - this.metrics.startedAt) / 1000),
    };
  }

  /** What route handlers and /metrics reach through the runtime registry. */
  asRuntime(): DialerRuntime {
    return { nodeId: this.nodeId, campaignRuntime: (id) => this.runtimeOf(id), liveCalls: () => this.liveCallCount(), metrics: () => this.metricsSummary(), scrape: () => this.scrape() };
  }

  /** The live state /metrics reports: per campaign, calls and abandonment as pacing sees them; the agents' lines. */
  scrape(): DialerScrape {
    const rate = (w: { liveAnswers: number; abandoned: number } | undefined) => (w && w.liveAnswers > 0 ? w.abandoned / w.liveAnswers : 0);
    const campaigns = [...this.ctx.campaigns.values()].map((rt) => ({
      id: rt.row.id,
      calls: rt.calls.size,
      waiting: rt.waiting.length,
      abandonCap: rt.row.abandonCap,
      abandonRates: {
        "60s": rt.kpis.snapshot(rt.calls.size).abandon60s,
        "1h": rate(rt.abandonment?.lastHour),
        "24h": rate(rt.abandonment?.window24h),
        "30d": rate(rt.abandonment?.window30d),
      },
    }));
    return { campaigns, agents: this.agents.stateCounts() };
  }

  /** Each PBX's call events go to the agent pool (agents' phones), the supervisors' monitoring sessions, or the customer call they belong to. */
  private listen(p: DialablePbx) {
    if (this.listening.has(p.driver)) return;
    this.listening.add(p.driver);
    p.driver.on("call", (event: CallEvent) => {
      try {
        if (this.agents.handles(event.channelId)) this.agents.onEvent(event);
        else if (this.monitors.handles(event.channelId)) this.monitors.onEvent(event);
        else if (this.ctx.trunkHealth.handles(event.channelId)) this.ctx.trunkHealth.onEvent(event);
        else onCallEvent(this.ctx, event);
      } catch (err) {
        logger.error({ err, event: event.type }, "call event handling failed");
      }
    });
    p.driver.on("reconnected", () => this.reconciler.forget(p.key));
  }
}
