import type { DialOutcome, OutcomeStats } from "./outcome-stats";

/**
 * Predictive pacing: how many lines to open now. A pure function of a snapshot of the campaign, so
 * the live dialer and the benchmark (bench/pacing) run exactly the same decision.
 *
 * The model: over the next few seconds, people answer on lines already ringing (each line's chance
 * depends on how long it has rung already) and on the lines we open now; agents become free (ready
 * now, in wrap-up, or in a call whose remaining length follows the lognormal talk time conditional
 * on how long it has lasted). A person who finds no agent within 2 s is abandoned. For each extra
 * line we estimate how many abandons it adds, and open it only while that marginal abandon risk per
 * person reached stays under a threshold; the threshold shrinks as the campaign's abandonment budget
 * (30-day and 24-hour windows against the cap, and the last hour against bursts) is used up, and
 * pacing turns progressive before the cap is reached. Every parameter is estimated online from the
 * campaign's own outcomes (outcome-stats.ts); the constants below are the same for every campaign.
 */

export type AbandonWindow = { liveAnswers: number; abandoned: number };

export type PacingSnapshot = {
  /** Agents waiting for a call now. */
  readyAgents: number;
  /** Agents talking, with seconds talked so far. */
  inCall: readonly { talkSec: number }[];
  /** Agents in wrap-up, with seconds of wrap-up so far. */
  wrapUp: readonly { elapsedSec: number }[];
  /** Lines dialled and not yet answered or released, with seconds rung so far. */
  ringing: readonly { ringSec: number }[];
  /** People answered and waiting for an agent (they will take the next free ones). */
  waitingCallers: number;
  outcomes: OutcomeStats;
  /**
   * Abandonment already spent; AMD false positives belong in `abandoned` where the rule says so.
   * `lastHour`, when given, steers against bursts: a bad hour is what a complaint cites, and the
   * long windows react to it too slowly.
   */
  abandonment: { window30d: AbandonWindow; window24h: AbandonWindow; lastHour?: AbandonWindow; cap: number };
  /** The campaign's answering-machine detection; absent means AMD off. */
  amd?: AmdSetting;
};

/**
 * AMD as the campaign has it. `falsePositiveRate` is the operator's estimate of the share of people
 * AMD calls machines (the UK regulator asks for a reasoned estimate); `falsePositivesAbandon` says
 * whether those people count as abandoned calls (UK: yes; US: no).
 */
export type AmdSetting = { enabled: boolean; falsePositiveRate: number; falsePositivesAbandon: boolean };

export type PacingDecision = {
  lines: number;
  mode: "predictive" | "progressive" | "preview" | "idle";
  /** Why, in words, for the runtime view and logs. */
  reason: string;
  /** Estimated share of dials a person answers. */
  answerRate: number;
  /**
   * Whether the lines opened now go through AMD. Off, answering machines reach agents (who
   * disposition them), and nobody is hung up on by mistake.
   */
  amd: boolean;
};

/**
 * Smallest share of the cap held back: the shift rate is a random quantity, so aiming at the cap
 * itself would overshoot it about half the time. Wider while a window holds few answers (`abandonTarget`).
 */
export const MIN_MARGIN_SHARE = 0.05;
/** Standard deviations of a window's abandon rate held back below the cap. */
const MARGIN_SD = 1;
/** The AMD rule's share of the cap for the target (AMD may take half of it): 1.2 % of a 3 % cap. */
const AMD_TARGET_SHARE_OF_CAP = 0.8;
/**
 * Marginal abandon risk allowed per expected person on the last line opened, when the budget is
 * exactly on target. Marginal risk is well above the average over all lines, which is what the
 * cap measures.
 */
