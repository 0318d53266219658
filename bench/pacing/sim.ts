import { lognormal, seededRng } from "../../server/pbx/sim/random";
import {
  AMD_SEC,
  BUSY_RING,
  BUSY_SHARE,
  CONNECT_GRACE_SEC,
  HUMAN_RING,
  MACHINE_AGENT_SEC,
  MACHINE_RATE,
  MACHINE_RING,
  NO_ANSWER_SEC,
  TALK_CV,
  WRAP_SEC,
  type Scenario,
} from "./scenarios";

/**
 * A discrete-event simulation of one shift in virtual time. Every policy sees the same dial
 * outcomes: the k-th dial of a run draws its fate from the same random numbers whoever dials it and
 * whenever (only the time-varying answer rate and talk time read the dial's time).
 */

export type Fate =
  | { kind: "human"; ringSec: number; talkSec: number; amdFalsePositive: boolean }
  /** `agentSec`: how long an agent takes to hear it is a machine and disposition it, when AMD is off. */
  | { kind: "machine"; ringSec: number; agentSec: number }
  | { kind: "failed"; ringSec: number };

type Draws = { u: number; ring: number; talkScale: number; fp: number };

/** The pre-drawn random numbers of each dial, in dial order; a fate is them read at a dial time. */
export class FateStream {
  private readonly draws: Draws[] = [];
  private readonly rng;

  constructor(
    private readonly scenario: Scenario,
    seed: number,
  ) {
    this.rng = seededRng(seed * 7919 + 17);
  }

  fate(index: number, atSec: number): Fate {
    while (this.draws.length <= index) {
      const r = this.rng;
      this.draws.push({ u: r(), ring: r(), talkScale: lognormal(r, 1, TALK_CV), fp: r() });
    }
    const d = this.draws[index];
    const pH = this.scenario.answerRate(atSec);
    const at = (range: [number, number], u = d.ring) => range[0] + (range[1] - range[0]) * u;
    if (d.u < pH) {
      const talkSec = Math.max(1, d.talkScale * this.scenario.talkMeanSec(atSec));
      return { kind: "human", ringSec: at(HUMAN_RING), talkSec, amdFalsePositive: d.fp < this.scenario.amdFalsePositive };
    }
    // `fp` is unused for machines; reading it here keeps every other draw where it was.
    if (d.u < pH + MACHINE_RATE) return { kind: "machine", ringSec: at(MACHINE_RING), agentSec: at(MACHINE_AGENT_SEC, d.fp) };
    const busy = (d.u - pH - MACHINE_RATE) / (1 - pH - MACHINE_RATE) < BUSY_SHARE;
    return { kind: "failed", ringSec: busy ? at(BUSY_RING) : NO_ANSWER_SEC };
  }
}

export type Agent = {
  id: number;
  state: "ready" | "talk" | "wrap" | "away";
  /** When the current state began. */
  since: number;
  /** When the agent will next be ready (talk or wrap end); ground truth, only the clairvoyant reads it. */
  freeAt: number;
  talkSec: number;
  goesToLunch: boolean;
  /** Talking to an answering machine (AMD off), not to a person. */
  onMachine: boolean;
};

export type Line = { id: number; dialedAt: number; fate: Fate };
type Waiting = { talkSec: number; deadline: number; machine: boolean };

/** What a policy sees at a decision; the clairvoyant also reads `fates` and agents' `freeAt`. */
export type SimView = {
  now: number;
  agents: readonly Agent[];
  ringing: ReadonlyMap<number, Line>;
  waiting: readonly Waiting[];
  inCall: number;
  ready: number;
  /** Fate of the dial `offset` places after the next one, if dialled now. */
  peekFate: (offset: number) => Fate;
};

