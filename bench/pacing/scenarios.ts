/**
 * The contact centres the benchmark runs. The base model is fixed by issue 5 so that figures compare
 * across implementations; the harder scenarios each change one thing on top of it.
 */
export type Scenario = {
  /** `base` for the base model, else the harder scenario's name. */
  name: string;
  agents: number;
  shiftSec: number;
  /** Share of dials a live person answers, by seconds into the shift. */
  answerRate: (t: number) => number;
  /** Mean talk seconds of a call answered at `t`. */
  talkMeanSec: (t: number) => number;
  /** Share of people AMD wrongly calls machines (hung up, counted as abandoned). */
  amdFalsePositive: number;
  /** Agents that go to lunch (after their current call) and when, seconds into the shift. */
  lunch?: { agents: number; startSec: number; durationSec: number };
  /** Agents log in one after another, evenly over this many seconds from the start (else all at 0). */
  loginOverSec?: number;
  /** Numbers on the list; once they are all dialled nothing more can be (else unlimited). */
  listSize?: number;
};

export const SHIFT_SEC = 8 * 3600;
export const MACHINE_RATE = 0.15;
export const HUMAN_RING: [number, number] = [4, 20];
export const MACHINE_RING: [number, number] = [3, 12];
export const AMD_SEC = 2.5;
/**
 * With AMD off (the pacer turns it off when its false positives would spend the budget), seconds an
 * agent spends hearing a machine's greeting and dispositioning it. Not part of the base model.
 */
export const MACHINE_AGENT_SEC: [number, number] = [5, 10];
/** Of failed dials: this share busy/congestion (released early), the rest ring to the timeout. */
export const BUSY_SHARE = 0.4;
export const BUSY_RING: [number, number] = [2, 6];
export const NO_ANSWER_SEC = 25;
export const TALK_CV = 1;
export const WRAP_SEC = 10;
export const CONNECT_GRACE_SEC = 2;
export const ABANDON_CAP = 0.03;

export function baseScenario(agents: number, answerRate: number): Scenario {
  return { name: "base", agents, shiftSec: SHIFT_SEC, answerRate: () => answerRate, talkMeanSec: () => 120, amdFalsePositive: 0 };
}

/** The harder scenarios, each on top of the base model at pH 30 %. */
export function harderScenarios(agents: number): Scenario[] {
  const base = baseScenario(agents, 0.3);
  const mid = SHIFT_SEC / 2;
  return [
    { ...base, name: "amd-false-positives", amdFalsePositive: 0.05 },
    { ...base, name: "answer-rate-falls", answerRate: (t) => 0.35 - (0.2 * t) / SHIFT_SEC },
    { ...base, name: "talk-time-doubles", talkMeanSec: (t) => (t < mid ? 120 : 240) },
    { ...base, name: "half-on-lunch", lunch: { agents: Math.floor(agents / 2), startSec: mid, durationSec: 1800 } },
    { ...base, name: "shift-start", loginOverSec: 600 },
    // About 6 h of dialing at pH 30 %: the list runs out two hours before the shift ends.
    { ...base, name: "list-runs-dry", listSize: LIST_NUMBERS_PER_AGENT * agents },
  ];
}

/** Scenarios with a capacity the policy cannot make up (idle agents at the end): the cap holds, occupancy is not compared with base. */
export const NO_OCCUPANCY_GOAL = new Set(["list-runs-dry"]);
/** The list-runs-dry scenario's numbers per agent. */
export const LIST_NUMBERS_PER_AGENT = 500;

/** Answer rate the harder scenario's fixed ratio was tuned for (their base is pH 30 %). */
export const HARDER_BASE_ANSWER_RATE = 0.3;