export const BASE_MARGINAL_RISK = 0.07;
/** How hard the budget steers: e^gain less risk allowed when the rate is at the cap than when on target. */
const BUDGET_GAIN = 1;
/** How hard a last hour above the cap holds pacing back. */
const HOUR_GAIN = 4;
/**
 * However far under budget, a line is never opened at more than this multiple of the base risk:
 * early in a window the estimates are at their least reliable and unspent budget is no licence to
 * flood agents.
 */
const MAX_BUDGET_FACTOR = 3.5;
/** Live answers' worth of prior in the budget estimate: early in a window a few abandons must not swing pacing. */
const BUDGET_PRIOR_ANSWERS = 150;
/**
 * The hard stop also reads each window against a prior at this share of the cap. Early in a window
 * the target (and so the budget's prior) sits far below the cap, which would let a campaign
 * abandon its first answers and still dial; against this prior one abandoned answer in the first
 * few stops it, as the law's count would.
 */
const STOP_PRIOR_SHARE_OF_CAP = 0.8;
/** The same for the last hour, which must react within minutes. */
const HOUR_PRIOR_ANSWERS = 50;
/** Fewer resolved dials than this and the answer rate is a guess: dial progressively. */
export const MIN_DIALS = 30;
/** Seconds a person waits for an agent before counting as abandoned. */
const CONNECT_GRACE_SEC = 2;
/** Look-ahead checkpoints, seconds: a new line's person answers within ~25 s or not at all. */
const CHECKPOINTS = [3, 6, 9, 12, 15, 18, 21, 25];

/**
 * Priors for a new campaign. The answer-rate prior is deliberately high (a list answering often
 * needs few lines, so guessing high opens fewer lines); talk time is guessed long for the same reason.
 */
const PRIOR = {
  dials: 20,
  share: { human: 0.5, machine: 0.15, failed: 0.35 } as Record<DialOutcome, number>,
  ringWeight: 2,
  ringRange: [2, 30] as const,
  talkMeanSec: 180,
  talkCv: 1,
  talkWeight: 5,
  wrapSec: 10,
};

/**
 * Largest share of the abandonment target that AMD's own mistakes may take when they count as
 * abandoned. AMD hangs up on its false positives whatever the pacing does, so past this share the
 * budget left for pacing is too thin (and at the cap's size, nothing pacing does can bring the
 * rate back under it): machines then go to agents instead, which costs agents a few seconds per
 * machine and strands nobody.
 */
export const AMD_MAX_SHARE_OF_TARGET = 0.5;

/** Whether AMD may run on the lines opened now, given the campaign's setting and the cap. */
export function amdAllowed(amd: AmdSetting | undefined, cap: number): boolean {
  if (!amd?.enabled) return false;
  if (!amd.falsePositivesAbandon) return true;
  return amd.falsePositiveRate <= cap * AMD_TARGET_SHARE_OF_CAP * AMD_MAX_SHARE_OF_TARGET;
}

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp((-z * z) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z > 0 ? 1 - p : p;
}

/** What the decision needs from the outcome history, with the priors mixed in. */
export type Estimates = {
  share: Record<DialOutcome, number>;
  /** Cumulative ring-time distribution per outcome, at whole seconds 0..RING_BINS (outcome-stats). */
  ringCdf: Record<DialOutcome, Float64Array>;
  talkMu: number;
  talkSigma: number;
  wrapSec: number;
  dials: number;
};

/**
 * `inCallSec`: how long the calls still in progress have lasted. They are censored observations of
 * talk time, and must count: early in a shift, or after talk time grows, the calls that have
 * finished are the short ones, and a fit to them alone would expect agents free far too soon.
 */
