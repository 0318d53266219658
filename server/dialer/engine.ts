import { randomUUID } from "node:crypto";
import type { Db, DbOrTx } from "@/db/client";
import type { CallAttempt, Campaign, IvrAction, IvrMenu } from "@/db/schema";
import type { CallState } from "@/lib/realtime-events";
import { addDncNumber, dncNumbersAmong } from "../dnc/queries";
import { findIvrMenu, listIvrActionRows } from "../ivr/queries";
import { logger } from "../logger";
import { PbxError, type CallEvent, type PbxDriver } from "../pbx/driver";
import type { DialablePbx, PbxManager } from "../pbx/manager";
import { publish } from "../runtime/registry";
import { AgentPool, type AgentLine } from "./agent-pool";
import { AttemptWriter } from "./attempt-writer";
import { callableAt, nextScheduleOpening, scheduleOpen } from "./compliance";
import { customerDialString, dialplanTarget } from "./dial-string";
import { CampaignKpis } from "./kpis";
import { CDR_DISPOSITION, isTrunkFailure, leadResultOf, leadResultOfDisposition, type AttemptOutcome, type RetryDefaults } from "./outcomes";
import { TrunkPicker, type TrunkRoute, type TrunkSlot } from "./trunk-picker";
import { lockCampaignRoutes, rerouteAttempts, saveTrunkUsage, type Reroute, type RouteRow } from "../trunks/queries";
import { amdAllowed, decidePacing, emptyOutcomeStats, recordDialOutcome, recordHandle, type OutcomeStats, type PacingDecision } from "./pacing";
import {
  abandonWindows,
  adoptAttempts,
  campaignStatuses,
  claimLeads,
  completeIfDone,
  expiredLeaseAttemptIds,
  forgetNode,
  heartbeat,
  liveNodes,
  markOriginating,
  openAttempts,
  releaseUnplaced,
  releaseOrphanLeads,
  returnPreviewLead,
  runningCampaigns,
  UNPLACED_STATES,
  type Candidate,
  type FinishedAttempt,
  type Screened,
} from "./queries";

/** Seconds a person who answered may wait for an agent before the call counts as abandoned. */
export const CONNECT_GRACE_SEC = 2;
/** The law's floor for ringing an unanswered call. */
export const MIN_DIAL_TIMEOUT_SEC = 15;
/** Where the dialplan sends a call that goes to an extension. */
const DIALPLAN_CONTEXT = "from-internal";
/** The dialplan step that runs answering-machine detection and hands the call back with its verdict. */
const AMD_CONTEXT = "pacer-amd";
const TICK_MS = 250;
const HEARTBEAT_MS = 5000;
const RECONCILE_MS = 10_000;
const LEASE_SEC = 90;
const NODE_STALE_SEC = 20;
/** A person sent to an agent queue from an IVR may wait this long (they chose to). */
const QUEUE_WAIT_SEC = 60;
/** A call whose trunk failed waits this long for room on another before it takes the failure as its outcome. */
const FAILOVER_WAIT_MS = 15_000;

type HangupHow = { outcome: Extract<CallEvent, { type: "hangup" }>["outcome"]; cause: number | null; causeText: string | null; sipCode: number | null; at: Date };

export type CallPhase = "dialing" | "ringing" | "amd" | "waiting" | "connected" | "ivr" | "destination" | "message" | "ending";

/** A customer call this process placed and follows until it ends. */
export type LiveCall = {
  attempt: CallAttempt;
  lead: Candidate | null;
  campaignId: number;
  pbx: DialablePbx;
  phase: CallPhase;
  answeredAt: Date | null;
  amdResult: string | null;
  abandoned: boolean;
  agent: AgentLine | null;
  agentName: string | null;
  /** Set by Pacer when it decides how the call ends (machine, cancelled by a stop…). */
  outcome: AttemptOutcome | null;
  leadDisposition: string | null;
  callbackAt: Date | null;
  recordingFile: string | null;
  waitTimer: NodeJS.Timeout | null;
  ivr: { menu: IvrMenu; actions: IvrAction[]; timer: NodeJS.Timeout | null; replays: number } | null;
  /** Adopted after a restart: followed to its end, no new actions. */
  adopted: boolean;
  /** Waiting for an agent, and ending unserved would count as abandoned. */
  abandonIfUnserved?: boolean;
  /** Found on a do-not-call list just before dialing: never placed. */
  phoneOnDnc?: boolean;
  /** Trunks this attempt already failed on (congested, unavailable). */
  triedTrunks?: Set<number>;
  /** Waiting for another trunk (or a new start slot): how the last leg ended, and since when. */
  reroute?: { failure: HangupHow | null; since: number } | null;
  sendTimer?: NodeJS.Timeout | null;
};

/** A lead claimed for an agent to look at before it is dialed (preview mode). */
type PreviewHold = {
  agent: AgentLine;
  attempt: CallAttempt;
  lead: Candidate;
  campaignId: number;
  pbx: DialablePbx;
  timer: NodeJS.Timeout | null;
};

type CampaignRuntime = {
  row: Campaign;
  stats: OutcomeStats;
  calls: Set<LiveCall>;
  /** People answered, waiting for an agent, oldest first. */
  waiting: LiveCall[];
  abandonment: Awaited<ReturnType<typeof abandonWindows>> | null;
  abandonmentAt: number;
  lastDoneCheck: number;
  decision: PacingDecision | null;
  kpis: CampaignKpis;
  served: { total: number; withinGrace: number };
  /** The campaign's usable trunks as last seen (empty: it dials through its own trunk_type/trunk_value). */
  routes: TrunkRoute[];
  /** Smooth weighted round-robin state, per trunk, carried from tick to tick. */
  wrr: Map<number, number>;
  /** Calls off the PBX waiting for another trunk or a new start slot. */
  rerouting: LiveCall[];
};

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
const amdSetting = (c: Campaign) => ({ enabled: c.amdEnabled, falsePositiveRate: c.amdFalsePositiveRate, falsePositivesAbandon: c.abandonRule === "uk" });
/**
 * Whether answered calls go through AMD: as the campaign says, unless AMD's own mistakes would
 * spend the abandonment budget (pacing decides that, for every mode alike).
 */
const amdOn = (c: Campaign) => amdAllowed(amdSetting(c), c.abandonCap);

export class Dialer {
  readonly nodeId: string;
  private readonly writer: AttemptWriter;
  readonly agents: AgentPool;
  private readonly campaigns = new Map<number, CampaignRuntime>();
  private readonly calls = new Map<string, LiveCall>();
  /** Adopted answered calls waiting for their campaign to be loaded (resumeAdopted). */
  private adoptedPending: LiveCall[] = [];
  /** Preview leads in front of agents, by agent id. */
  private readonly previews = new Map<number, PreviewHold>();
  private readonly listening = new WeakSet<PbxDriver>();
  private readonly reconciledKeys = new Set<string>();
  private tickTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopping = false;
  private lastReconcile = 0;
  private nodesAlive = 1;
  private tickCount = 0;
  /** Tick durations (ms) and originate counters, for bench/dialer and the runtime view. */
  readonly metrics = { ticks: [] as number[], originated: 0, originateErrors: 0, startedAt: Date.now() };
  private readonly globalKpis = new CampaignKpis();
  private lastKpiAt = 0;
  private readonly maxCps: number;
  private readonly singleProcess: boolean;

  constructor(
    private readonly db: Db,
    private readonly pbx: PbxManager,
    opts: DialerOptions,
  ) {
    this.nodeId = opts.nodeId;
    this.maxCps = opts.maxCps ?? 1000;
    this.singleProcess = opts.singleProcess ?? false;
    this.writer = new AttemptWriter(db);
    this.agents = new AgentPool(db, this.nodeId, {
      onAvailable: (agent) => this.agentFree(agent),
      onAgentLost: (agent, call) => this.agentLost(agent, call),
      onPreviewChoice: (agent, action, attemptId) => void this.previewChoice(agent, action, attemptId).catch((err) => logger.error({ err }, "preview choice failed")),
    });
    this.writer.onWritten((done) => {
      for (const f of done) {
        this.campaigns.get(f.attempt.campaignId)?.kpis.ended(f);
        this.globalKpis.ended(f);
      }
    });
  }

