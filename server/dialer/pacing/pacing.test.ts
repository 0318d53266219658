import { describe, expect, it } from "vitest";
import { runShift } from "../../../bench/pacing/sim";
import { fixedRatioPolicy, pacerPolicy } from "../../../bench/pacing/policies";
import { baseScenario } from "../../../bench/pacing/scenarios";
import { seededRng, lognormal, uniform } from "../../pbx/sim/random";
import { abandonTarget, amdAllowed, budgetFactor, decidePacing, estimate, type PacingSnapshot } from "./pacing";
import { DIAL_HALF_LIFE, emptyOutcomeStats, recordDialOutcome, recordHandle, type OutcomeStats } from "./outcome-stats";

/** Outcome history of `dials` dials at answer rate `pH` (base-model ring times, talk mean 120 s). */
function history(dials: number, pH: number, seed = 1, stats: OutcomeStats = emptyOutcomeStats()): OutcomeStats {
  const r = seededRng(seed);
  for (let i = 0; i < dials; i++) {
    const u = r();
    if (u < pH) {
      recordDialOutcome(stats, "human", uniform(r, 4, 20));
      recordHandle(stats, lognormal(r, 120, 1), 10);
    } else if (u < pH + 0.15) recordDialOutcome(stats, "machine", uniform(r, 3, 12));
    else recordDialOutcome(stats, "failed", r() < 0.4 ? uniform(r, 2, 6) : 25);
  }
  return stats;
}

const fresh = { liveAnswers: 0, abandoned: 0 };

function snapshot(over: Partial<PacingSnapshot> = {}): PacingSnapshot {
  return {
    readyAgents: 5,
    inCall: Array.from({ length: 15 }, (_, i) => ({ talkSec: 10 + i * 15 })),
    wrapUp: [],
    ringing: [],
    waitingCallers: 0,
    outcomes: history(2000, 0.3),
    abandonment: { window30d: fresh, window24h: fresh, cap: 0.03 },
    ...over,
  };
}