export function estimate(stats: OutcomeStats, inCallSec: readonly number[] = []): Estimates {
  const dials = stats.counts.human + stats.counts.machine + stats.counts.failed;
  const share = {} as Record<DialOutcome, number>;
  const ringCdf = {} as Record<DialOutcome, Float64Array>;
  const [lo, hi] = PRIOR.ringRange;
  for (const k of ["human", "machine", "failed"] as const) {
    share[k] = (stats.counts[k] + PRIOR.share[k] * PRIOR.dials) / (dials + PRIOR.dials);
    const hist = stats.ringHist[k];
    const bins = hist.length;
    const cdf = new Float64Array(bins + 1);
    let total = 0;
    for (let i = 0; i < bins; i++) {
      const prior = i >= lo && i < hi ? PRIOR.ringWeight / (hi - lo) : 0;
      total += hist[i] + prior;
      cdf[i + 1] = total;
    }
    for (let i = 0; i <= bins; i++) cdf[i] /= total;
    ringCdf[k] = cdf;
  }
  const pSigma2 = Math.log(1 + PRIOR.talkCv * PRIOR.talkCv);
  const pMu = Math.log(PRIOR.talkMeanSec) - pSigma2 / 2;
  const w = PRIOR.talkWeight;
  const n = stats.talk.n + w;
  const talkMu = (stats.talk.sumLog + w * pMu) / n;
  const m2 = (stats.talk.sumLog2 + w * (pSigma2 + pMu * pMu)) / n;
  const talkSigma = Math.sqrt(Math.max(0.01, m2 - talkMu * talkMu));
  const talk = withCensored(stats.talk.sumLog + w * pMu, stats.talk.sumLog2 + w * (pSigma2 + pMu * pMu), n, talkMu, talkSigma, inCallSec);
  const wrapSec = (stats.wrap.sum + PRIOR.talkWeight * PRIOR.wrapSec) / (stats.wrap.n + PRIOR.talkWeight);
  return { share, ringCdf, talkMu: talk.mu, talkSigma: talk.sigma, wrapSec, dials };
}

/**
 * One EM step for a lognormal fit with right-censored calls: each call in progress contributes the
 * expected log talk time (and its square) given that it has lasted at least this long, under the
 * fit from finished calls.
 */
function withCensored(sumLog: number, sumLog2: number, n: number, mu: number, sigma: number, inCallSec: readonly number[]) {
  let s1 = sumLog;
  let s2 = sumLog2;
  for (const c of inCallSec) {
    const a = (Math.log(Math.max(1, c)) - mu) / sigma;
    const tail = Math.max(1e-12, 1 - normalCdf(a));
    const lambda = Math.min(a + 1 / Math.max(a, 1e-3) + 10, (0.3989422804014327 * Math.exp((-a * a) / 2)) / tail);
    s1 += mu + sigma * lambda;
    s2 += mu * mu + 2 * mu * sigma * lambda + sigma * sigma * (1 + a * lambda);
  }
  const total = n + inCallSec.length;
  const m = s1 / total;
  return { mu: m, sigma: Math.sqrt(Math.max(0.01, s2 / total - m * m)) };
}

/** Ring-time CDF at `t` seconds, interpolated inside the one-second bins. */
function cdfAt(cdf: Float64Array, t: number): number {
  if (t <= 0) return 0;
  if (t >= cdf.length - 1) return 1;
  const i = Math.floor(t);
  return cdf[i] + (cdf[i + 1] - cdf[i]) * (t - i);
}

/** P(a person answers a line within the next `t` s | it has rung `e` s without resolving). */
function humanWithin(est: Estimates, e: number, t: number): number {
  const { share, ringCdf } = est;
  const alive =
    share.human * (1 - cdfAt(ringCdf.human, e)) +
    share.machine * (1 - cdfAt(ringCdf.machine, e)) +
    share.failed * (1 - cdfAt(ringCdf.failed, e));
  if (alive < 1e-9) return 0;
  return (share.human * (cdfAt(ringCdf.human, e + t) - cdfAt(ringCdf.human, e))) / alive;
}