  async start(): Promise<void> {
    this.pbx.coordinate({
      callsOn: (key) => [...this.calls.values()].filter((c) => c.pbx.key === key).length + this.agents.linesOn(key),
      processCount: async () => this.nodesAlive,
    });
    await heartbeat(this.db, this.nodeId, LEASE_SEC);
    this.nodesAlive = (await liveNodes(this.db, NODE_STALE_SEC)).length;
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
    this.tickTimer = setInterval(() => void this.tick(), TICK_MS);
    this.tickTimer.unref();
    await this.tick();
  }

  /** Stops dialing and writes what is queued. Calls in flight stay up; the next start adopts or settles them. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    while (this.ticking) await new Promise((r) => setTimeout(r, 20));
    for (const hold of [...this.previews.values()]) await this.releasePreview(hold, null, null).catch(() => {});
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
    const rt = this.campaigns.get(campaignId);
    if (!rt) return null;
    const pool = this.agents.counts(campaignId);
    return {
      decision: rt.decision,
      calls: rt.calls.size,
      waiting: rt.waiting.length,
      agents: pool,
      kpis: rt.kpis.snapshot(rt.calls.size),
      abandonment: rt.abandonment,
    };
  }

  liveCallCount(): number {
    return this.calls.size;
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

  // ---------------------------------------------------------------------------------------------
  // The tick

  private async tick() {
    if (this.ticking || this.stopping) return;
    this.ticking = true;
    const started = performance.now();
    try {
      const pbxs = this.pbx.dialable();
      for (const p of pbxs) this.listen(p);
      await this.reconcile(pbxs);
      await this.agents.sync(pbxs);
      const running = await runningCampaigns(this.db);
      await this.dropStoppedCampaigns(running);
      await this.sweepPreviews(running);
      for (const rt of this.campaigns.values()) if (rt.rerouting.length) await this.reroute(rt);
      let budget = Math.max(1, Math.round((this.maxCps * TICK_MS) / 1000));
      // Campaigns take turns going first: the first to claim may fill a trunk they share (or the
      // process's CPS budget), so a fixed order would starve the others.
      this.tickCount += 1;
      const turn = running.length ? this.tickCount % running.length : 0;
      for (const row of [...running.slice(turn), ...running.slice(0, turn)]) {
        const rt = this.runtimeFor(row);
        this.resumeAdopted(rt);
        budget -= await this.dialCampaign(rt, pbxs.filter((p) => !p.draining), budget);
      }
      this.maybeKpis();
    } catch (err) {
      logger.error({ err }, "dialer tick failed");
    } finally {
      this.ticking = false;
      const ms = performance.now() - started;
      this.metrics.ticks.push(ms);
      if (this.metrics.ticks.length > 10_000) this.metrics.ticks.splice(0, 5000);
    }
  }

  private runtimeFor(row: Campaign): CampaignRuntime {
    let rt = this.campaigns.get(row.id);
    if (!rt) {
      rt = {
        row,
        stats: emptyOutcomeStats(),
        calls: new Set(),
        waiting: [],
        abandonment: null,
        abandonmentAt: 0,
        lastDoneCheck: 0,
        decision: null,
        kpis: new CampaignKpis(),
        served: { total: 0, withinGrace: 0 },
        routes: [],
        wrr: new Map(),
        rerouting: [],
      };
      this.campaigns.set(row.id, rt);
    }
    rt.row = row;
    return rt;
  }

  /** Campaigns that left `running`: a stop hangs up their calls; a pause lets them finish. */
  private async dropStoppedCampaigns(running: Campaign[]) {
    const runningIds = new Set(running.map((c) => c.id));
    const gone = [...this.campaigns.keys()].filter((id) => !runningIds.has(id));
    if (gone.length === 0) return;
    const statuses = await campaignStatuses(this.db, gone);
    for (const id of gone) {
      const rt = this.campaigns.get(id)!;
      const status = statuses.get(id);
      if (status === "paused" && rt.calls.size > 0) continue;
      if (status !== "paused" && status !== "completed") {
        for (const call of rt.calls) {
          call.outcome ??= call.answeredAt ? null : "cancelled";
          this.hangup(call);
        }
        // Calls between trunks are on no PBX: they end here.
        for (const call of rt.rerouting.splice(0)) this.finishOffPbx(call, call.reroute?.failure ?? { outcome: "cancelled", cause: null, causeText: "campaign stopped", sipCode: null, at: new Date() });
      }
      if (rt.calls.size === 0) this.campaigns.delete(id);
    }
  }

  private retryDefaults(c: Campaign): RetryDefaults {
    return { retryTimes: c.retryTimes, retryDelaySec: c.retryDelay, rules: c.retryRules };
  }

  /** How many lines to open for a campaign now, by its mode. */
  private linesWanted(rt: CampaignRuntime, pbxs: DialablePbx[]): { lines: number; pbx: DialablePbx | null } {
    const c = rt.row;
    if (c.dialMode === "agentless") {
      return { lines: Math.max(0, c.concurrentCalls - rt.calls.size), pbx: pickPbx(pbxs, this.calls) };
    }
    if (c.dialMode === "preview") return { lines: 0, pbx: null };
    // Agent modes dial where the campaign's agents are: the PBX holding their phones.
    const where = this.agents.pbxOfCampaign(c.id);
    const pbx = where ? (pbxs.find((p) => p.key === where) ?? null) : null;
    if (!pbx) {
      rt.decision = { lines: 0, mode: "idle", reason: where ? "the agents' PBX is not connected" : "no agent logged in", answerRate: 0, amd: amdOn(c) };
      return { lines: 0, pbx: null };
    }
    const pool = this.agents.counts(c.id);
    const notYetConnected = [...rt.calls].filter((x) => x.phase === "dialing" || x.phase === "ringing" || x.phase === "amd");
    if (c.dialMode === "progressive") {
      const lines = Math.max(0, pool.available - notYetConnected.length - rt.waiting.length);
      rt.decision = { lines, mode: lines > 0 ? "progressive" : "idle", reason: `${pool.available} agent(s) ready`, answerRate: 0, amd: amdOn(c) };
      return { lines, pbx };
    }
    // Predictive, never with nobody working the campaign.
    if (pool.available + pool.onCall + pool.wrapup === 0) {
      rt.decision = { lines: 0, mode: "idle", reason: "no agent logged in and ready", answerRate: 0, amd: amdOn(c) };
      return { lines: 0, pbx };
    }
    const now = Date.now();
    const ab = rt.abandonment ?? { window30d: { liveAnswers: 0, abandoned: 0 }, window24h: { liveAnswers: 0, abandoned: 0 }, lastHour: { liveAnswers: 0, abandoned: 0 } };
    const decision = decidePacing({
      readyAgents: pool.available,
      inCall: this.agents.inCall(c.id).map((a) => ({ talkSec: (now - a.since) / 1000 })),
      wrapUp: this.agents.inWrapup(c.id).map((a) => ({ elapsedSec: (now - a.since) / 1000 })),
      ringing: notYetConnected.map((x) => ({ ringSec: (now - x.attempt.startedAt.getTime()) / 1000 })),
      waitingCallers: rt.waiting.length,
      outcomes: rt.stats,
      abandonment: { ...ab, cap: c.abandonCap },
      amd: amdSetting(c),
    });
    rt.decision = decision;
    return { lines: decision.lines, pbx };
  }