describe("decidePacing", () => {
  it("opens no line when no agent is ready and none will be free soon", () => {
    const d = decidePacing(snapshot({ readyAgents: 0, inCall: [{ talkSec: 1 }, { talkSec: 2 }, { talkSec: 3 }] }));
    expect(d.lines).toBe(0);
    expect(d.mode).toBe("idle");
  });

  it("dials ahead for agents about to leave wrap-up even when none is ready", () => {
    const d = decidePacing(snapshot({ readyAgents: 0, inCall: [], wrapUp: [{ elapsedSec: 8 }, { elapsedSec: 9 }, { elapsedSec: 9 }] }));
    expect(d.mode).toBe("predictive");
    expect(d.lines).toBeGreaterThan(0);
  });

  it("dials more than one line per ready agent once the answer rate is known", () => {
    const d = decidePacing(snapshot({ readyAgents: 5 }));
    expect(d.mode).toBe("predictive");
    expect(d.lines).toBeGreaterThan(5);
  });

  it("counts lines already ringing: more of them, fewer new ones", () => {
    const few = decidePacing(snapshot({ ringing: [{ ringSec: 2 }] })).lines;
    const many = decidePacing(snapshot({ ringing: Array.from({ length: 12 }, (_, i) => ({ ringSec: i })) })).lines;
    expect(many).toBeLessThan(few);
  });

  it("falls back to progressive once the budget is spent, in either window", () => {
    const spent = { liveAnswers: 1000, abandoned: 31 };
    for (const abandonment of [
      { window30d: spent, window24h: fresh, cap: 0.03 },
      { window30d: fresh, window24h: spent, cap: 0.03 },
    ]) {
      const d = decidePacing(snapshot({ readyAgents: 6, ringing: [{ ringSec: 3 }, { ringSec: 5 }], waitingCallers: 1, abandonment }));
      expect(d.mode).toBe("progressive");
      expect(d.lines).toBe(6 - 2 - 1);
    }
  });

  it("dials fewer lines as the budget runs down, before it is spent", () => {
    const lines = (abandoned: number) =>
      decidePacing(snapshot({ abandonment: { window30d: { liveAnswers: 1000, abandoned }, window24h: fresh, cap: 0.03 } })).lines;
    expect(lines(28)).toBeLessThan(lines(10));
  });

  it("aims closer to the cap as a window fills, never at the cap itself", () => {
    const early = abandonTarget(0.03, 0);
    const shift = abandonTarget(0.03, 2000);
    const month = abandonTarget(0.03, 100_000);
    expect(early).toBeLessThan(shift);
    expect(shift).toBeLessThan(month);
    expect(early).toBeLessThan(0.02);
    expect(month).toBeCloseTo(0.0285, 6);
  });

  it("steers down gently between target and cap, and stops only at the cap", () => {
    const factor = (abandoned: number) => {
      const w = { liveAnswers: 20_000, abandoned };
      return budgetFactor({ window30d: w, window24h: w, cap: 0.03 });
    };
    expect(factor(500)).toBeGreaterThan(1); // 2.5 %: under target, spend
    expect(factor(580)).toBeLessThan(1); // 2.9 %: over target, hold back
    expect(factor(580)).toBeGreaterThan(0.2); // but not to progressive
    expect(factor(610)).toBe(0); // 3.05 %: spent
  });

  it("stops at a window's first abandoned answer, though the early target sits far below the cap", () => {
    const w = (liveAnswers: number, abandoned: number) => budgetFactor({ window30d: { liveAnswers, abandoned }, window24h: { liveAnswers, abandoned }, cap: 0.03 });
    expect(w(1, 1)).toBe(0);
    expect(w(10, 1)).toBeGreaterThan(0);
    expect(w(1, 0)).toBeGreaterThan(1);
  });

  it("holds back after a bad last hour even with the long windows on target", () => {
    const onTarget = { liveAnswers: 5000, abandoned: 120 };
    const lines = (lastHour: { liveAnswers: number; abandoned: number }) =>
      decidePacing(snapshot({ abandonment: { window30d: onTarget, window24h: onTarget, lastHour, cap: 0.03 } })).lines;
    expect(lines({ liveAnswers: 200, abandoned: 14 })).toBeLessThan(lines({ liveAnswers: 200, abandoned: 2 }));
  });

  it("never opens fewer lines than progressive would, however little budget is left", () => {
    const tight = { liveAnswers: 1000, abandoned: 29 };
    const d = decidePacing(
      snapshot({ readyAgents: 4, ringing: [{ ringSec: 1 }], abandonment: { window30d: tight, window24h: tight, lastHour: { liveAnswers: 100, abandoned: 9 }, cap: 0.03 } }),
    );
    expect(d.mode).toBe("predictive");
    expect(d.lines).toBeGreaterThanOrEqual(3);
  });

  it("dials progressively for a brand-new campaign", () => {
    const d = decidePacing(snapshot({ readyAgents: 8, outcomes: emptyOutcomeStats() }));
    expect(d.mode).toBe("progressive");
    expect(d.lines).toBe(8);
  });

  it("leans on a conservative prior while the data is thin", () => {
    const thin = estimate(history(60, 0.1, 3));
    const rich = estimate(history(3000, 0.1, 3));
    expect(thin.share.human).toBeGreaterThan(rich.share.human);
    const s = { readyAgents: 6, inCall: [], wrapUp: [] };
    expect(decidePacing(snapshot({ ...s, outcomes: history(60, 0.1, 3) })).lines).toBeLessThan(
      decidePacing(snapshot({ ...s, outcomes: history(3000, 0.1, 3) })).lines,
    );
  });

  it("follows a sudden drop in the answer rate within two half-lives of dials", () => {
    const stats = history(3000, 0.5, 4);
    const before = estimate(stats).share.human;
    history(2 * DIAL_HALF_LIFE, 0.15, 5, stats);
    const after = estimate(stats).share.human;
    expect(before).toBeGreaterThan(0.45);
    expect(after).toBeLessThan(0.3);
  });

  it("expects calls still in progress to run long rather than trusting only the short ones that finished", () => {
    const stats = emptyOutcomeStats();
    for (let i = 0; i < 20; i++) recordHandle(stats, 20 + i, 10);
    const alone = estimate(stats);
    const withLong = estimate(stats, Array.from({ length: 40 }, () => 200));
    expect(withLong.talkMu).toBeGreaterThan(alone.talkMu + 0.5);
  });
});