export type Policy = {
  name: string;
  /** Seconds between decisions. */
  intervalSec: number;
  /** Lines to open now. */
  decide: (view: SimView) => number;
  /**
   * Whether the lines just opened go through AMD (default yes). Without it a machine is answered
   * like a person: it needs an agent, who spends a few seconds on it; the dialer cannot tell it
   * from a person, so the policy is told of it as a person.
   */
  amd?: () => boolean;
  /** Told of each resolved dial and each finished call, to learn from (the pacer's outcome stats). */
  onDialResolved?: (kind: "human" | "machine" | "failed", ringSec: number) => void;
  onCallFinished?: (talkSec: number, wrapSec: number) => void;
  /** Told of each live answer and whether it was abandoned (for abandonment budgets). */
  onLiveAnswer?: (now: number, abandoned: boolean) => void;
};

export type RunResult = {
  /** Agents' talk and wrap-up with people; seconds spent on machines are in `machineSec`. */
  busySec: number;
  machineSec: number;
  loggedInSec: number;
  readySec: number;
  connects: number;
  liveAnswers: number;
  abandoned: number;
  answerTimes: number[];
  abandonTimes: number[];
};

type Event = { t: number; seq: number; run: () => void };

/** A binary min-heap of events by time (ties in scheduling order, so runs are reproducible). */
class EventQueue {
  private heap: Event[] = [];
  private seq = 0;
  push(t: number, run: () => void) {
    const e = { t, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
const before = (a: Event, b: Event) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

export function runShift(scenario: Scenario, seed: number, policy: Policy): RunResult {
  const fates = new FateStream(scenario, seed);
  const queue = new EventQueue();
  const end = scenario.shiftSec;
  // With a staggered login, agent i logs in at (i + 1) / agents of `loginOverSec`; until then away.
  const loginAt = (id: number) => (scenario.loginOverSec ? ((id + 1) / scenario.agents) * scenario.loginOverSec : 0);
  const agents: Agent[] = Array.from({ length: scenario.agents }, (_, id) => ({
    id,
    state: loginAt(id) > 0 ? "away" : "ready",
    since: 0,
    freeAt: loginAt(id),
    talkSec: 0,
    goesToLunch: !!scenario.lunch && id < scenario.lunch.agents,
    onMachine: false,
  }));
  const ringing = new Map<number, Line>();
  const waiting: Waiting[] = [];
  const res: RunResult = { busySec: 0, machineSec: 0, loggedInSec: 0, readySec: 0, connects: 0, liveAnswers: 0, abandoned: 0, answerTimes: [], abandonTimes: [] };
  let now = 0;
  let nextDial = 0;
  let inCall = 0;
  let ready = agents.filter((a) => a.state === "ready").length;
  let lunchOpen = false;

  const clip = (t: number) => Math.min(t, end);
  const leave = (a: Agent) => {
    const spent = Math.max(0, clip(now) - clip(a.since));
    if (a.state === "ready") res.readySec += spent;
    else if (a.onMachine) res.machineSec += spent;
    else if (a.state === "talk" || a.state === "wrap") res.busySec += spent;
    if (a.state !== "away") res.loggedInSec += spent;
  };
  const connect = (a: Agent, talkSec: number, machine = false) => {
    leave(a);
    ready -= 1;
    inCall += 1;
    a.state = "talk";
    a.since = now;
    a.talkSec = talkSec;
    a.onMachine = machine;
    // A machine is dispositioned in the seconds counted in its talk time: no wrap-up.
    const wrapSec = machine ? 0 : WRAP_SEC;
    a.freeAt = now + talkSec + wrapSec;
    if (!machine) res.connects += 1;
    queue.push(now + talkSec, () => {
      leave(a);
      inCall -= 1;
      a.state = "wrap";
      a.since = now;
      queue.push(now + wrapSec, () => {
        leave(a);
        a.onMachine = false;
        policy.onCallFinished?.(a.talkSec, wrapSec);
        becomeReady(a);
      });
    });
  };
  const becomeReady = (a: Agent) => {
    if (a.goesToLunch && lunchOpen) {
      a.state = "away";
      a.since = now;
      a.goesToLunch = false;
      a.freeAt = Infinity;
      queue.push(now + scenario.lunch!.durationSec, () => {
        leave(a);
        becomeReady(a);
      });
      return;
    }
    a.state = "ready";
    a.since = now;
    a.freeAt = now;
    ready += 1;
    const w = waiting.shift();
    if (w) connect(a, w.talkSec, w.machine);
  };
  const liveAnswer = (abandoned: boolean) => {
    res.liveAnswers += 1;
    res.answerTimes.push(now);
    if (abandoned) {
      res.abandoned += 1;
      res.abandonTimes.push(now);
    }
    policy.onLiveAnswer?.(now, abandoned);
  };
  const longestReady = (): Agent | undefined => {
    let best: Agent | undefined;
    for (const a of agents) if (a.state === "ready" && (!best || a.since < best.since)) best = a;
    return best;
  };
  // A machine answered with AMD off: the policy counts it as the live answer it looks like, the
  // shift's figures (people only) do not.
  const machineAnswer = (abandoned: boolean) => policy.onLiveAnswer?.(now, abandoned);
  const dial = (amd: boolean) => {
    if (scenario.listSize !== undefined && nextDial >= scenario.listSize) return;
    const fate = fates.fate(nextDial, now);
    const line: Line = { id: nextDial++, dialedAt: now, fate };
    ringing.set(line.id, line);
    queue.push(now + fate.ringSec, () => {
      ringing.delete(line.id);
      if (amd && fate.kind === "human" && fate.amdFalsePositive) {
        policy.onDialResolved?.("machine", fate.ringSec);
        queue.push(now + AMD_SEC, () => liveAnswer(true));
        return;
      }
      const machine = !amd && fate.kind === "machine";
      policy.onDialResolved?.(machine ? "human" : fate.kind, fate.ringSec);
      if (fate.kind === "failed" || (fate.kind === "machine" && amd)) return;
      const talkSec = fate.kind === "machine" ? fate.agentSec : fate.talkSec;
      const answered = machine ? machineAnswer : liveAnswer;
      const a = longestReady();
      if (a) {
        answered(false);
        connect(a, talkSec, machine);
        return;
      }
      const w: Waiting = { talkSec, deadline: now + CONNECT_GRACE_SEC, machine };
      waiting.push(w);
      // The answer is counted at the deadline either way: connected (an agent took them off the
      // queue in time) or abandoned.
      queue.push(w.deadline, () => {
        const i = waiting.indexOf(w);
        if (i >= 0) {
          waiting.splice(i, 1);
          answered(true);
        } else answered(false);
      });
    });
  };
  const view: SimView = {
    get now() {
      return now;
    },
    agents,
    ringing,
    waiting,
    get inCall() {
      return inCall;
    },
    get ready() {
      return ready;
    },
    peekFate: (offset) => fates.fate(nextDial + offset, now),
  };
  const tick = () => {
    if (now >= end) return;
    const n = policy.decide(view);
    const amd = policy.amd ? policy.amd() : true;
    for (let i = 0; i < n; i++) dial(amd);
    queue.push(now + policy.intervalSec, tick);
  };
  if (scenario.lunch) {
    const lunch = scenario.lunch;
    queue.push(lunch.startSec, () => {
      lunchOpen = true;
      for (const a of agents) {
        if (a.goesToLunch && a.state === "ready") {
          leave(a);
          ready -= 1;
          becomeReady(a);
        }
      }
    });
  }
  for (const a of agents) {
    if (a.state === "away")
      queue.push(a.freeAt, () => {
        leave(a);
        becomeReady(a);
      });
  }
  queue.push(0, tick);
  for (let e = queue.pop(); e && e.t <= end + 60; e = queue.pop()) {
    now = e.t;
    e.run();
  }
  now = end;
  for (const a of agents) leave(a);
  return res;
}