  /** One campaign's share of a tick; returns how many calls it placed. */
  private async dialCampaign(rt: CampaignRuntime, pbxs: DialablePbx[], budget: number): Promise<number> {
    const c = rt.row;
    const now = new Date();
    if (Date.now() - rt.abandonmentAt > 5000) {
      rt.abandonment = await abandonWindows(this.db, c.id, now, c.abandonRule === "uk" ? c.amdFalsePositiveRate : 0);
      rt.abandonmentAt = Date.now();
    }
    if (!scheduleOpen(c.schedule, c.timezone, now)) {
      if (rt.calls.size === 0 && nextScheduleOpening(c.schedule, c.timezone, now) === null) await this.checkDone(rt, true);
      return 0;
    }
    if (c.dialMode === "preview") return this.offerPreviews(rt, pbxs, budget);
    const { lines, pbx } = this.linesWanted(rt, pbxs);
    const n = Math.min(lines, budget);
    if (n <= 0 || !pbx) {
      if (rt.calls.size === 0) await this.checkDone(rt);
      return 0;
    }
    const claimed = await claimLeads<TrunkSlot>(this.db, {
      campaignId: c.id,
      limit: n,
      owner: this.nodeId,
      now,
      leaseSec: LEASE_SEC,
      screen: (tx, candidates) => screenLeads(tx, c, candidates, now),
      route: async (tx) => {
        const { routes, loads } = await lockCampaignRoutes(tx, c.id);
        if (routes.length === 0) {
          rt.routes = [];
          return null;
        }
        rt.routes = usableRoutes(routes, pbx.key);
        const picker = new TrunkPicker(rt.routes, loads, Date.now(), rt.wrr);
        return { limit: picker.room(n), assign: () => picker.take(), done: (t) => saveTrunkUsage(t, picker.usage()) };
      },
      attemptFor: (lead, slot) => ({
        channelId: randomUUID(),
        pbxKey: pbx.key,
        dialString: slot ? customerDialString(pbx.kind, slot.route.type, slot.route.value, lead.phoneNumber) : customerDialString(pbx.kind, c.trunkType, c.trunkValue, lead.phoneNumber),
        trunk: slot ? slot.route.name : c.trunkValue,
        trunkId: slot?.route.trunkId ?? null,
        dialedAt: slot ? new Date(slot.at) : null,
      }),
    });
    if (claimed.trunksFull && rt.decision) rt.decision = { ...rt.decision, reason: `${rt.decision.reason}; every trunk is at its channel or CPS cap` };
    if (claimed.attempts.length === 0) {
      if (rt.calls.size === 0 && !claimed.trunksFull && claimed.dnc === 0 && claimed.later === 0) await this.checkDone(rt);
      return 0;
    }
    // The list may have changed since the claim: a number put on DNC a moment ago is not called.
    const lastLook = await dncNumbersAmong(this.db, c.id, claimed.attempts.map((a) => a.phoneNumber));
    await markOriginating(this.db, claimed.attempts.filter((a) => !lastLook.has(a.phoneNumber)).map((a) => a.id));
    for (const attempt of claimed.attempts) {
      const call = liveCall(attempt, pbx, { lead: attempt.lead });
      if (lastLook.has(attempt.phoneNumber)) {
        // Only this number is barred: the lead goes on to its next one, if it has one.
        call.phoneOnDnc = true;
        this.finish(call, { outcome: "cancelled", cause: null, causeText: "on the do-not-call list (checked before dialing)", sipCode: null, at: new Date() }, true);
        continue;
      }
      this.calls.set(attempt.channelId, call);
      rt.calls.add(call);
      this.sendInSlot(rt, call);
    }
    return claimed.attempts.length;
  }

  // ---------------------------------------------------------------------------------------------
  // Preview: a lead is claimed for one ready agent, shown, and dialed only when the agent says so

  /** Offers a lead to every ready agent of a preview campaign who has none in front of them. */
  private async offerPreviews(rt: CampaignRuntime, pbxs: DialablePbx[], budget: number): Promise<number> {
    const c = rt.row;
    const where = this.agents.pbxOfCampaign(c.id);
    const pbx = where ? (pbxs.find((p) => p.key === where) ?? null) : null;
    const free = pbx ? this.agents.freeForPreview(c.id).filter((a) => a.pbxKey === pbx.key) : [];
    const shown = [...this.previews.values()].filter((h) => h.campaignId === c.id).length;
    rt.decision = { lines: 0, mode: pbx ? "preview" : "idle", reason: pbx ? `${shown} lead(s) shown to agents, ${free.length} agent(s) waiting for one` : "no agent logged in", answerRate: 0, amd: amdOn(c) };
    const n = Math.min(free.length, budget);
    if (n <= 0 || !pbx) {
      if (rt.calls.size === 0 && shown === 0) await this.checkDone(rt);
      return 0;
    }
    const now = new Date();
    const claimed = await claimLeads(this.db, {
      campaignId: c.id,
      limit: n,
      owner: this.nodeId,
      now,
      leaseSec: LEASE_SEC,
      screen: (tx, candidates) => screenLeads(tx, c, candidates, now),
      attemptFor: (lead) => ({
        channelId: randomUUID(),
        pbxKey: pbx.key,
        dialString: customerDialString(pbx.kind, c.trunkType, c.trunkValue, lead.phoneNumber),
        trunk: c.trunkValue,
        state: "preview",
      }),
    });
    if (claimed.attempts.length === 0) {
      if (rt.calls.size === 0 && shown === 0 && claimed.dnc === 0 && claimed.later === 0) await this.checkDone(rt);
      return 0;
    }
    claimed.attempts.forEach((attempt, i) => {
      const agent = free[i];
      const hold: PreviewHold = { agent, attempt, lead: attempt.lead, campaignId: c.id, pbx, timer: null };
      this.previews.set(agent.agentId, hold);
      const timeoutSec = c.previewTimeoutSec;
      if (timeoutSec > 0) {
        hold.timer = setTimeout(() => {
          hold.timer = null;
          if (this.previews.get(agent.agentId) !== hold) return;
          logger.info({ campaign: c.id, agent: agent.name, lead: attempt.leadId, action: c.previewTimeoutAction }, "preview timed out");
          const next = c.previewTimeoutAction === "dial" ? this.dialPreview(hold) : this.skipPreview(hold, "preview timed out");
          void next.catch((err) => logger.error({ err }, "preview timeout failed"));
        }, timeoutSec * 1000);
        hold.timer.unref();
      }
      this.agents.showPreview(agent, {
        attemptId: attempt.id,
        leadId: attempt.leadId,
        number: attempt.phoneNumber,
        data: attempt.lead.data ?? null,
        expiresAt: timeoutSec > 0 ? now.getTime() + timeoutSec * 1000 : null,
        onTimeout: c.previewTimeoutAction,
      });
    });
    return 0;
  }

  /** The agent chose (through the API, applied here because this process holds the agent). */
  private async previewChoice(agent: AgentLine, action: "dial" | "skip", attemptId: number | null) {
    const hold = this.previews.get(agent.agentId);
    if (!hold || hold.attempt.id !== attemptId) {
      logger.info({ agent: agent.name, attemptId, action }, "preview choice for a lead no longer shown; ignored");
      return;
    }
    if (action === "dial") await this.dialPreview(hold);
    else await this.skipPreview(hold, "skipped by the agent");
  }

  private takePreview(hold: PreviewHold): boolean {
    if (this.previews.get(hold.agent.agentId) !== hold) return false;
    this.previews.delete(hold.agent.agentId);
    if (hold.timer) clearTimeout(hold.timer);
    hold.timer = null;
    return true;
  }

  /** The lead goes back uncalled, not dialable again before the campaign's retry delay; the agent is offered the next. */
  private async skipPreview(hold: PreviewHold, reason: string) {
    const rt = this.campaigns.get(hold.campaignId);
    const delaySec = rt?.row.retryDelay ?? 300;
    await this.releasePreview(hold, new Date(Date.now() + delaySec * 1000), reason);
  }

