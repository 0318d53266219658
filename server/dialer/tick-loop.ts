import type { Campaign } from "@/db/schema";
import { logger } from "../logger";
import { pacerMetrics } from "../metrics/registry";
import type { DialablePbx } from "../pbx/manager";
import { hangup } from "./call-control";
import { finish, finishOffPbx } from "./call-end";
import { checkDone, noteAbandonCap, runtimeFor } from "./campaign-runtime";
import { nextScheduleOpening, scheduleOpen } from "./compliance";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import { claimToDial } from "./lead-claiming";
import { linesWanted } from "./lines-wanted";
import { liveCall } from "./live-call";
import { publishKpis } from "./live-updates";
import { sendInSlot } from "./originate";
import { offerPreviews, sweepPreviews } from "./preview-holds";
import { abandonWindows, campaignStatuses, markOriginating, runningCampaigns } from "./queries";
import type { Reconciler } from "./reconciliation";
import { reroute } from "./trunk-reroute";

export const TICK_MS = 250;

/**
 * The dialer's heartbeat of work, every TICK_MS: follow the PBXs, reconcile, sync agents and
 * supervisors' monitoring sessions, drop
 * campaigns that stopped, move calls waiting for a trunk, then each running campaign in turn
 * opens the lines it wants (claim → originate), within the process's CPS budget.
 */
export class TickLoop {
  private ticking = false;
  private stopping = false;
  private tickCount = 0;
  private lastKpiAt = 0;

  constructor(
    private readonly ctx: DialerContext,
    private readonly reconciler: Reconciler,
    private readonly opts: { maxCps: number; listen: (p: DialablePbx) => void },
  ) {}

  /** No tick starts after this; resolves once the one running (if any) is over. */
  async stop() {
    this.stopping = true;
    while (this.ticking) await new Promise((r) => setTimeout(r, 20));
  }

  async tick() {
    if (this.ticking || this.stopping) return;
    const ctx = this.ctx;
    this.ticking = true;
    const started = performance.now();
    try {
      const pbxs = ctx.pbx.dialable();
      for (const p of pbxs) this.opts.listen(p);
      await this.reconciler.reconcile(pbxs);
      await ctx.agents.sync(pbxs);
      await ctx.monitors.sync();
      const running = await runningCampaigns(ctx.db);
      await this.dropStoppedCampaigns(running);
      await sweepPreviews(ctx, running);
      await ctx.trunkHealth.tick(pbxs);
      for (const rt of ctx.campaigns.values()) if (rt.rerouting.length) await reroute(ctx, rt);
      let budget = Math.max(1, Math.round((this.opts.maxCps * TICK_MS) / 1000));
      // Campaigns take turns going first: the first to claim may fill a trunk they share (or the
      // process's CPS budget), so a fixed order would starve the others.
      this.tickCount += 1;
      const turn = running.length ? this.tickCount % running.length : 0;
      for (const row of [...running.slice(turn), ...running.slice(0, turn)]) {
        const rt = runtimeFor(ctx, row);
        this.reconciler.resumeAdopted(rt);
        budget -= await this.dialCampaign(rt, pbxs.filter((p) => !p.draining), budget);
      }
      const now = Date.now();
      if (now - this.lastKpiAt >= 1000) {
        this.lastKpiAt = now;
        publishKpis(ctx, now);
      }
    } catch (err) {
      logger.error({ err }, "dialer tick failed");
    } finally {
      this.ticking = false;
      const ms = performance.now() - started;
      ctx.metrics.ticks.push(ms);
      pacerMetrics().tickDuration.observe(ms / 1000);
      if (ctx.metrics.ticks.length > 10_000) ctx.metrics.ticks.splice(0, 5000);
    }
  }

