import type { Db } from "@/db/client";
import { queueRoutesOf, type QueueRoute } from "../queues/queries";
import { chooseAgent, levelWaitSec, nextLevelOpensInSec, offeredNow, type QueueCandidate, type QueueRules, type RoundRobinMark } from "../queues/strategy";
import { CONNECT_GRACE_SEC } from "./connect-grace";
import type { AgentLine } from "./live-call";

/** How often the queues of the campaigns this process's agents work are read again. */
const REFRESH_MS = 1000;

/**
 * Queues as the agent pool sees them: which of a campaign's agents its queue admits (its tiers),
 * which of them takes an answered call (the queue's strategy and tier rules, through
 * server/queues/strategy), the queue's wrap-up, and who is passed over after not taking a call
 * (no-answer delay). A campaign without a queue: every agent logged in to it, longest idle first,
 * wrap-up from the campaign. What the strategies count (calls taken, the round-robin turn, passed
 * over until) is this process's, kept per agent line: a new login starts afresh.
 */
export class QueueRouting {
  private routes = new Map<number, QueueRoute>();
  private lastRefresh = 0;
  private readonly taken = new WeakMap<AgentLine, number>();
  private readonly passedOver = new WeakMap<AgentLine, number>();
  private readonly lastGiven = new Map<number, RoundRobinMark>();

  /** Reads the queues of these campaigns again (at most once a second unless forced). */
  async refresh(db: Db, campaignIds: number[], force = false): Promise<void> {
    // A campaign not read yet (an agent just logged in to it) is read at once.
    const unseen = campaignIds.some((id) => !this.routes.has(id));
    if (!force && !unseen && Date.now() - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = Date.now();
    const routes = await queueRoutesOf(db, campaignIds);
    this.routes = new Map(routes.map((r) => [r.campaignId, r]));
  }

  private queueOf(campaignId: number | null) {
    const route = campaignId === null ? undefined : this.routes.get(campaignId);
    return route?.queue ? { route, queue: route.queue } : null;
  }

  /** The queue's name for a campaign routed through one (what the realtime `queue.update` says). */
  queueName(campaignId: number): string | null {
    return this.queueOf(campaignId)?.queue.name ?? null;
  }

  /**
   * Does the campaign's queue (if any) count this agent as one of its agents for pacing: in its
   * tiers, at a level offered a fresh answer within the connect grace? A level the tier rules hold
   * back longer would leave the person abandoned before it opens, so pacing never dials for it.
   */
  admits(campaignId: number, agentId: number): boolean {
    const q = this.queueOf(campaignId);
    if (!q) return true;
    const tier = q.route.tiers.get(agentId);
    return !!tier && levelWaitSec(rulesOf(q.queue), tier.level, this.lowestLevel(q.route)) <= CONNECT_GRACE_SEC;
  }

  /** The music on hold of the campaign's queue, for a person waiting for an agent (null: silence). */
  musicOnHold(campaignId: number): string | null {
    return this.queueOf(campaignId)?.queue.moh || null;
  }

  /** The wrap-up after a call of the campaign: its queue's, else the campaign's (`campaignSec` when the caller knows it). */
  wrapUpSec(campaignId: number | null, campaignSec?: number): number {
    const route = campaignId === null ? undefined : this.routes.get(campaignId);
    if (route?.queue) return route.queue.wrapUpSec;
    return campaignSec ?? route?.wrapupSec ?? 0;
  }

  private candidate(line: AgentLine, tier: { level: number; position: number }): QueueCandidate {
    return { agentId: line.agentId, level: tier.level, position: tier.position, readySince: line.readySince, callsTaken: this.taken.get(line) ?? 0, passedOverUntil: this.passedOver.get(line) ?? 0 };
  }

  private lowestLevel(route: QueueRoute): number {
    let low = Infinity;
    for (const t of route.tiers.values()) low = Math.min(low, t.level);
    return Number.isFinite(low) ? low : 1;
  }

  /** Who of these ready agents takes a call of the campaign that has waited `waitedSec`: by the queue, else the longest idle. */
  choose(campaignId: number, ready: AgentLine[], waitedSec: number, now = Date.now()): AgentLine | null {
    const q = this.queueOf(campaignId);
    if (!q) return ready.reduce<AgentLine | null>((best, l) => (!best || l.readySince < best.readySince ? l : best), null);
    const byId = new Map<number, AgentLine>();
    const candidates: QueueCandidate[] = [];
    for (const line of ready) {
      const tier = q.route.tiers.get(line.agentId);
      if (!tier) continue;
      byId.set(line.agentId, line);
      candidates.push(this.candidate(line, tier));
    }
    const chosen = chooseAgent(rulesOf(q.queue), candidates, { waitedSec, now, lowestLevel: this.lowestLevel(q.route), lastGiven: this.lastGiven.get(q.queue.id) ?? null });
    return chosen ? byId.get(chosen.agentId)! : null;
  }

  /** May this agent, just free, take a call of the campaign that has waited `waitedSec`? */
  mayTake(line: AgentLine, campaignId: number, waitedSec: number, now = Date.now()): boolean {
    const q = this.queueOf(campaignId);
    if (!q) return true;
    const tier = q.route.tiers.get(line.agentId);
    return !!tier && offeredNow(rulesOf(q.queue), [this.candidate(line, tier)], { waitedSec, now, lowestLevel: this.lowestLevel(q.route) }).length > 0;
  }

  /** Seconds until another level of the campaign's queue is offered a call that has waited `waitedSec` (null: none will be). */
  nextOfferInSec(campaignId: number, waitedSec: number): number | null {
    const q = this.queueOf(campaignId);
    if (!q) return null;
    const levels = [...new Set([...q.route.tiers.values()].map((t) => t.level))];
    return nextLevelOpensInSec(rulesOf(q.queue), levels, { waitedSec, lowestLevel: this.lowestLevel(q.route) });
  }

  /** The agent was given a call: counted for fewest-calls, and round-robin's turn moves past it. */
  given(line: AgentLine): void {
    this.taken.set(line, (this.taken.get(line) ?? 0) + 1);
    const q = this.queueOf(line.campaignId);
    const tier = q?.route.tiers.get(line.agentId);
    if (q && tier) this.lastGiven.set(q.queue.id, { level: tier.level, position: tier.position, agentId: line.agentId });
  }

  /** The agent did not take an offered call: passed over for the queue's no-answer delay. */
  passOver(line: AgentLine, now = Date.now()): number {
    const delay = this.queueOf(line.campaignId)?.queue.noAnswerDelaySec ?? 0;
    if (delay > 0) this.passedOver.set(line, now + delay * 1000);
    return delay;
  }
}

function rulesOf(q: NonNullable<QueueRoute["queue"]>): QueueRules {
  return { strategy: q.strategy, tierRulesApply: q.tierRulesApply, tierRuleWaitSec: q.tierRuleWaitSec, tierRuleWaitMultiplyLevel: q.tierRuleWaitMultiplyLevel };
}