  private async releasePreview(hold: PreviewHold, retryAt: Date | null, reason: string | null) {
    if (!this.takePreview(hold)) return;
    if (this.agents.holds(hold.agent) && hold.agent.preview?.attemptId === hold.attempt.id) this.agents.showPreview(hold.agent, null);
    await returnPreviewLead(this.db, hold.attempt, { retryAt, reason });
  }

  /** Leads shown to agents who left, or of campaigns no longer running, go back as they were. */
  private async sweepPreviews(running: Campaign[]) {
    if (this.previews.size === 0) return;
    const runningIds = new Set(running.map((c) => c.id));
    for (const hold of [...this.previews.values()]) {
      const agentGone = !this.agents.holds(hold.agent) || hold.agent.state !== "available" || hold.agent.preview?.attemptId !== hold.attempt.id;
      if (agentGone || !runningIds.has(hold.campaignId)) await this.releasePreview(hold, null, null);
    }
  }

  /**
   * A trunk call goes out at its start slot. One that could only go out after its slot's second
   * is over (a stalled event loop) would break the trunk's CPS cap in the next second: it waits
   * for a fresh slot instead.
   */
  private sendInSlot(rt: CampaignRuntime, call: LiveCall) {
    const trunkId = call.attempt.trunkId;
    const at = trunkId !== null && call.attempt.dialedAt ? call.attempt.dialedAt.getTime() : null;
    // Only a CPS cap ties a call to its slot's second; without one the slot is just "now".
    const timed = at !== null && rt.routes.some((r) => r.trunkId === trunkId && r.maxCps !== null);
    const go = () => {
      call.sendTimer = null;
      if (!this.calls.has(call.attempt.channelId)) return;
      if (timed && at !== null && Math.floor(Date.now() / 1000) > Math.floor(at / 1000)) {
        this.calls.delete(call.attempt.channelId);
        call.reroute = { failure: call.reroute?.failure ?? null, since: call.reroute?.since ?? Date.now() };
        rt.rerouting.push(call);
        return;
      }
      void this.originate(call, rt.row);
    };
    const wait = at === null ? 0 : at - Date.now();
    if (wait <= 1) go();
    else call.sendTimer = setTimeout(go, wait);
  }

  /**
   * Calls waiting for another trunk (their last one failed) or a new slot get one, in one
   * transaction under the trunks' locks as new calls do. A call with no trunk left to try, or
   * that waited too long for room, ends with its last failure.
   */
  private async reroute(rt: CampaignRuntime) {
    const waiting = rt.rerouting.splice(0);
    const moved: { call: LiveCall; move: Reroute }[] = [];
    const keep: LiveCall[] = [];
    const giveUp: LiveCall[] = [];
    try {
      await this.db.transaction(async (tx) => {
        const { routes, loads } = await lockCampaignRoutes(tx, rt.row.id);
        const picker = new TrunkPicker(routes.filter((r) => r.enabled), loads, Date.now(), rt.wrr);
        for (const call of waiting) {
          const usable = usableRoutes(routes, call.pbx.key);
          const tried = call.triedTrunks ?? new Set<number>();
          const candidates = usable.filter((r) => !tried.has(r.trunkId));
          // Its open attempt is counted on its current trunk; it is leaving it (or taking a new slot there).
          picker.release(call.attempt.trunkId);
          const slot = candidates.length ? pickFrom(picker, usable, tried) : null;
          if (!slot) picker.occupy(call.attempt.trunkId);
          if (slot) {
            const move: Reroute = {
              attemptId: call.attempt.id,
              channelId: randomUUID(),
              dialString: customerDialString(call.pbx.kind, slot.route.type, slot.route.value, call.attempt.phoneNumber),
              trunk: slot.route.name,
              trunkId: slot.route.trunkId,
              dialedAt: new Date(slot.at),
              failover: call.reroute?.failure != null,
            };
            moved.push({ call, move });
          } else if (candidates.length === 0 || Date.now() - (call.reroute?.since ?? 0) > FAILOVER_WAIT_MS) giveUp.push(call);
          else keep.push(call);
        }
        await rerouteAttempts(tx, moved.map((m) => m.move));
        await saveTrunkUsage(tx, picker.usage());
      });
    } catch (err) {
      logger.warn({ err, campaign: rt.row.id }, "could not move calls to another trunk; trying again");
      rt.rerouting.push(...waiting);
      return;
    }
    rt.rerouting.push(...keep);
    // A call that failed on a trunk ends with that failure; one never sent (it waited for a slot) gives its lead back untouched.
    const unsent = giveUp.filter((c) => !c.reroute?.failure);
    for (const call of giveUp) if (call.reroute?.failure) this.finishOffPbx(call, call.reroute.failure);
    if (unsent.length) {
      try {
        await releaseUnplaced(this.db, unsent.map((c) => c.attempt), { ownCalls: true });
        for (const call of unsent) rt.calls.delete(call);
        logger.info({ campaign: rt.row.id, leads: unsent.length }, "gave back leads that found no room on the campaign's trunks");
      } catch (err) {
        logger.warn({ err }, "could not give back leads that found no trunk room; trying again");
        rt.rerouting.push(...unsent);
      }
    }
    for (const { call, move } of moved) {
      call.attempt = { ...call.attempt, channelId: move.channelId, dialString: move.dialString, trunk: move.trunk, trunkId: move.trunkId, dialedAt: move.dialedAt, failovers: call.attempt.failovers + (move.failover ? 1 : 0) };
      call.reroute = null;
      call.phase = "dialing";
      this.calls.set(move.channelId, call);
      this.sendInSlot(rt, call);
    }
  }

  /**
   * Dials the lead the agent chose, with the agent reserved for it: the customer joins that
   * agent's line when they answer, so nobody is left waiting (no abandonment in preview mode).
   */
  private async dialPreview(hold: PreviewHold) {
    if (!this.takePreview(hold)) return;
    const { agent, attempt, lead } = hold;
    const rt = this.campaigns.get(hold.campaignId);
    const c = rt?.row;
    const giveBack = async (retryAt: Date | null, reason: string | null) => {
      if (this.agents.holds(agent) && agent.preview?.attemptId === attempt.id) this.agents.showPreview(agent, null);
      await returnPreviewLead(this.db, attempt, { retryAt, reason });
    };
    if (!rt || !c || !this.isRunning(rt) || !this.agents.holds(agent) || agent.state !== "available" || !agent.bridgeId) return giveBack(null, null);
    if (!hold.pbx.driver.health().connected) return giveBack(null, null);
    // Time passed while the agent read the lead: the do-not-call list and the hours are checked again.
    const now = new Date();
    const onDnc = (await dncNumbersAmong(this.db, c.id, [attempt.phoneNumber])).has(attempt.phoneNumber);
    if (onDnc) {
      this.agents.showPreview(agent, null);
      const call = liveCall(attempt, hold.pbx, { lead });
      call.leadDisposition = "DNC";
      this.finish(call, { outcome: "cancelled", cause: null, causeText: "on the do-not-call list (checked before dialing)", sipCode: null, at: now }, true);
      return;
    }
    const verdict = callableAt({ lead, campaignZone: c.timezone, callingHours: { start: c.callingHoursStart, end: c.callingHoursEnd }, schedule: c.schedule, at: now });
    if (!verdict.ok) return giveBack(verdict.retryAt ?? new Date(now.getTime() + 3600_000), verdict.reason);
    await markOriginating(this.db, [attempt.id]);
    const call = liveCall({ ...attempt, state: "originating" }, hold.pbx, { lead, agent, agentName: agent.name });
    this.agents.assign(agent, call);
    this.calls.set(attempt.channelId, call);
    rt.calls.add(call);
    await this.originate(call, c);
  }

