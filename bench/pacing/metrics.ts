import type { RunResult } from "./sim";

/** One row of bench/results/pacing.json, as issue 5 specifies it; rates are fractions. */
export type Row = {
  policy: string;
  scenario: string;
  agents: number;
  answerRate: number;
  seeds: number;
  occupancy: number;
  abandonRate: number;
  /** Highest shift abandon rate of any one seed's run (the law applies to each run, not to the pool). */
  worstRunAbandon: number;
  worstHourAbandon: number;
  waitSec: number;
  connectsPerAgentHour: number;
  /** UTC day the row was measured (rows of a partial rerun keep theirs); absent on rows from before issue 14. */
  runOn?: string;
};

const HOUR = 3600;
/** Rolling-hour windows start every this many seconds. */
const WINDOW_STEP = 300;

/** Highest abandon rate over any hour of the shift (windows every 5 minutes). */
export function worstHour(r: RunResult, shiftSec: number): number {
  let worst = 0;
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  for (let start = 0; start + HOUR <= shiftSec; start += WINDOW_STEP) {
    while (a0 < r.answerTimes.length && r.answerTimes[a0] < start) a0++;
    while (a1 < r.answerTimes.length && r.answerTimes[a1] < start + HOUR) a1++;
    while (b0 < r.abandonTimes.length && r.abandonTimes[b0] < start) b0++;
    while (b1 < r.abandonTimes.length && r.abandonTimes[b1] < start + HOUR) b1++;
    const answers = a1 - a0;
    if (answers > 0) worst = Math.max(worst, (b1 - b0) / answers);
  }
  return worst;
}

/** Pool the seeds of one policy × scenario: totals over all runs; the worst hour is the worst of any run. */
export function summarise(policy: string, scenario: string, agents: number, answerRate: number, runs: RunResult[], shiftSec: number): Row {
  const sum = (f: (r: RunResult) => number) => runs.reduce((s, r) => s + f(r), 0);
  const loggedIn = sum((r) => r.loggedInSec);
  const live = sum((r) => r.liveAnswers);
  const connects = sum((r) => r.connects);
  return {
    policy,
    scenario,
    agents,
    answerRate,
    seeds: runs.length,
    occupancy: sum((r) => r.busySec) / loggedIn,
    abandonRate: live > 0 ? sum((r) => r.abandoned) / live : 0,
    worstRunAbandon: Math.max(...runs.map((r) => (r.liveAnswers > 0 ? r.abandoned / r.liveAnswers : 0))),
    worstHourAbandon: Math.max(...runs.map((r) => worstHour(r, shiftSec))),
    waitSec: connects > 0 ? sum((r) => r.readySec) / connects : 0,
    connectsPerAgentHour: connects / (loggedIn / HOUR),
  };
}
