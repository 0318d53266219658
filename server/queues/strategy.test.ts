import { describe, expect, it } from "vitest";
import { chooseAgent, levelWaitSec, nextLevelOpensInSec, type QueueCandidate, type QueueRules } from "./strategy";

const rules = (over: Partial<QueueRules> = {}): QueueRules => ({ strategy: "longest-idle-agent", tierRulesApply: false, tierRuleWaitSec: 0, tierRuleWaitMultiplyLevel: false, ...over });
const agent = (agentId: number, over: Partial<QueueCandidate> = {}): QueueCandidate => ({ agentId, level: 1, position: agentId, readySince: 1000, callsTaken: 0, passedOverUntil: 0, ...over });
const at = (over: Partial<{ waitedSec: number; now: number; lowestLevel: number }> = {}) => ({ waitedSec: 0, now: 10_000, lowestLevel: 1, ...over });
const pick = (r: QueueRules, c: QueueCandidate[], a = at(), lastGiven: Parameters<typeof chooseAgent>[2]["lastGiven"] = null) => chooseAgent(r, c, { ...a, lastGiven })?.agentId ?? null;

describe("queue strategies", () => {
  it("longest-idle-agent takes the agent ready the longest", () => {
    expect(pick(rules(), [agent(1, { readySince: 3000 }), agent(2, { readySince: 1000 }), agent(3, { readySince: 2000 })])).toBe(2);
  });

  it("fewest-calls takes the agent with the fewest calls, the longest idle among equals", () => {
    const r = rules({ strategy: "fewest-calls" });
    expect(pick(r, [agent(1, { callsTaken: 3, readySince: 1 }), agent(2, { callsTaken: 1, readySince: 5 }), agent(3, { callsTaken: 2 })])).toBe(2);
    expect(pick(r, [agent(1, { callsTaken: 1, readySince: 9 }), agent(2, { callsTaken: 1, readySince: 5 })])).toBe(2);
  });

  it("round-robin goes to the next position after the last agent given a call, and wraps", () => {
    const r = rules({ strategy: "round-robin" });
    const team = [agent(1, { position: 1 }), agent(2, { position: 2 }), agent(3, { position: 3 })];
    expect(pick(r, team)).toBe(1);
    expect(pick(r, team, at(), { level: 1, position: 1, agentId: 1 })).toBe(2);
    expect(pick(r, team, at(), { level: 1, position: 2, agentId: 2 })).toBe(3);
    expect(pick(r, team, at(), { level: 1, position: 3, agentId: 3 })).toBe(1);
    // The next in turn is busy: the one after it.
    expect(pick(r, [team[0], team[2]], at(), { level: 1, position: 1, agentId: 1 })).toBe(3);
  });

  it("top-down always takes the first position", () => {
    expect(pick(rules({ strategy: "top-down" }), [agent(3, { position: 3, readySince: 1 }), agent(2, { position: 2, readySince: 2 })])).toBe(2);
  });

  it("a lower level is preferred to a longer-idle agent of a higher level, except by ring-all", () => {
    const team = [agent(1, { level: 2, readySince: 1 }), agent(2, { level: 1, readySince: 5000 })];
    expect(pick(rules(), team)).toBe(2);
    expect(pick(rules({ strategy: "ring-all" }), team)).toBe(1);
  });

  it("an agent passed over for not taking a call is skipped until its delay is over", () => {
    const team = [agent(1, { readySince: 1, passedOverUntil: 12_000 }), agent(2, { readySince: 2 })];
    expect(pick(rules(), team, at({ now: 11_000 }))).toBe(2);
    expect(pick(rules(), team, at({ now: 12_000 }))).toBe(1);
    expect(pick(rules(), [team[0]], at({ now: 11_000 }))).toBeNull();
  });
});

describe("tier rules", () => {
  const tiered = rules({ tierRulesApply: true, tierRuleWaitSec: 2 });

  it("a higher level is offered the call only after the wait", () => {
    const team = [agent(5, { level: 2 })];
    expect(pick(tiered, team, at({ waitedSec: 1.9 }))).toBeNull();
    expect(pick(tiered, team, at({ waitedSec: 2 }))).toBe(5);
    // Without tier rules, every level at once.
    expect(pick(rules(), team)).toBe(5);
  });

  it("the wait is multiplied by the level's distance from the lowest with wait_multiply_level", () => {
    const multiplied = rules({ tierRulesApply: true, tierRuleWaitSec: 2, tierRuleWaitMultiplyLevel: true });
    expect(levelWaitSec(multiplied, 1, 1)).toBe(0);
    expect(levelWaitSec(multiplied, 2, 1)).toBe(2);
    expect(levelWaitSec(multiplied, 3, 1)).toBe(4);
    expect(levelWaitSec(tiered, 3, 1)).toBe(2);
    expect(pick(multiplied, [agent(7, { level: 3 })], at({ waitedSec: 3 }))).toBeNull();
    expect(pick(multiplied, [agent(7, { level: 3 })], at({ waitedSec: 4 }))).toBe(7);
  });

  it("the lowest level present is offered at once, whatever its number", () => {
    expect(pick(tiered, [agent(4, { level: 3 })], at({ lowestLevel: 3 }))).toBe(4);
  });

  it("says when the next level opens", () => {
    expect(nextLevelOpensInSec(tiered, [1, 2], { waitedSec: 0.5, lowestLevel: 1 })).toBe(1.5);
    expect(nextLevelOpensInSec(tiered, [1, 2], { waitedSec: 3, lowestLevel: 1 })).toBeNull();
    expect(nextLevelOpensInSec(rules(), [1, 2], { waitedSec: 0, lowestLevel: 1 })).toBeNull();
  });
});