  /**
   * The PBX says this leg failed on its trunk (congested, unreachable): the same attempt goes out
   * again through another of the campaign's trunks before it gets an outcome. Never for a call
   * someone answered, one Pacer itself ended, or a far-end answer (busy, no answer, no such number).
   */
  private failOver(call: LiveCall, how: HangupHow, trunkFault: boolean): boolean {
    const rt = this.campaigns.get(call.campaignId);
    const trunkId = call.attempt.trunkId;
    if (!rt || trunkId === null || !trunkFault || call.answeredAt || call.outcome || call.adopted || call.phase === "ending") return false;
    const tried = (call.triedTrunks ??= new Set());
    tried.add(trunkId);
    if (!rt.routes.some((r) => !tried.has(r.trunkId))) return false;
    this.calls.delete(call.attempt.channelId);
    this.publishCall(call, "Hangup", how.sipCode, how.at);
    call.reroute = { failure: how, since: Date.now() };
    rt.rerouting.push(call);
    logger.debug({ campaign: rt.row.id, attempt: call.attempt.id, trunk: call.attempt.trunk, cause: how.cause }, "trunk failed the call; failing over");
    return true;
  }

  /** Ends a call that is on no PBX (between trunks). */
  private finishOffPbx(call: LiveCall, how: HangupHow) {
    if (call.sendTimer) clearTimeout(call.sendTimer);
    this.finish(call, how, true);
  }

  private async originate(call: LiveCall, c: Campaign) {
    const onAnswer = this.onAnswerTarget(c);
    try {
      this.metrics.originated += 1;
      this.publishCall(call, "Dialing");
      await call.pbx.driver.originate({
        channelId: call.attempt.channelId,
        endpoint: call.attempt.dialString,
        callerId: c.callerid ?? undefined,
        ringTimeoutSec: Math.max(MIN_DIAL_TIMEOUT_SEC, c.dialTimeout),
        variables: { PACER_CAMPAIGN: String(c.id), PACER_LEAD: String(call.attempt.leadId), PACER_ATTEMPT: String(call.attempt.id) },
        onAnswer,
      });
    } catch (err) {
      this.metrics.originateErrors += 1;
      if (!this.calls.has(call.attempt.channelId)) return;
      const text = err instanceof Error ? err.message : String(err);
      const how: HangupHow = { outcome: "failed", cause: null, causeText: text.slice(0, 200), sipCode: null, at: new Date() };
      // The PBX refused to make the channel (no such endpoint, allocation failed): the trunk's
      // fault, not the number's. A timeout or lost connection may still have placed the call.
      const refused = err instanceof PbxError && (err.code === "pbx_error" || err.code === "bad_request");
      if (this.failOver(call, how, refused)) return;
      logger.warn({ campaign: c.id, number: call.attempt.phoneNumber, err: text }, "originate failed");
      this.finish(call, how);
    }
  }

  /**
   * Every call is placed into Pacer's control, so every event of it reaches us from the first
   * ring (a channel placed straight into the dialplan is only visible once subscribed to, and a
   * call refused within milliseconds would end unseen). Once answered it is sent on: to the AMD
   * step, or to the campaign's destination.
   */
  private onAnswerTarget(c: Campaign) {
    return { kind: "control" as const, args: ["customer", String(c.id)] };
  }

