import { lognormal, seededRng, uniform, type Rng } from "./random";

/**
 * What happens to a dialled call, decided when it is placed: who (if anyone) answers, after how
 * long, and how the conversation goes. Seeded, so a run can be replayed; shared by the PBX
 * simulator and the pacing benchmark.
 */
export type CallFate =
  /**
   * `replies`: what the person keys after each prompt played to them, in order (a survey's
   * answers): the digits of the next reply follow each finished playback; "" keys nothing.
   */
  | { kind: "human"; ringSec: number; talkSec: number; dtmf: { atSec: number; digit: string }[]; replies?: string[] }
  | { kind: "machine"; ringSec: number; amdSec: number; greetingSec: number }
  | { kind: "busy"; ringSec: number }
  | { kind: "congestion"; ringSec: number }
  | { kind: "unallocated"; ringSec: number }
  | { kind: "no_answer" };

export type OutcomeModel = {
  /** Probability a live person answers. */
  humanRate: number;
  /** Probability an answering machine answers. */
  machineRate: number;
  /** Of the calls nobody answers: the share refused at once (busy/congestion/unallocated). */
  refusedShare: number;
  /** Of the refused: busy, congestion, unallocated weights. */
  refusedMix: { busy: number; congestion: number; unallocated: number };
  humanRingSec: [number, number];
  machineRingSec: [number, number];
  refusedSec: [number, number];
  /** Seconds AMD needs to call a machine. */
  amdSec: number;
  talkMeanSec: number;
  talkCv: number;
};

/** Defaults in the spirit of a B2C list: 30 % people, 15 % machines, the rest refused or unanswered. */
export const DEFAULT_MODEL: OutcomeModel = {
  humanRate: 0.3,
  machineRate: 0.15,
  refusedShare: 0.4,
  refusedMix: { busy: 0.6, congestion: 0.25, unallocated: 0.15 },
  humanRingSec: [4, 20],
  machineRingSec: [3, 12],
  refusedSec: [2, 6],
  amdSec: 2.5,
  talkMeanSec: 120,
  talkCv: 1,
};

export class OutcomeSampler {
  private readonly rng: Rng;
  private readonly scripted = new Map<string, CallFate>();

  constructor(
    readonly model: OutcomeModel = DEFAULT_MODEL,
    seed = 1,
  ) {
    this.rng = seededRng(seed);
  }

  /** Every call to `number` gets this fate (tests, demos). */
  script(number: string, fate: CallFate): void {
    this.scripted.set(number, fate);
  }

  /** The scripted fate for `number`, if a test or demo set one. */
  scriptedFate(number: string): CallFate | undefined {
    return this.scripted.get(number);
  }

  clearScripts(): void {
    this.scripted.clear();
  }

  fateOf(number: string): CallFate {
    const scripted = this.scripted.get(number);
    if (scripted) return scripted;
    const m = this.model;
    const r = this.rng;
    const u = r();
    if (u < m.humanRate) {
      return { kind: "human", ringSec: uniform(r, ...m.humanRingSec), talkSec: Math.max(3, lognormal(r, m.talkMeanSec, m.talkCv)), dtmf: [] };
    }
    if (u < m.humanRate + m.machineRate) {
      return { kind: "machine", ringSec: uniform(r, ...m.machineRingSec), amdSec: m.amdSec, greetingSec: uniform(r, 8, 20) };
    }
    if (r() < m.refusedShare) {
      const { busy, congestion, unallocated } = m.refusedMix;
      const pick = r() * (busy + congestion + unallocated);
      const ringSec = uniform(r, ...m.refusedSec);
      if (pick < busy) return { kind: "busy", ringSec };
      if (pick < busy + congestion) return { kind: "congestion", ringSec };
      return { kind: "unallocated", ringSec };
    }
    return { kind: "no_answer" };
  }
}
