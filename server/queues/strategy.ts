import type { QueueStrategy } from "@/db/schema";

/**
 * Which ready agent of a queue takes an answered call: a pure function of the queue's rules, the
 * agents that could take it, and how long the person has waited, so the dialer and the tests run
 * the same code.
 */

export type QueueRules = {
  strategy: QueueStrategy;
  tierRulesApply: boolean;
  tierRuleWaitSec: number;
  tierRuleWaitMultiplyLevel: boolean;
};

/** A ready agent of the queue, with its tier and what the strategies weigh. */
export type QueueCandidate = {
  agentId: number;
  level: number;
  position: number;
  /** When the agent last became ready (ms): the longest idle is the oldest. */
  readySince: number;
  /** Calls given to the agent since it logged in (fewest-calls). */
  callsTaken: number;
  /** Passed over until then (ms) after not taking an offered call (the queue's no-answer delay). */
  passedOverUntil: number;
};

/** Where round-robin stopped: the tier of the agent last given a call. */
export type RoundRobinMark = { level: number; position: number; agentId: number } | null;

/**
 * Seconds a person waits before agents of `level` are offered the call. Without tier rules, none.
 * With them, the lowest level of the queue takes calls at once and every higher level after
 * `wait_second`, or, with `wait_multiply_level`, after `wait_second` × its distance from the lowest.
 */
export function levelWaitSec(rules: QueueRules, level: number, lowestLevel: number): number {
  if (!rules.tierRulesApply || level <= lowestLevel) return 0;
  return rules.tierRuleWaitMultiplyLevel ? rules.tierRuleWaitSec * (level - lowestLevel) : rules.tierRuleWaitSec;
}

const byTier = (a: QueueCandidate, b: QueueCandidate) => a.level - b.level || a.position - b.position || a.agentId - b.agentId;
const byIdle = (a: QueueCandidate, b: QueueCandidate) => a.readySince - b.readySince || byTier(a, b);

/** The agents that may be offered the call now: not passed over, their level's wait served. */
export function offeredNow(rules: QueueRules, candidates: QueueCandidate[], at: { waitedSec: number; now: number; lowestLevel: number }): QueueCandidate[] {
  return candidates.filter((c) => c.passedOverUntil <= at.now && levelWaitSec(rules, c.level, at.lowestLevel) <= at.waitedSec);
}

/**
 * The agent who takes the call, or null. Lower levels are preferred to higher ones (except
 * ring-all, which offers the call to every level at once); within the level the strategy picks.
 */
export function chooseAgent(
  rules: QueueRules,
  candidates: QueueCandidate[],
  at: { waitedSec: number; now: number; lowestLevel: number; lastGiven?: RoundRobinMark },
): QueueCandidate | null {
  const open = offeredNow(rules, candidates, at);
  if (open.length === 0) return null;
  if (rules.strategy === "ring-all") return [...open].sort(byIdle)[0];
  const level = Math.min(...open.map((c) => c.level));
  const pool = open.filter((c) => c.level === level);
  switch (rules.strategy) {
    case "longest-idle-agent":
      return [...pool].sort(byIdle)[0];
    case "fewest-calls":
      return [...pool].sort((a, b) => a.callsTaken - b.callsTaken || byIdle(a, b))[0];
    case "top-down":
      return [...pool].sort(byTier)[0];
    case "round-robin": {
      const ordered = [...pool].sort(byTier);
      const last = at.lastGiven;
      if (!last) return ordered[0];
      const after = ordered.find((c) => byTier(c, { ...c, ...last }) > 0);
      return after ?? ordered[0];
    }
  }
}

/**
 * Seconds from now until a level that is not offered the call yet opens to it, for the agents
 * given (null when none will): a waiting person is offered again then.
 */
export function nextLevelOpensInSec(rules: QueueRules, levels: number[], at: { waitedSec: number; lowestLevel: number }): number | null {
  let next: number | null = null;
  for (const level of levels) {
    const wait = levelWaitSec(rules, level, at.lowestLevel);
    if (wait > at.waitedSec && (next === null || wait - at.waitedSec < next)) next = wait - at.waitedSec;
  }
  return next;
}
