/**
 * What a campaign has seen lately: how dials end and after how long, and how long calls and wrap-up
 * last. The live dialer and the pacing benchmark keep one of these per campaign and record into it
 * as calls end; `decidePacing` reads it. Counts decay exponentially so that the estimates follow a
 * list whose answer rate falls, or talk time that grows, without anyone re-tuning the campaign.
 */

/** How a dial ended, as far as pacing cares: a person, a machine, or nobody (busy, congestion, no answer). */
export type DialOutcome = "human" | "machine" | "failed";

/** One-second bins; a ring longer than this lands in the last bin. */
export const RING_BINS = 60;

export type OutcomeStats = {
  /** Decayed number of resolved dials per outcome. */
  counts: Record<DialOutcome, number>;
  /** Decayed ring-time histograms per outcome, `RING_BINS` one-second bins. */
  ringHist: Record<DialOutcome, number[]>;
  /** Decayed moments of log talk time of finished calls (lognormal fit). */
  talk: { n: number; sumLog: number; sumLog2: number };
  /** Decayed sum and count of wrap-up seconds. */
  wrap: { n: number; sum: number };
};

/**
 * Memory, in events: a dial outcome weighs half as much after this many further dials, a call after
 * this many further calls. Long enough that 5 agents get a usable estimate, short enough that a
 * mid-shift change is followed within the hour.
 */
export const DIAL_HALF_LIFE = 400;
export const CALL_HALF_LIFE = 80;

const dialDecay = Math.pow(0.5, 1 / DIAL_HALF_LIFE);
const callDecay = Math.pow(0.5, 1 / CALL_HALF_LIFE);

export function emptyOutcomeStats(): OutcomeStats {
  const bins = () => new Array<number>(RING_BINS).fill(0);
  return {
    counts: { human: 0, machine: 0, failed: 0 },
    ringHist: { human: bins(), machine: bins(), failed: bins() },
    talk: { n: 0, sumLog: 0, sumLog2: 0 },
    wrap: { n: 0, sum: 0 },
  };
}

/** Record a resolved dial (answered by a person or machine, or released unanswered) into `stats`. */
export function recordDialOutcome(stats: OutcomeStats, outcome: DialOutcome, ringSec: number): void {
  for (const k of ["human", "machine", "failed"] as const) {
    stats.counts[k] *= dialDecay;
    const hist = stats.ringHist[k];
    for (let i = 0; i < RING_BINS; i++) hist[i] *= dialDecay;
  }
  stats.counts[outcome] += 1;
  const bin = Math.min(RING_BINS - 1, Math.max(0, Math.floor(ringSec)));
  stats.ringHist[outcome][bin] += 1;
}

/** Record a finished call: its talk time and the wrap-up that followed. */
export function recordHandle(stats: OutcomeStats, talkSec: number, wrapSec: number): void {
  const l = Math.log(Math.max(1, talkSec));
  stats.talk.n = stats.talk.n * callDecay + 1;
  stats.talk.sumLog = stats.talk.sumLog * callDecay + l;
  stats.talk.sumLog2 = stats.talk.sumLog2 * callDecay + l * l;
  stats.wrap.n = stats.wrap.n * callDecay + 1;
  stats.wrap.sum = stats.wrap.sum * callDecay + wrapSec;
}