/** P(an agent `talkSec` into a call is free within `t` s), wrap-up included. */
function agentFreeWithin(est: Estimates, talkSec: number, t: number): number {
  const talkLeft = t - est.wrapSec;
  if (talkLeft <= 0) return 0;
  const done = talkSec <= 0 ? 0 : normalCdf((Math.log(talkSec) - est.talkMu) / est.talkSigma);
  if (done >= 1 - 1e-9) return 1;
  const later = normalCdf((Math.log(talkSec + talkLeft) - est.talkMu) / est.talkSigma);
  return (later - done) / (1 - done);
}

/**
 * The abandon rate aimed at in a window holding `liveAnswers`: the cap less a margin that is wide
 * while the window holds few answers (a few unlucky abandons move its rate a lot, and it is the
 * rate at the end of the window that must stay under the cap) and narrows with the square root of
 * the sample, down to `MIN_MARGIN_SHARE` of the cap.
 */
export function abandonTarget(cap: number, liveAnswers: number): number {
  const sd = Math.sqrt((cap * (1 - cap)) / (liveAnswers + BUDGET_PRIOR_ANSWERS));
  return cap - Math.max(cap * MIN_MARGIN_SHARE, MARGIN_SD * sd);
}

/**
 * How much of the budget is left, as a multiplier on the allowed marginal risk: 1 when the smoothed
 * abandon rate is on target, growing exponentially below it and shrinking above it (by e for each
 * distance between target and cap), 0 (progressive) once the smoothed rate reaches the cap.
 * Exponential, because the marginal risk that yields the target differs several-fold between a
 * 10-agent, 15 % list and a 100-agent, 50 % one; a linear correction would settle far from target
 * at either end. Scaled by the margin, not the target, so that a narrow margin is steered into
 * gently rather than crossed into the hard stop at the cap. Both windows are checked; the tighter
 * one wins. The hard stop also reads each window against a prior of 80 % of the cap
 * (STOP_PRIOR_SHARE_OF_CAP), so a window's first abandoned answers stop a campaign.
 */
export function budgetFactor(abandonment: PacingSnapshot["abandonment"]): number {
  const { cap } = abandonment;
  let factor = Infinity;
  for (const w of [abandonment.window30d, abandonment.window24h]) {
    const target = abandonTarget(cap, w.liveAnswers);
    const smoothed = (w.abandoned + target * BUDGET_PRIOR_ANSWERS) / (w.liveAnswers + BUDGET_PRIOR_ANSWERS);
    const forStop = (w.abandoned + cap * STOP_PRIOR_SHARE_OF_CAP * BUDGET_PRIOR_ANSWERS) / (w.liveAnswers + BUDGET_PRIOR_ANSWERS);
    if (smoothed >= cap || forStop >= cap) return 0;
    factor = Math.min(factor, MAX_BUDGET_FACTOR, Math.exp((BUDGET_GAIN * (target - smoothed)) / (cap - target)));
  }
  if (abandonment.lastHour) {
    // The hour only ever holds pacing back, and only once it runs above the cap itself: one good
    // hour is no licence to spend, and a single hour between target and cap is within the rules.
    const w = abandonment.lastHour;
    const smoothed = (w.abandoned + cap * HOUR_PRIOR_ANSWERS) / (w.liveAnswers + HOUR_PRIOR_ANSWERS);
    factor *= Math.exp((HOUR_GAIN * Math.min(0, cap - smoothed)) / cap);
  }
  return factor;
}

const progressive = (s: PacingSnapshot, reason: string, answerRate: number): Lines => {
  const lines = Math.max(0, s.readyAgents - s.ringing.length - s.waitingCallers);
  return { lines, mode: lines > 0 ? "progressive" : "idle", reason, answerRate };
};

type Lines = Omit<PacingDecision, "amd">;

/**
 * With AMD off, the dialer cannot tell a machine from a person until an agent hears it: the
 * outcome stats it feeds count every answer that needs an agent as `human`, and the talk times
 * include the short machine calls, so the model below holds as it is.
 */