describe("AMD under the abandonment rule", () => {
  const uk = (falsePositiveRate: number) => ({ enabled: true, falsePositiveRate, falsePositivesAbandon: true });

  it("keeps AMD on where its mistakes do not count (US) or are small", () => {
    expect(amdAllowed({ enabled: true, falsePositiveRate: 0.08, falsePositivesAbandon: false }, 0.03)).toBe(true);
    expect(amdAllowed(uk(0.005), 0.03)).toBe(true);
    expect(decidePacing(snapshot({ amd: uk(0.005) })).amd).toBe(true);
  });

  it("turns AMD off when its false positives alone would take half the target (UK)", () => {
    // AMD's share is judged against 0.8 × 3 % = 2.4 %; half of it is 1.2 %.
    expect(amdAllowed(uk(0.012), 0.03)).toBe(true);
    expect(amdAllowed(uk(0.013), 0.03)).toBe(false);
    const d = decidePacing(snapshot({ amd: uk(0.05) }));
    expect(d.amd).toBe(false);
    expect(d.reason).toMatch(/AMD off/);
    // A looser cap leaves room for the same estimate.
    expect(amdAllowed(uk(0.05), 0.15)).toBe(true);
  });

  it("never runs AMD the campaign has not turned on", () => {
    expect(decidePacing(snapshot({ amd: { enabled: false, falsePositiveRate: 0, falsePositivesAbandon: false } })).amd).toBe(false);
    expect(decidePacing(snapshot()).amd).toBe(false);
  });
});

describe("pacing in simulation", () => {
  it("stays under the cap when AMD calls 5 % of people machines and they count (UK), where a fixed ratio cannot", () => {
    const scenario = { ...baseScenario(25, 0.3), shiftSec: 3 * 3600, amdFalsePositive: 0.05 };
    const pacer = runShift(scenario, 2, pacerPolicy(0.05));
    const ratio = runShift(scenario, 2, fixedRatioPolicy(2));
    const rate = (r: typeof pacer) => r.abandoned / r.liveAnswers;
    expect(rate(pacer)).toBeLessThan(0.03);
    expect(rate(ratio)).toBeGreaterThan(0.04);
    // Agents hear the machines AMD no longer screens out: time on them is not counted as work.
    expect(pacer.machineSec).toBeGreaterThan(0);
    expect(pacer.busySec / pacer.loggedInSec).toBeGreaterThan(0.8);
  });

  it("abandons fewer people than a fixed ratio when the answer rate drops and rises again", () => {
    // Three hours: 40 % answer, then 15 %, then 40 % again. A ratio tuned for the lean hour floods
    // agents when the rate comes back; the pacer sees the change in its outcomes and follows it.
    const scenario = { ...baseScenario(20, 0.4), shiftSec: 3 * 3600, answerRate: (t: number) => (t >= 3600 && t < 7200 ? 0.15 : 0.4) };
    const pacer = runShift(scenario, 1, pacerPolicy());
    const ratio = runShift(scenario, 1, fixedRatioPolicy(4));
    const rate = (r: typeof pacer) => r.abandoned / r.liveAnswers;
    expect(rate(pacer)).toBeLessThan(0.03);
    expect(rate(pacer)).toBeLessThan(rate(ratio));
    expect(pacer.busySec / pacer.loggedInSec).toBeGreaterThan(0.8);
  });
});