  /** Campaigns that left `running`: a stop hangs up their calls; a pause lets them finish. */
  private async dropStoppedCampaigns(running: Campaign[]) {
    const ctx = this.ctx;
    const runningIds = new Set(running.map((c) => c.id));
    const gone = [...ctx.campaigns.keys()].filter((id) => !runningIds.has(id));
    if (gone.length === 0) return;
    const statuses = await campaignStatuses(ctx.db, gone);
    for (const id of gone) {
      const rt = ctx.campaigns.get(id)!;
      const status = statuses.get(id);
      if (status === "paused" && rt.calls.size > 0) continue;
      if (status !== "paused" && status !== "completed") {
        for (const call of rt.calls) {
          call.outcome ??= call.answeredAt ? null : "cancelled";
          hangup(ctx, call);
        }
        // Calls between trunks are on no PBX: they end here.
        for (const call of rt.rerouting.splice(0)) finishOffPbx(ctx, call, call.reroute?.failure ?? { outcome: "cancelled", cause: null, causeText: "campaign stopped", sipCode: null, at: new Date() });
      }
      if (rt.calls.size === 0) ctx.campaigns.delete(id);
    }
  }

  /** One campaign's share of a tick; returns how many calls it placed. */
  private async dialCampaign(rt: CampaignRuntime, pbxs: DialablePbx[], budget: number): Promise<number> {
    const ctx = this.ctx;
    const c = rt.row;
    const now = new Date();
    if (Date.now() - rt.abandonmentAt > 5000) {
      rt.abandonment = await abandonWindows(ctx.db, c.id, now, c.abandonRule === "uk" ? c.amdFalsePositiveRate : 0);
      rt.abandonmentAt = Date.now();
      await noteAbandonCap(ctx, rt);
    }
    if (!scheduleOpen(c.schedule, c.timezone, now)) {
      if (rt.calls.size === 0 && nextScheduleOpening(c.schedule, c.timezone, now) === null) await checkDone(ctx, rt, true);
      return 0;
    }
    if (c.dialMode === "preview") return offerPreviews(ctx, rt, pbxs, budget);
    const { lines, pbx } = linesWanted(ctx, rt, pbxs);
    const n = Math.min(lines, budget);
    if (n <= 0 || !pbx) {
      if (rt.calls.size === 0) await checkDone(ctx, rt);
      return 0;
    }
    const claimed = await claimToDial(ctx, rt, pbx, n, now);
    if (claimed.trunksFull && rt.decision) {
      // No usable trunk at all: each is disabled, out of rotation (failing) or behind another PBX.
      const why = rt.routes.length === 0 ? "no trunk is usable (disabled or out of rotation)" : "every trunk is at its channel or CPS cap";
      rt.decision = { ...rt.decision, reason: `${rt.decision.reason}; ${why}` };
    }
    if (claimed.rateFull && rt.decision) rt.decision = { ...rt.decision, reason: `${rt.decision.reason}; at the campaign's call rate (${c.frequency} a minute)` };
    if (claimed.attempts.length === 0) {
      if (rt.calls.size === 0 && !claimed.trunksFull && !claimed.rateFull && claimed.dnc === 0 && claimed.later === 0) await checkDone(ctx, rt);
      return 0;
    }
    // The list may have changed since the claim: a number put on DNC a moment ago is not called.
    const lastLook = await markOriginating(ctx.db, c.id, claimed.attempts);
    for (const attempt of claimed.attempts) {
      const call = liveCall(attempt, pbx, { lead: attempt.lead });
      if (lastLook.has(attempt.phoneNumber)) {
        // Only this number is barred: the lead goes on to its next one, if it has one.
        call.phoneOnDnc = true;
        finish(ctx, call, { outcome: "cancelled", cause: null, causeText: "on the do-not-call list (checked before dialing)", sipCode: null, at: new Date() }, true);
        continue;
      }
      ctx.calls.set(attempt.channelId, call);
      rt.calls.add(call);
      sendInSlot(ctx, rt, call);
    }
    return claimed.attempts.length;
  }
}
