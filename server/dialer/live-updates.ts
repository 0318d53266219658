import type { CallState } from "@/lib/realtime-events";
import { publish } from "../runtime/registry";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import type { LiveCall } from "./live-call";

/** What the dialer tells browsers: call states, queue figures, and once a second the KPIs. */

export function publishCall(ctx: DialerContext, call: LiveCall, state: CallState, sip: number | null = null, at = new Date()) {
  const rt = ctx.campaigns.get(call.campaignId);
  if (state === "Dialing") {
    rt?.kpis.dialed();
    ctx.globalKpis.dialed();
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

export function publishQueue(ctx: DialerContext, rt: CampaignRuntime) {
  const counts = ctx.agents.counts(rt.row.id);
  publish({
    type: "queue.update",
    queue: ctx.agents.queues.queueName(rt.row.id) ?? rt.row.name,
    campaignId: rt.row.id,
    inQueue: rt.waiting.length,
    serviced: rt.served.total,
    slaPct: rt.served.total ? rt.served.withinGrace / rt.served.total : 1,
    agents: { available: counts.available, onCall: counts.onCall, wrapup: counts.wrapup, onBreak: counts.onBreak },
    ts: Date.now(),
  });
}

/** A KPI tick per active campaign and one for the whole process. */
export function publishKpis(ctx: DialerContext, now: number) {
  let cc = 0;
  for (const rt of ctx.campaigns.values()) {
    cc += rt.calls.size;
    const pacing = rt.decision ? { mode: rt.decision.mode, lines: rt.decision.lines, reason: rt.decision.reason, ratio: pacingRatio(ctx, rt) } : undefined;
    publish({ ...rt.kpis.snapshot(rt.calls.size), type: "kpi.tick", scope: "campaign", id: String(rt.row.id), node: ctx.nodeId, pacing, ts: now });
  }
  publish({ ...ctx.globalKpis.snapshot(cc), type: "kpi.tick", scope: "global", id: "global", node: ctx.nodeId, ts: now });
}

/** Lines out (dialing, ringing, in AMD) per ready agent: how far ahead pacing dials; null with nobody ready. */
function pacingRatio(ctx: DialerContext, rt: CampaignRuntime): number | null {
  const ready = ctx.agents.counts(rt.row.id).available;
  if (ready === 0) return null;
  let out = 0;
  for (const call of rt.calls) if (call.phase === "dialing" || call.phase === "ringing" || call.phase === "amd") out += 1;
  return Math.round((out / ready) * 100) / 100;
}
