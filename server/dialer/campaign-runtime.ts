import type { Campaign } from "@/db/schema";
import { logger } from "../logger";
import { publish } from "../runtime/registry";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import { CampaignKpis } from "./kpis";
import type { RetryDefaults } from "./outcomes";
import { emitWebhookEvent } from "../webhooks/outbox";
import { amdAllowed, budgetFactor, emptyOutcomeStats } from "./pacing";
import { completeIfDone } from "./queries";

/** A campaign as this process runs it: its live calls, pacing state, figures, and when it is done. */

export const amdSetting = (c: Campaign) => ({ enabled: c.amdEnabled, falsePositiveRate: c.amdFalsePositiveRate, falsePositivesAbandon: c.abandonRule === "uk" });

/**
 * Whether answered calls go through AMD: as the campaign says, unless AMD's own mistakes would
 * spend the abandonment budget (pacing decides that, for every mode alike).
 */
export const amdOn = (c: Campaign) => amdAllowed(amdSetting(c), c.abandonCap);

export function retryDefaults(c: Campaign): RetryDefaults {
  return { retryTimes: c.retryTimes, retryDelaySec: c.retryDelay, rules: c.retryRules };
}

export function isRunning(rt: CampaignRuntime) {
  return rt.row.status === "running";
}

/** The campaign's runtime, made on its first tick here; `row` is refreshed every tick. */
export function runtimeFor(ctx: DialerContext, row: Campaign): CampaignRuntime {
  let rt = ctx.campaigns.get(row.id);
  if (!rt) {
    rt = {
      row,
      stats: emptyOutcomeStats(),
      calls: new Set(),
      waiting: [],
      abandonment: null,
      abandonmentAt: 0,
      abandonCapReached: false,
      lastDoneCheck: 0,
      decision: null,
      kpis: new CampaignKpis(),
      served: { total: 0, withinGrace: 0 },
      routes: [],
      wrr: new Map(),
      rerouting: [],
    };
    ctx.campaigns.set(row.id, rt);
  }
  rt.row = row;
  return rt;
}

/** Nothing in flight here and nothing left to dial: the campaign is marked completed (at most once a second unless forced). */
export async function checkDone(ctx: DialerContext, rt: CampaignRuntime, force = false) {
  if (!force && Date.now() - rt.lastDoneCheck < 1000) return;
  rt.lastDoneCheck = Date.now();
  if (rt.calls.size > 0 || ctx.writer.pending > 0) return;
  if (await completeIfDone(ctx.db, rt.row.id)) {
    logger.info({ campaign: rt.row.id }, "campaign completed: nothing left to dial");
    publish({ type: "campaign.update", campaign_id: rt.row.id, status: "completed", change: "status", ts: new Date().toISOString() });
  }
}

/**
 * After each fresh look at the abandonment windows: the moment the budget becomes spent (pacing
 * falls back to progressive, as the wallboard shows), subscribers hear of it once. A restart may
 * tell them again while it is still spent; an event that could not be stored is tried next look.
 */
export async function noteAbandonCap(ctx: DialerContext, rt: CampaignRuntime) {
  const c = rt.row;
  if (!rt.abandonment) return;
  const reached = budgetFactor({ ...rt.abandonment, cap: c.abandonCap }) <= 0;
  if (reached && !rt.abandonCapReached) {
    const rate = (w: { liveAnswers: number; abandoned: number }) => (w.liveAnswers > 0 ? Math.round((w.abandoned / w.liveAnswers) * 10_000) / 10_000 : 0);
    try {
      await emitWebhookEvent(ctx.db, "campaign.abandon_cap_reached", {
        campaign_id: c.id,
        name: c.name,
        dial_mode: c.dialMode,
        abandon_cap: c.abandonCap,
        abandon_rate_24h: rate(rt.abandonment.window24h),
        abandon_rate_30d: rate(rt.abandonment.window30d),
      });
    } catch (err) {
      logger.error({ err, campaign: c.id }, "could not queue the abandon-cap webhook event");
      return;
    }
  }
  rt.abandonCapReached = reached;
}

/** Live figures for the runtime view and the benchmark. */
export function runtimeView(ctx: DialerContext, campaignId: number) {
  const rt = ctx.campaigns.get(campaignId);
  if (!rt) return null;
  const pool = ctx.agents.counts(campaignId);
  return {
    decision: rt.decision,
    calls: rt.calls.size,
    waiting: rt.waiting.length,
    agents: pool,
    kpis: rt.kpis.snapshot(rt.calls.size),
    abandonment: rt.abandonment,
  };
}