export function decidePacing(s: PacingSnapshot): PacingDecision {
  const decision = decideLines(s);
  const amd = amdAllowed(s.amd, s.abandonment.cap);
  if (s.amd?.enabled && !amd) decision.reason += "; AMD off: its false positives alone would spend the abandonment budget";
  return { ...decision, amd };
}

function decideLines(s: PacingSnapshot): Lines {
  const est = estimate(s.outcomes, s.inCall.map((a) => a.talkSec));
  const pH = est.share.human;
  if (est.dials < MIN_DIALS) return progressive(s, `only ${Math.round(est.dials)} dials seen: progressive`, pH);
  const factor = budgetFactor(s.abandonment);
  if (factor <= 0) return progressive(s, "abandonment budget spent: progressive", pH);

  // Agents that could take a person within the look-ahead: ready, or likely free soon.
  const horizon = CHECKPOINTS[CHECKPOINTS.length - 1] + CONNECT_GRACE_SEC;
  const soonFree = s.wrapUp.length + s.inCall.reduce((sum, a) => sum + agentFreeWithin(est, a.talkSec, horizon), 0);
  if (s.readyAgents === 0 && soonFree < 0.5) return { lines: 0, mode: "idle", reason: "no agent ready or soon free", answerRate: pH };

  // Per checkpoint t: mean and variance of (people answered by t) − (agents free by t + grace).
  const mean = new Float64Array(CHECKPOINTS.length);
  const variance = new Float64Array(CHECKPOINTS.length);
  const newLineP = new Float64Array(CHECKPOINTS.length);
  const arrivals = new Float64Array(CHECKPOINTS.length);
  CHECKPOINTS.forEach((t, j) => {
    let m = s.waitingCallers - s.readyAgents;
    let v = 0;
    for (const line of s.ringing) {
      const p = humanWithin(est, line.ringSec, t);
      m += p;
      v += p * (1 - p);
      arrivals[j] += p;
    }
    for (const a of s.wrapUp) {
      const p = est.wrapSec - a.elapsedSec <= t + CONNECT_GRACE_SEC ? 1 : 0;
      m -= p;
    }
    for (const a of s.inCall) {
      const p = agentFreeWithin(est, a.talkSec, t + CONNECT_GRACE_SEC);
      m -= p;
      v += p * (1 - p);
    }
    mean[j] = m;
    variance[j] = v;
    newLineP[j] = pH * cdfAt(est.ringCdf.human, t);
  });
  // Expected abandons with `extra` new lines: the people expected to answer between two checkpoints,
  // each abandoned with the chance that by then more people than agents have turned up (normal
  // approximation, continuity-corrected). Summing over the arrivals, rather than taking the worst
  // checkpoint, charges a line for every moment it could strand someone.
  const abandons = (extra: number) => {
    let total = 0;
    let prevArr = 0;
    for (let j = 0; j < CHECKPOINTS.length; j++) {
      const p = newLineP[j];
      const arr = arrivals[j] + extra * p;
      const m = mean[j] + extra * p;
      const v = variance[j] + extra * p * (1 - p);
      total += (arr - prevArr) * normalCdf((m + 0.5) / Math.sqrt(v + 0.25));
      prevArr = arr;
    }
    return total;
  };

  const allowed = BASE_MARGINAL_RISK * factor;
  // Never more lines than would bring, at the estimated answer rate, a person for every agent.
  const maxLines = Math.ceil((s.readyAgents + s.inCall.length + s.wrapUp.length) / pH) + 1;
  let lines = 0;
  let before = abandons(0);
  while (lines < maxLines) {
    const after = abandons(lines + 1);
    if ((after - before) / pH > allowed) break;
    lines += 1;
    before = after;
  }
  // Progressive is the floor: a line per ready agent with none working for them strands nobody.
  lines = Math.max(lines, progressive(s, "", pH).lines);
  return { lines, mode: "predictive", reason: `answer rate ${(pH * 100).toFixed(1)} %, budget ×${factor.toFixed(2)}`, answerRate: pH };
}
