import type { Campaign } from "@/db/schema";
import { dncNumbersAmong } from "../dnc/queries";
import { logger } from "../logger";
import type { DialablePbx } from "../pbx/manager";
import { finish } from "./call-end";
import { amdOn, checkDone, isRunning } from "./campaign-runtime";
import { callableAt } from "./compliance";
import type { CampaignRuntime, DialerContext, PreviewHold } from "./dialer-context";
import { claimToPreview } from "./lead-claiming";
import { liveCall, type AgentLine } from "./live-call";
import { originate } from "./originate";
import { markOriginating, returnPreviewLead } from "./queries";
import { refreshRoutes, reroute } from "./trunk-reroute";

/** Preview: a lead is claimed for one ready agent, shown, and dialed only when the agent says so (or the preview times out). */

/** Offers a lead to every ready agent of a preview campaign who has none in front of them. */
export async function offerPreviews(ctx: DialerContext, rt: CampaignRuntime, pbxs: DialablePbx[], budget: number): Promise<number> {
  const c = rt.row;
  const where = ctx.agents.pbxOfCampaign(c.id);
  const pbx = where ? (pbxs.find((p) => p.key === where) ?? null) : null;
  const free = pbx ? ctx.agents.freeForPreview(c.id).filter((a) => a.pbxKey === pbx.key) : [];
  const shown = [...ctx.previews.values()].filter((h) => h.campaignId === c.id).length;
  rt.decision = { lines: 0, mode: pbx ? "preview" : "idle", reason: pbx ? `${shown} lead(s) shown to agents, ${free.length} agent(s) waiting for one` : "no agent logged in", answerRate: 0, amd: amdOn(c) };
  const n = Math.min(free.length, budget);
  if (n <= 0 || !pbx) {
    if (rt.calls.size === 0 && shown === 0) await checkDone(ctx, rt);
    return 0;
  }
  const now = new Date();
  const claimed = await claimToPreview(ctx, rt, pbx, n, now);
  if (claimed.attempts.length === 0) {
    if (rt.calls.size === 0 && shown === 0 && claimed.dnc === 0 && claimed.later === 0) await checkDone(ctx, rt);
    return 0;
  }
  claimed.attempts.forEach((attempt, i) => {
    const agent = free[i];
    const hold: PreviewHold = { agent, attempt, lead: attempt.lead, campaignId: c.id, pbx, timer: null };
    ctx.previews.set(agent.agentId, hold);
    const timeoutSec = c.previewTimeoutSec;
    if (timeoutSec > 0) {
      hold.timer = setTimeout(() => {
        hold.timer = null;
        if (ctx.previews.get(agent.agentId) !== hold) return;
        logger.info({ campaign: c.id, agent: agent.name, lead: attempt.leadId, action: c.previewTimeoutAction }, "preview timed out");
        const next = c.previewTimeoutAction === "dial" ? dialPreview(ctx, hold) : skipPreview(ctx, hold, "preview timed out");
        void next.catch((err) => logger.error({ err }, "preview timeout failed"));
      }, timeoutSec * 1000);
      hold.timer.unref();
    }
    ctx.agents.showPreview(agent, {
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
export async function previewChoice(ctx: DialerContext, agent: AgentLine, action: "dial" | "skip", attemptId: number | null) {
  const hold = ctx.previews.get(agent.agentId);
  if (!hold || hold.attempt.id !== attemptId) {
    logger.info({ agent: agent.name, attemptId, action }, "preview choice for a lead no longer shown; ignored");
    return;
  }
  if (action === "dial") await dialPreview(ctx, hold);
  else await skipPreview(ctx, hold, "skipped by the agent");
}

function takePreview(ctx: DialerContext, hold: PreviewHold): boolean {
  if (ctx.previews.get(hold.agent.agentId) !== hold) return false;
  ctx.previews.delete(hold.agent.agentId);
  if (hold.timer) clearTimeout(hold.timer);
  hold.timer = null;
  return true;
}

/** The lead goes back uncalled, not dialable again before the campaign's retry delay; the agent is offered the next. */
async function skipPreview(ctx: DialerContext, hold: PreviewHold, reason: string) {
  const rt = ctx.campaigns.get(hold.campaignId);
  const delaySec = rt?.row.retryDelay ?? 300;
  await releasePreview(ctx, hold, new Date(Date.now() + delaySec * 1000), reason);
}

/** Takes the lead away from the agent and gives it back to the list uncalled. */
export async function releasePreview(ctx: DialerContext, hold: PreviewHold, retryAt: Date | null, reason: string | null) {
  if (!takePreview(ctx, hold)) return;
  await giveBack(ctx, hold, retryAt, reason);
}

async function giveBack(ctx: DialerContext, hold: PreviewHold, retryAt: Date | null, reason: string | null) {
  if (ctx.agents.holds(hold.agent) && hold.agent.preview?.attemptId === hold.attempt.id) ctx.agents.showPreview(hold.agent, null);
  await returnPreviewLead(ctx.db, hold.attempt, { retryAt, reason });
}

/** Leads shown to agents who left, or of campaigns no longer running, go back as they were. */
export async function sweepPreviews(ctx: DialerContext, running: Campaign[]) {
  if (ctx.previews.size === 0) return;
  const runningIds = new Set(running.map((c) => c.id));
  for (const hold of [...ctx.previews.values()]) {
    const agentGone = !ctx.agents.holds(hold.agent) || hold.agent.state !== "available" || hold.agent.preview?.attemptId !== hold.attempt.id;
    if (agentGone || !runningIds.has(hold.campaignId)) await releasePreview(ctx, hold, null, null);
  }
}

/**
 * Dials the lead the agent chose, with the agent reserved for it: the customer joins that
 * agent's line when they answer, so nobody is left waiting (no abandonment in preview mode).
 */
async function dialPreview(ctx: DialerContext, hold: PreviewHold) {
  if (!takePreview(ctx, hold)) return;
  const { agent, attempt, lead } = hold;
  const rt = ctx.campaigns.get(hold.campaignId);
  const c = rt?.row;
  if (!rt || !c || !isRunning(rt) || !ctx.agents.holds(agent) || agent.state !== "available" || !agent.bridgeId) return giveBack(ctx, hold, null, null);
  if (!hold.pbx.driver.health().connected) return giveBack(ctx, hold, null, null);
  // Time passed while the agent read the lead: the do-not-call list and the hours are checked again.
  const now = new Date();
  const barred = () => {
    ctx.agents.showPreview(agent, null);
    const call = liveCall(attempt, hold.pbx, { lead });
    call.leadDisposition = "DNC";
    finish(ctx, call, { outcome: "cancelled", cause: null, causeText: "on the do-not-call list (checked before dialing)", sipCode: null, at: now }, true);
  };
  if ((await dncNumbersAmong(ctx.db, c.id, [attempt.phoneNumber])).has(attempt.phoneNumber)) return barred();
  const verdict = callableAt({ lead, campaignZone: c.timezone, callingHours: { start: c.callingHoursStart, end: c.callingHoursEnd }, schedule: c.schedule, at: now });
  if (!verdict.ok) return giveBack(ctx, hold, verdict.retryAt ?? new Date(now.getTime() + 3600_000), verdict.reason);
  const hasTrunks = await refreshRoutes(ctx, rt, hold.pbx.key);
  if ((await markOriginating(ctx.db, c.id, [attempt])).size > 0) return barred();
  const call = liveCall({ ...attempt, state: "originating" }, hold.pbx, { lead, agent, agentName: agent.name });
  ctx.agents.assign(agent, call);
  rt.calls.add(call);
  if (!hasTrunks) {
    ctx.calls.set(attempt.channelId, call);
    await originate(ctx, call, c);
    return;
  }
  // Through the campaign's trunks, as every mode dials: a trunk and start slot with room (weights,
  // channel and CPS caps), and failover, are the router's, the same way a failed-over call gets its next.
  call.reroute = { failure: null, since: Date.now() };
  rt.rerouting.push(call);
  await reroute(ctx, rt);
}