  private async checkDone(rt: CampaignRuntime, force = false) {
    if (!force && Date.now() - rt.lastDoneCheck < 1000) return;
    rt.lastDoneCheck = Date.now();
    if (rt.calls.size > 0 || this.writer.pending > 0) return;
    if (await completeIfDone(this.db, rt.row.id)) {
      logger.info({ campaign: rt.row.id }, "campaign completed: nothing left to dial");
      publish({ type: "campaign.update", campaign_id: rt.row.id, status: "completed", change: "status", ts: new Date().toISOString() });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // PBX events

  private listen(p: DialablePbx) {
    if (this.listening.has(p.driver)) return;
    this.listening.add(p.driver);
    p.driver.on("call", (event: CallEvent) => {
      try {
        if (this.agents.handles(event.channelId)) this.agents.onEvent(event);
        else this.onCallEvent(event);
      } catch (err) {
        logger.error({ err, event: event.type }, "call event handling failed");
      }
    });
    p.driver.on("reconnected", () => this.reconciledKeys.delete(p.key));
  }

  private onCallEvent(e: CallEvent) {
    const call = this.calls.get(e.channelId);
    if (!call) return;
    const rt = this.campaigns.get(call.campaignId);
    switch (e.type) {
      case "ringing":
        if (call.phase === "dialing") {
          call.phase = "ringing";
          this.publishCall(call, "Ringing");
        }
        return;
      case "answered":
        if (call.answeredAt) return;
        call.answeredAt = e.at;
        this.writer.addProgress({ attemptId: call.attempt.id, state: "answered", at: e.at });
        if (!rt || call.adopted) return;
        if (rt.row.recordCalls) void this.record(call);
        if (amdOn(rt.row)) {
          call.phase = "amd";
          void this.control(call, "start AMD", () => call.pbx.driver.redirect(call.attempt.channelId, { context: AMD_CONTEXT, extension: "s", priority: 1 }));
        } else this.human(rt, call);
        return;
      case "amd":
        if (!rt || call.phase !== "amd") return;
        call.amdResult = e.result;
        this.writer.addProgress({ attemptId: call.attempt.id, state: "answered", at: e.at, amdResult: e.result });
        if (e.result === "MACHINE") this.machine(rt, call);
        else this.human(rt, call);
        return;
      case "dtmf":
        if (call.ivr) this.ivrDigit(call, e.digit);
        return;
      case "playback_finished":
        if (call.phase === "message") this.hangup(call);
        else if (call.ivr && call.phase === "ivr") this.ivrListen(call);
        return;
      case "hangup": {
        const how: HangupHow = { outcome: e.outcome, cause: e.cause, causeText: e.causeText, sipCode: e.sipCode, at: e.at };
        if (this.failOver(call, how, isTrunkFailure(e.outcome, e.cause))) return;
        this.finish(call, how);
        return;
      }
      default:
        return;
    }
  }

  /** A dial resolved (a person, a machine, nobody): what pacing learns from. */
  private resolvedDial(rt: CampaignRuntime, call: LiveCall, kind: "human" | "machine" | "failed") {
    const ringSec = ((call.answeredAt ?? new Date()).getTime() - call.attempt.startedAt.getTime()) / 1000;
    recordDialOutcome(rt.stats, kind, ringSec);
  }

  /** A person answered. */
  private human(rt: CampaignRuntime, call: LiveCall) {
    this.resolvedDial(rt, call, "human");
    const c = rt.row;
    if (c.dialMode === "agentless") {
      if (c.agentDestType === "ivr") {
        void this.startIvr(call, Number(c.agentDestValue));
        return;
      }
      const target = dialplanTarget(c.agentDestValue, DIALPLAN_CONTEXT);
      if (target) {
        call.phase = "destination";
        call.agentName = c.agentDestValue;
        this.publishCall(call, "Connected");
        void this.control(call, "send to destination", () => call.pbx.driver.redirect(call.attempt.channelId, target));
        return;
      }
      call.outcome = "failed";
      this.hangup(call);
      return;
    }
    if (c.dialMode === "preview") {
      if (call.agent && this.agents.holds(call.agent)) return this.connect(rt, call, call.agent);
      // The agent who dialed logged out (or lost the phone) while it rang: nobody else takes it.
      call.agent = null;
      this.publishCall(call, "Abandoned");
      return this.playThenHangup(call, c.abandonMessage);
    }
    this.seekAgent(rt, call, CONNECT_GRACE_SEC, true);
  }

  private machine(rt: CampaignRuntime, call: LiveCall) {
    this.resolvedDial(rt, call, "machine");
    call.outcome = "machine";
    this.publishCall(call, "Voicemail");
    if (rt.row.machineAction === "message" && rt.row.machineMessage) this.playThenHangup(call, rt.row.machineMessage);
    else this.hangup(call);
  }

  /**
   * Connects a person to the longest-idle ready agent, or waits for one. Past the grace the
   * person hears the abandon message; with `countsAsAbandon` (a dialer-placed call reaching a
   * person the law protects) the call is counted as abandoned.
   */
  private seekAgent(rt: CampaignRuntime, call: LiveCall, graceSec: number, countsAsAbandon: boolean) {
    const agent = this.agents.longestIdle(rt.row.id, call.pbx.key);
    if (agent) {
      this.connect(rt, call, agent);
      return;
    }
    call.phase = "waiting";
    call.abandonIfUnserved = countsAsAbandon;
    rt.waiting.push(call);
    call.waitTimer = setTimeout(() => {
      call.waitTimer = null;
      const i = rt.waiting.indexOf(call);
      if (i === -1) return;
      rt.waiting.splice(i, 1);
      rt.served.total += 1;
      if (countsAsAbandon) {
        call.abandoned = true;
        call.outcome = "abandoned";
      }
      this.publishCall(call, "Abandoned");
      this.playThenHangup(call, rt.row.abandonMessage);
      this.publishQueue(rt);
    }, graceSec * 1000);
    this.publishQueue(rt);
  }

  private connect(rt: CampaignRuntime, call: LiveCall, agent: AgentLine) {
    const waitedMs = Date.now() - (call.answeredAt?.getTime() ?? Date.now());
    rt.served.total += 1;
    if (waitedMs <= CONNECT_GRACE_SEC * 1000) rt.served.withinGrace += 1;
    call.phase = "connected";
    call.agent = agent;
    call.agentName = agent.name;
    // A preview call's agent was reserved when they chose to dial.
    if (agent.call !== call) this.agents.assign(agent, call);
    this.writer.addProgress({ attemptId: call.attempt.id, state: "connected", at: new Date(), agentId: agent.agentId });
    this.publishCall(call, "Connected");
    void this.control(call, "connect to agent", () => call.pbx.driver.addToBridge(agent.bridgeId!, call.attempt.channelId)).then((ok) => {
      if (!ok && this.calls.has(call.attempt.channelId)) this.agentLost(agent, call);
    });
    this.publishQueue(rt);
  }

  /** An agent became free: the person waiting longest gets them. */
  private agentFree(agent: AgentLine): boolean {
    const rt = agent.campaignId ? this.campaigns.get(agent.campaignId) : undefined;
    if (!rt) return false;
    const i = rt.waiting.findIndex((c) => c.pbx.key === agent.pbxKey);
    if (i === -1) return false;
    const [call] = rt.waiting.splice(i, 1);
    if (call.waitTimer) clearTimeout(call.waitTimer);
    call.waitTimer = null;
    this.connect(rt, call, agent);
    return true;
  }

  /** The agent's phone dropped with a customer on the line: requeue them or let them go, by setting. */
  private agentLost(agent: AgentLine, call: LiveCall | null) {
    if (!call || !this.calls.has(call.attempt.channelId)) return;
    const rt = this.campaigns.get(call.campaignId);
    call.agent = null;
    if (!rt) return this.hangup(call);
    if (rt.row.dialMode === "preview") {
      // The call was the agent's own: nobody else takes it.
      if (!call.answeredAt) {
        call.outcome = "cancelled";
        return this.hangup(call);
      }
      this.publishCall(call, "Abandoned");
      return this.playThenHangup(call, rt.row.abandonMessage);
    }
    if (rt.row.agentDropAction === "requeue") {
      logger.info({ campaign: rt.row.id, agent: agent.name }, "agent phone dropped mid-call; customer requeued");
      this.seekAgent(rt, call, QUEUE_WAIT_SEC, false);
    } else {
      this.publishCall(call, "Abandoned");
      this.playThenHangup(call, rt.row.abandonMessage);
    }
  }

  private async record(call: LiveCall) {
    const name = `pacer-${call.attempt.campaignId}-${call.attempt.id}`;
    const ok = await this.control(call, "record", () => call.pbx.driver.startRecording({ channelId: call.attempt.channelId }, name));
    if (ok) call.recordingFile = `${name}.wav`;
  }

  private playThenHangup(call: LiveCall, media: string) {
    call.phase = "message";
    void this.control(call, "play", () => call.pbx.driver.play(call.attempt.channelId, media)).then((ok) => {
      if (!ok) this.hangup(call);
    });
    // Whatever the PBX says about the playback, the call does not outlive its message by much.
    setTimeout(() => this.hangup(call), 60_000).unref();
  }

  private hangup(call: LiveCall) {
    if (!this.calls.has(call.attempt.channelId) || call.phase === "ending") return;
    if (call.sendTimer) {
      // Still waiting for its start slot: the PBX never heard of it.
      this.calls.delete(call.attempt.channelId);
      this.finishOffPbx(call, { outcome: "cancelled", cause: null, causeText: "ended before it was dialed", sipCode: null, at: new Date() });
      return;
    }
    call.phase = "ending";
    call.pbx.driver.hangup(call.attempt.channelId).catch((err) => {
      // Already gone (its hangup event is on the way) or the PBX is unreachable (reconciliation settles it).
      if (!(err instanceof PbxError && err.code === "not_found")) logger.debug({ err }, "hangup failed");
    });
  }

  /**
   * Runs a control request on a call. Asterisk reports the answer a moment before the channel
   * enters the application, so a request that finds it "not in Stasis" is retried briefly.
   */
  private async control(call: LiveCall, what: string, fn: () => Promise<unknown>): Promise<boolean> {
    for (let i = 0; i < 20; i++) {
      if (!this.calls.has(call.attempt.channelId)) return false;
      try {
        await fn();
        return true;
      } catch (err) {
        if (err instanceof PbxError && err.code === "conflict" && i < 19) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        if (!(err instanceof PbxError && err.code === "not_found")) logger.warn({ err: err instanceof Error ? err.message : String(err), what }, "call control failed");
        return false;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // IVR

  private async startIvr(call: LiveCall, menuId: number) {
    const menu = Number.isInteger(menuId) ? await findIvrMenu(this.db, menuId) : undefined;
    if (!menu) {
      logger.warn({ campaign: call.campaignId, menuId }, "IVR menu not found; hanging up");
      return this.hangup(call);
    }
    if (call.ivr?.timer) clearTimeout(call.ivr.timer);
    call.ivr = { menu, actions: await listIvrActionRows(this.db, menu.id), timer: null, replays: call.ivr?.replays ?? 0 };
    call.phase = "ivr";
    call.agentName = `ivr:${menu.id}`;
    this.publishCall(call, "Connected");
    const ok = await this.control(call, "play menu", () => call.pbx.driver.play(call.attempt.channelId, menu.audioFile || "pacer/menu"));
    if (!ok) this.hangup(call);
  }

  /** The menu has played: wait `timeout` seconds for a digit, then take the `t` branch. */
  private ivrListen(call: LiveCall) {
    const ivr = call.ivr!;
    if (ivr.timer) clearTimeout(ivr.timer);
    ivr.timer = setTimeout(() => this.ivrChoose(call, "t"), ivr.menu.timeout * 1000);
  }

  private ivrDigit(call: LiveCall, digit: string) {
    if (call.phase !== "ivr") return;
    this.ivrChoose(call, digit);
  }

  private ivrChoose(call: LiveCall, key: string) {
    const ivr = call.ivr;
    if (!ivr || call.phase !== "ivr") return;
    if (ivr.timer) clearTimeout(ivr.timer);
    ivr.timer = null;
    const action = ivr.actions.find((a) => a.dtmfDigit === key) ?? (key !== "t" ? ivr.actions.find((a) => a.dtmfDigit === "i") : undefined);
    if (!action) {
      // No branch for silence or a wrong key: play the menu again, twice at most.
      if (ivr.replays >= 2) return this.hangup(call);
      ivr.replays += 1;
      void this.startIvr(call, ivr.menu.id);
      return;
    }
    void this.ivrAct(call, action);
  }

  private async ivrAct(call: LiveCall, action: IvrAction) {
    const rt = this.campaigns.get(call.campaignId);
    const value = action.actionValue ?? "";
    switch (action.actionType) {
      case "exten":
      case "custom": {
        const target = dialplanTarget(value, DIALPLAN_CONTEXT);
        if (!target) return this.hangup(call);
        call.phase = "destination";
        call.agentName = value;
        await this.control(call, "send to extension", () => call.pbx.driver.redirect(call.attempt.channelId, target));
        return;
      }
      case "queue":
        if (!rt) return this.hangup(call);
        call.ivr = null;
        this.seekAgent(rt, call, QUEUE_WAIT_SEC, false);
        return;
      case "ivr":
        call.ivr!.replays = 0;
        return this.startIvr(call, Number(value));
      case "hangup":
        return this.hangup(call);
      case "playback":
        return this.playThenHangup(call, value || "pacer/goodbye");
      case "dnc":
        call.leadDisposition = "DNC";
        await addDncNumber(this.db, { campaignId: call.campaignId, phoneNumber: call.attempt.phoneNumber, source: "ivr", note: "opted out in the IVR" });
        return this.playThenHangup(call, value || "pacer/dnc-confirmed");
      case "callback": {
        const minutes = Number(value) > 0 ? Number(value) : 60;
        call.leadDisposition = "CALLBACK";
        call.callbackAt = new Date(Date.now() + minutes * 60_000);
        return this.playThenHangup(call, "pacer/callback-confirmed");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The end of a call

  private finish(call: LiveCall, how: HangupHow, neverPlaced = false) {
    const id = call.attempt.channelId;
    if (!neverPlaced && !this.calls.has(id)) return;
    this.calls.delete(id);
    const rt = this.campaigns.get(call.campaignId);
    rt?.calls.delete(call);
    if (call.waitTimer) clearTimeout(call.waitTimer);
    if (call.ivr?.timer) clearTimeout(call.ivr.timer);
    if (rt) {
      const w = rt.waiting.indexOf(call);
      if (w !== -1) {
        rt.waiting.splice(w, 1);
        // A person who hung up while waiting never reached an agent: counted as abandoned, the
        // cautious reading of the rule (an unconnected live answer is what the cap limits).
        if (call.abandonIfUnserved) {
          call.abandoned = true;
          call.outcome = "abandoned";
          rt.served.total += 1;
        }
      }
    }
    const outcome: AttemptOutcome = call.outcome ?? (call.answeredAt ? "answered" : how.outcome === "answered" ? "answered" : how.outcome);
    if (rt && !call.answeredAt && outcome !== "cancelled" && !call.adopted) this.resolvedDial(rt, call, "failed");
    if (call.agent) {
      const talkSec = (how.at.getTime() - (call.answeredAt?.getTime() ?? how.at.getTime())) / 1000;
      if (rt) recordHandle(rt.stats, talkSec, rt.row.wrapupSec);
      this.agents.callEnded(call.agent, rt?.row.wrapupSec ?? 0);
    }
    const c = rt?.row;
    const defaults: RetryDefaults = c ? this.retryDefaults(c) : { retryTimes: 0, retryDelaySec: 0, rules: null };
    const now = new Date();
    const finished: FinishedAttempt = {
      attempt: call.attempt,
      outcome,
      endedAt: how.at,
      answeredAt: call.answeredAt,
      amdResult: call.amdResult,
      abandoned: call.abandoned,
      agentId: call.agent?.agentId ?? null,
      agentName: call.agentName,
      cause: how.cause,
      causeText: how.causeText,
      sipCode: how.sipCode,
      disposition: CDR_DISPOSITION[outcome],
      callerid: c?.callerid ?? null,
      recordingFile: call.recordingFile,
      leadDisposition: call.leadDisposition,
      settle: { outcome, disposition: call.leadDisposition, callbackAt: call.callbackAt, rules: defaults, now, phoneOnDnc: call.phoneOnDnc },
    };
    this.writer.addFinished(finished);
    this.publishCall(call, outcome === "busy" ? "Busy" : outcome === "no_answer" ? "NoAnswer" : "Hangup", how.sipCode, how.at);
    if (rt && rt.calls.size === 0 && !this.isRunning(rt)) this.campaigns.delete(rt.row.id);
  }

  private isRunning(rt: CampaignRuntime) {
    return rt.row.status === "running";
  }

  // ---------------------------------------------------------------------------------------------
  // Reconciliation: what the database says is in flight against what the PBX has

  /**
   * Settles attempts whose dialer is gone. On a PBX this process holds, an attempt whose channel
   * is still up is adopted (followed to its end); one the PBX no longer has ended while nobody
   * was listening, so it is closed as `lost` (its lead follows the retry rules; it is never
   * silently dialed again). Attempts on a built-in simulator of a process that is gone died with it.
   */
  private async reconcile(pbxs: DialablePbx[]) {
    const due = Date.now() - this.lastReconcile > RECONCILE_MS;
    const fresh = pbxs.filter((p) => !this.reconciledKeys.has(p.key));
    if (!due && fresh.length === 0) return;
    this.lastReconcile = Date.now();
    const alive = new Set(this.singleProcess ? [] : await liveNodes(this.db, NODE_STALE_SEC));
    alive.add(this.nodeId);
    const expired = new Set(await expiredLeaseAttemptIds(this.db, new Date()));
    const open = await openAttempts(this.db, { notOwner: this.nodeId });
    const held = new Map(pbxs.map((p) => [p.key, p]));
    // Holding a PBX's lock means its previous holder is gone or handed it over with no calls left
    // on it: whatever another dialer left open there is ours to settle, heartbeat or not.
    const orphaned = open.filter((a) => held.has(a.pbxKey) || !alive.has(a.owner) || expired.has(a.id));
    // Claimed and never sent to the PBX: give the leads back untouched.
    const unplaced = orphaned.filter((a) => UNPLACED_STATES.includes(a.state));
    await releaseUnplaced(this.db, unplaced);
    if (unplaced.length) logger.info({ attempts: unplaced.length }, "gave back leads claimed by a dialer that stopped before calling them");
    const byKey = new Map<string, CallAttempt[]>();
    for (const a of orphaned) if (!UNPLACED_STATES.includes(a.state)) byKey.set(a.pbxKey, [...(byKey.get(a.pbxKey) ?? []), a]);
    for (const [key, attempts] of byKey) {
      const p = held.get(key);
      if (p) {
        let live: Set<string>;
        try {
          live = new Set((await p.driver.listChannels()).map((ch) => ch.id));
        } catch {
          continue;
        }
        const adopt = attempts.filter((a) => live.has(a.channelId) && !this.calls.has(a.channelId));
        const lost = attempts.filter((a) => !live.has(a.channelId));
        await this.adopt(p, adopt);
        this.settleLost(lost);
      } else if (key.startsWith("sim:") || !this.pbxKeyExists(key)) {
        this.settleLost(attempts);
      }
    }
    for (const p of fresh) this.reconciledKeys.add(p.key);
    await releaseOrphanLeads(this.db, new Date());
  }

  private pbxKeyExists(key: string): boolean {
    // A configured PBX held by another live process is theirs to reconcile; one that no longer
    // exists leaves its attempts to us. health() lists both kinds.
    return this.pbx.health().some((h) => h.id !== null && `db:${h.id}` === key);
  }

  private async adopt(p: DialablePbx, attempts: CallAttempt[]) {
    if (attempts.length === 0) return;
    await adoptAttempts(this.db, attempts.map((a) => a.id), this.nodeId, LEASE_SEC);
    for (const attempt of attempts) {
      const rt = this.campaigns.get(attempt.campaignId);
      const call = liveCall(attempt, p, { phase: attempt.answeredAt ? "destination" : "ringing", adopted: true });
      this.calls.set(attempt.channelId, call);
      if (rt) rt.calls.add(call);
      if (attempt.answeredAt) this.adoptedPending.push(call);
      try {
        await p.driver.adopt(attempt.channelId, { answered: Boolean(attempt.answeredAt) });
      } catch {
        this.calls.delete(attempt.channelId);
        rt?.calls.delete(call);
        this.settleLost([attempt]);
        continue;
      }
      // Nobody is left to take a call still ringing from before the restart: it is cancelled
      // rather than let a person answer into silence.
      if (!attempt.answeredAt) {
        call.outcome = "cancelled";
        this.hangup(call);
      }
    }
    logger.info({ pbx: p.name, adopted: attempts.length }, "adopted calls left by a previous dialer");
  }

  /**
   * Picks up where the previous dialer left adopted calls that were answered and not yet with an
   * agent, once their campaign is loaded again (reconciliation runs before it is): one still in
   * AMD takes its verdict as usual; a person who was waiting for an agent looks for one again,
   * and past the grace hears the abandon message and counts as abandoned, as they would have.
   * Calls with an agent, in an IVR or sent to the dialplan are followed to their end.
   */
  private resumeAdopted(rt: CampaignRuntime) {
    if (this.adoptedPending.length === 0) return;
    const mine = this.adoptedPending.filter((c) => c.campaignId === rt.row.id || !this.calls.has(c.attempt.channelId));
    if (mine.length === 0) return;
    this.adoptedPending = this.adoptedPending.filter((c) => !mine.includes(c));
    for (const call of mine) {
      if (!this.calls.has(call.attempt.channelId) || call.campaignId !== rt.row.id) continue;
      rt.calls.add(call);
      if (call.attempt.state !== "answered") continue;
      if (amdOn(rt.row) && !call.amdResult) {
        call.phase = "amd";
        continue;
      }
      if (rt.row.dialMode !== "agentless") this.seekAgent(rt, call, CONNECT_GRACE_SEC, true);
    }
  }

  private settleLost(attempts: CallAttempt[]) {
    for (const attempt of attempts) {
      if (this.calls.has(attempt.channelId)) continue;
      const call = this.adoptedShell(attempt);
      call.outcome = attempt.answeredAt ? "answered" : "lost";
      this.finish(call, { outcome: "failed", cause: null, causeText: "dialer restarted; the call ended unobserved", sipCode: null, at: new Date() }, true);
    }
    if (attempts.length) logger.info({ attempts: attempts.length }, "settled calls that ended while no dialer was following them");
  }

  private adoptedShell(attempt: CallAttempt): LiveCall {
    return liveCall(attempt, { key: attempt.pbxKey } as DialablePbx, { phase: "ending", adopted: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Realtime

  private publishCall(call: LiveCall, state: CallState, sip: number | null = null, at = new Date()) {
    const rt = this.campaigns.get(call.campaignId);
    if (state === "Dialing") {
      rt?.kpis.dialed();
      this.globalKpis.dialed();
    }
    publish({
      type: "call.update",
      uuid: call.attempt.channelId,
      ts: at.getTime(),
      campaignId: call.campaignId,
      leadId: call.attempt.leadId,
      number: call.attempt.phoneNumber,
      state,
      sip: sip === null ? null : String(sip),
      amd: call.amdResult ? { label: call.amdResult } : null,
      agentId: call.agent?.agentId ?? null,
      billsec: call.answeredAt ? Math.max(0, Math.round((at.getTime() - call.answeredAt.getTime()) / 1000)) : 0,
      trunkId: call.attempt.trunkId,
    });
  }

  private publishQueue(rt: CampaignRuntime) {
    const counts = this.agents.counts(rt.row.id);
    publish({
      type: "queue.update",
      queue: rt.row.name,
      campaignId: rt.row.id,
      inQueue: rt.waiting.length,
      serviced: rt.served.total,
      slaPct: rt.served.total ? rt.served.withinGrace / rt.served.total : 1,
      agents: { available: counts.available, onCall: counts.onCall, wrapup: counts.wrapup, onBreak: counts.onBreak },
      ts: Date.now(),
    });
  }

  /** Once a second: a KPI tick per active campaign and one for the whole process. */
  private maybeKpis() {
    const now = Date.now();
    if (now - this.lastKpiAt < 1000) return;
    this.lastKpiAt = now;
    let cc = 0;
    for (const rt of this.campaigns.values()) {
      cc += rt.calls.size;
      publish({ ...rt.kpis.snapshot(rt.calls.size), type: "kpi.tick", scope: "campaign", id: String(rt.row.id), node: this.nodeId, pacing: rt.decision ? { mode: rt.decision.mode, lines: rt.decision.lines, reason: rt.decision.reason } : undefined, ts: now });
    }
    publish({ ...this.globalKpis.snapshot(cc), type: "kpi.tick", scope: "global", id: "global", node: this.nodeId, ts: now });
  }
}

/** Sorts claimed candidates: on the do-not-call list, outside their calling hours (later), or dialable now. */
async function screenLeads(tx: DbOrTx, c: Campaign, candidates: Candidate[], now: Date): Promise<Screened> {
  const window = { start: c.callingHoursStart, end: c.callingHoursEnd };
  const dncSet = await dncNumbersAmong(tx, c.id, candidates.map((l) => l.phoneNumber));
  const out: Screened = { dial: [], dnc: [], later: [] };
  for (const lead of candidates) {
    if (dncSet.has(lead.phoneNumber)) {
      out.dnc.push(lead);
      continue;
    }
    const verdict = callableAt({ lead, campaignZone: c.timezone, callingHours: window, schedule: c.schedule, at: now });
    if (verdict.ok) out.dial.push(lead);
    else out.later.push({ lead, reason: verdict.reason, retryAt: verdict.retryAt ?? new Date(now.getTime() + 3600_000) });
  }
  return out;
}

/** A call to follow, from its attempt row (progress already on record carries over). */
function liveCall(attempt: CallAttempt, pbx: DialablePbx, over: Partial<LiveCall> = {}): LiveCall {
  return {
    attempt,
    lead: null,
    campaignId: attempt.campaignId,
    pbx,
    phase: "dialing",
    answeredAt: attempt.answeredAt,
    amdResult: attempt.amdResult,
    abandoned: attempt.abandoned,
    agent: null,
    agentName: null,
    outcome: null,
    leadDisposition: null,
    callbackAt: null,
    recordingFile: null,
    waitTimer: null,
    ivr: null,
    adopted: false,
    ...over,
  };
}

/** A campaign's enabled trunks that can be reached through the PBX `pbxKey`. */
function usableRoutes(routes: RouteRow[], pbxKey: string): TrunkRoute[] {
  return routes.filter((r) => r.enabled && (r.pbxServerId === null || `db:${r.pbxServerId}` === pbxKey));
}

/** The next trunk for a call that already tried `tried`, among those reachable from its PBX. */
function pickFrom(picker: TrunkPicker, usable: TrunkRoute[], tried: Set<number>): TrunkSlot | null {
  const usableIds = new Set(usable.map((r) => r.trunkId));
  const exclude = new Set(tried);
  // Trunks this call's PBX cannot reach are as good as tried.
  for (const r of picker.routeIds()) if (!usableIds.has(r)) exclude.add(r);
  return picker.take(exclude);
}

/** The connected PBX with the fewest of our calls on it. */
function pickPbx(pbxs: DialablePbx[], calls: Map<string, LiveCall>): DialablePbx | null {
  if (pbxs.length === 0) return null;
  if (pbxs.length === 1) return pbxs[0];
  const load = new Map(pbxs.map((p) => [p.key, 0]));
  for (const c of calls.values()) if (load.has(c.pbx.key)) load.set(c.pbx.key, load.get(c.pbx.key)! + 1);
  return [...pbxs].sort((a, b) => load.get(a.key)! - load.get(b.key)!)[0];
}
