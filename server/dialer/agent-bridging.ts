import { logger } from "../logger";
import { control, hangup, playThenHangup } from "./call-control";
import { CONNECT_GRACE_SEC, QUEUE_WAIT_SEC, type CampaignRuntime, type DialerContext } from "./dialer-context";
import type { AgentLine, LiveCall } from "./live-call";
import { publishCall, publishQueue } from "./live-updates";

/**
 * Answered people meet agents: the ready agent the campaign's queue chooses (its strategy and tier
 * rules; without a queue the longest idle) takes the call in its bridge, or the person waits (and
 * past the grace hears the abandon message), offered again when a higher tier level opens; a freed
 * agent takes the longest waiting call its tier may take; an agent whose bridge refuses the call is
 * passed over for the queue's no-answer delay and the next agent is sought; an agent whose phone
 * drops mid-call leaves the customer requeued or let go, by setting.
 */

/** Seconds since the person answered. */
const waitedSec = (call: LiveCall) => (Date.now() - (call.answeredAt?.getTime() ?? Date.now())) / 1000;

/**
 * Connects a person to the longest-idle ready agent, or waits for one. Past the grace the
 * person hears the abandon message; with `countsAsAbandon` (a dialer-placed call reaching a
 * person the law protects) the call is counted as abandoned.
 */
export function seekAgent(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall, graceSec: number, countsAsAbandon: boolean) {
  const agent = ctx.agents.pickAgent(rt.row.id, call.pbx.key, waitedSec(call));
  if (agent) {
    connect(ctx, rt, call, agent);
    return;
  }
  offerAgainWhenLevelOpens(ctx, rt, call);
  call.phase = "waiting";
  call.abandonIfUnserved = countsAsAbandon;
  rt.waiting.push(call);
  publishCall(ctx, call, "Waiting");
  holdMusic(ctx, rt, call);
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
    publishCall(ctx, call, "Abandoned");
    void endHoldMusic(ctx, call).then(() => playThenHangup(ctx, call, rt.row.abandonMessage));
    publishQueue(ctx, rt);
  }, graceSec * 1000);
  publishQueue(ctx, rt);
}

export function connect(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall, agent: AgentLine) {
  const waitedMs = Date.now() - (call.answeredAt?.getTime() ?? Date.now());
  rt.served.total += 1;
  if (waitedMs <= CONNECT_GRACE_SEC * 1000) rt.served.withinGrace += 1;
  call.phase = "connected";
  call.agent = agent;
  call.agentName = agent.name;
  // A preview call's agent was reserved when they chose to dial.
  if (agent.call !== call) ctx.agents.assign(agent, call);
  ctx.writer.addProgress({ attemptId: call.attempt.id, state: "connected", at: new Date(), agentId: agent.agentId });
  publishCall(ctx, call, "Connected");
  void endHoldMusic(ctx, call)
    .then(() => control(ctx, call, "connect to agent", () => call.pbx.driver.addToBridge(agent.bridgeId!, call.attempt.channelId)))
    .then((ok) => {
      if (ok || !ctx.calls.has(call.attempt.channelId)) return;
      // With a no-answer delay, the agent who did not take it is passed over and the call offered on.
      if (rt.row.dialMode !== "preview" && ctx.agents.notTaken(agent, call)) {
        call.agent = null;
        call.agentName = null;
        return seekAgent(ctx, rt, call, QUEUE_WAIT_SEC, false);
      }
      agentLost(ctx, agent, call);
    });
  publishQueue(ctx, rt);
}

/** A person waiting for an agent hears the queue's music on hold, if it has one. */
function holdMusic(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall) {
  const music = ctx.agents.queues.musicOnHold(rt.row.id);
  if (!music || call.holdMusic) return;
  call.holdMusic = control(ctx, call, "music on hold", () => call.pbx.driver.startMoh(call.attempt.channelId, music));
}

/** The music stops (once its start has been answered) before the person meets an agent or hears the abandon message. */
async function endHoldMusic(ctx: DialerContext, call: LiveCall): Promise<void> {
  const started = call.holdMusic;
  if (!started) return;
  call.holdMusic = null;
  if (await started) await control(ctx, call, "stop music on hold", () => call.pbx.driver.stopMoh(call.attempt.channelId));
}

/** A waiting call is offered again when the next tier level of its queue opens to it. */
function offerAgainWhenLevelOpens(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall) {
  const inSec = ctx.agents.queues.nextOfferInSec(rt.row.id, waitedSec(call));
  if (inSec === null) return;
  setTimeout(() => {
    const i = rt.waiting.indexOf(call);
    if (i === -1) return;
    const agent = ctx.agents.pickAgent(rt.row.id, call.pbx.key, waitedSec(call));
    if (!agent) return offerAgainWhenLevelOpens(ctx, rt, call);
    rt.waiting.splice(i, 1);
    if (call.waitTimer) clearTimeout(call.waitTimer);
    call.waitTimer = null;
    connect(ctx, rt, call, agent);
  }, Math.ceil(inSec * 1000) + 5);
}

/** An agent became free: the person waiting longest gets them. */
export function agentFree(ctx: DialerContext, agent: AgentLine): boolean {
  const rt = agent.campaignId ? ctx.campaigns.get(agent.campaignId) : undefined;
  if (!rt) return false;
  const i = rt.waiting.findIndex((c) => c.pbx.key === agent.pbxKey && ctx.agents.queues.mayTake(agent, rt.row.id, waitedSec(c)));
  if (i === -1) return false;
  const [call] = rt.waiting.splice(i, 1);
  if (call.waitTimer) clearTimeout(call.waitTimer);
  call.waitTimer = null;
  connect(ctx, rt, call, agent);
  return true;
}

/** The agent's phone dropped with a customer on the line: requeue them or let them go, by setting. */
export function agentLost(ctx: DialerContext, agent: AgentLine, call: LiveCall | null) {
  if (!call || !ctx.calls.has(call.attempt.channelId)) return;
  const rt = ctx.campaigns.get(call.campaignId);
  call.agent = null;
  if (!rt) return hangup(ctx, call);
  if (rt.row.dialMode === "preview") {
    // The call was the agent's own: nobody else takes it.
    if (!call.answeredAt) {
      call.outcome = "cancelled";
      return hangup(ctx, call);
    }
    publishCall(ctx, call, "Abandoned");
    return playThenHangup(ctx, call, rt.row.abandonMessage);
  }
  if (rt.row.agentDropAction === "requeue") {
    logger.info({ campaign: rt.row.id, agent: agent.name }, "agent phone dropped mid-call; customer requeued");
    seekAgent(ctx, rt, call, QUEUE_WAIT_SEC, false);
  } else {
    publishCall(ctx, call, "Abandoned");
    playThenHangup(ctx, call, rt.row.abandonMessage);
  }
}
