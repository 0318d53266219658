import {
  decidePacing,
  emptyOutcomeStats,
  recordDialOutcome,
  recordHandle,
  type AbandonWindow,
  type AmdSetting,
  type OutcomeStats,
  type PacingSnapshot,
} from "../../server/dialer/pacing";
import { ABANDON_CAP, CONNECT_GRACE_SEC } from "./scenarios";
import type { Policy, SimView } from "./sim";

/** One line per ready agent, counting the lines already working for them. */
export function progressivePolicy(): Policy {
  return { name: "progressive", intervalSec: 1, decide: (v) => Math.max(0, v.ready - v.ringing.size - v.waiting.length) };
}

/** Keep `ratio` lines ringing per ready agent (ratio 1 is progressive). */
export function fixedRatioPolicy(ratio: number, name = "fixed-ratio"): Policy {
  return { name, intervalSec: 1, decide: (v) => Math.max(0, Math.round(ratio * v.ready) - v.ringing.size - v.waiting.length) };
}

/**
 * VICIdial's ADAPT modes as documented (AST_VDauto_dial.pl, AST_VDadapt.pl): every 2.5 s dial up
 * to round(level × (ready + in-call agents)) minus the calls already up (ringing, waiting, talking);
 * every 15 s scale `level` by 1 + (avg ready − avg waiting) / avg agents over the last 15 one-second
 * samples, and halve it when the drop rate since shift start (refreshed every 60 s) is over 3 % with
 * more than 50 calls; `level` stays within [1, 3].
 */
export function vicidialAdaptPolicy(): Policy {
  let level = 1;
  let lastSample = -1;
  let lastAdapt = 0;
  let lastDropRefresh = 0;
  let dropRate = 0;
  let answers = 0;
  let drops = 0;
  const samples: { ready: number; waiting: number; agents: number }[] = [];
  return {
    name: "vicidial-adapt",
    intervalSec: 0.5,
    onLiveAnswer: (_now, abandoned) => {
      answers += 1;
      if (abandoned) drops += 1;
    },
    decide: (v) => {
      const agents = v.agents.filter((a) => a.state !== "away").length;
      if (Math.floor(v.now) > lastSample) {
        lastSample = Math.floor(v.now);
        samples.push({ ready: v.ready, waiting: v.waiting.length, agents });
        if (samples.length > 15) samples.shift();
      }
      if (v.now - lastDropRefresh >= 60) {
        lastDropRefresh = v.now;
        dropRate = answers > 50 ? drops / answers : 0;
      }
      if (v.now - lastAdapt >= 15 && samples.length > 0) {
        lastAdapt = v.now;
        const avg = (f: (s: (typeof samples)[number]) => number) => samples.reduce((s, x) => s + f(x), 0) / samples.length;
        const avgAgents = avg((s) => s.agents);
        if (avgAgents > 0) level *= 1 + (avg((s) => s.ready) - avg((s) => s.waiting)) / avgAgents;
        if (dropRate > ABANDON_CAP && answers > 50) level /= 2;
        level = Math.min(3, Math.max(1, level));
      }
      if ((v.now * 2) % 5 !== 0) return 0;
      const existing = v.ringing.size + v.waiting.length + v.inCall;
      return Math.max(0, Math.round(level * (v.ready + v.inCall)) - existing);
    },
  };
}

/**
 * Abandonment windows the live dialer keeps per campaign: here the shift is the whole 30-day and
 * 24-hour history, and the last hour is kept as a list of answer times.
 */
function windowCounter() {
  const shift: AbandonWindow = { liveAnswers: 0, abandoned: 0 };
  const hour: AbandonWindow = { liveAnswers: 0, abandoned: 0 };
  const recent: { t: number; abandoned: boolean }[] = [];
  let head = 0;
  return {
    shift,
    hour: (now: number) => {
      while (head < recent.length && recent[head].t <= now - 3600) {
        hour.liveAnswers -= 1;
        if (recent[head].abandoned) hour.abandoned -= 1;
        head += 1;
      }
      return hour;
    },
    record: (now: number, abandoned: boolean) => {
      for (const w of [shift, hour]) {
        w.liveAnswers += 1;
        if (abandoned) w.abandoned += 1;
      }
      recent.push({ t: now, abandoned });
    },
  };
}

/** Build the pacing module's snapshot from the simulation, as the live dialer builds it from its state. */
export function snapshotOf(v: SimView, stats: OutcomeStats, window: AbandonWindow, lastHour: AbandonWindow, amd?: AmdSetting): PacingSnapshot {
  const inCall: { talkSec: number }[] = [];
  const wrapUp: { elapsedSec: number }[] = [];
  for (const a of v.agents) {
    if (a.state === "talk") inCall.push({ talkSec: v.now - a.since });
    else if (a.state === "wrap") wrapUp.push({ elapsedSec: v.now - a.since });
  }
  const ringing: { ringSec: number }[] = [];
  for (const line of v.ringing.values()) ringing.push({ ringSec: v.now - line.dialedAt });
  return {
    readyAgents: v.ready,
    inCall,
    wrapUp,
    ringing,
    waitingCallers: v.waiting.length,
    outcomes: stats,
    abandonment: { window30d: window, window24h: window, lastHour, cap: ABANDON_CAP },
    amd,
  };
}

/**
 * The pacing module itself, fed exactly what the live dialer would feed it. Every scenario runs AMD
 * and counts its false positives as abandoned (the UK rule); `falsePositiveRate` is the operator's
 * estimate the module is given, here the scenario's true rate.
 */
export function pacerPolicy(falsePositiveRate = 0): Policy {
  const stats = emptyOutcomeStats();
  const counter = windowCounter();
  const amd: AmdSetting = { enabled: true, falsePositiveRate, falsePositivesAbandon: true };
  let useAmd = true;
  return {
    name: "pacer",
    // Twice a second: a live dialer re-decides on every call event; this is close to that.
    intervalSec: 0.5,
    onDialResolved: (kind, ringSec) => recordDialOutcome(stats, kind, ringSec),
    onCallFinished: (talkSec, wrapSec) => recordHandle(stats, talkSec, wrapSec),
    onLiveAnswer: (now, abandoned) => counter.record(now, abandoned),
    decide: (v) => {
      const decision = decidePacing(snapshotOf(v, stats, counter.shift, counter.hour(v.now), amd));
      useAmd = decision.amd;
      return decision.lines;
    },
    amd: () => useAmd,
  };
}

/**
 * The ceiling: knows every dial's fate and every agent's next free time. It dials (through any
 * unanswered dials in between) the next person exactly when an agent not yet promised to anyone
 * will be free within the 2 s a person waits.
 */
export function clairvoyantPolicy(): Policy {
  return {
    name: "clairvoyant",
    intervalSec: 0.5,
    decide: (v: SimView) => {
      const free = v.agents.filter((a) => a.state !== "away").map((a) => Math.max(v.now, a.freeAt));
      free.sort((a, b) => a - b);
      let promised = v.waiting.length;
      for (const line of v.ringing.values()) if (line.fate.kind === "human" && !line.fate.amdFalsePositive) promised += 1;
      let lines = 0;
      let offset = 0;
      while (promised < free.length) {
        let fate = v.peekFate(offset);
        let skipped = 0;
        while (fate.kind !== "human" || fate.amdFalsePositive) {
          skipped += 1;
          fate = v.peekFate(offset + skipped);
        }
        if (v.now + fate.ringSec + CONNECT_GRACE_SEC < free[promised]) break;
        offset += skipped + 1;
        lines = offset;
        promised += 1;
      }
      return lines;
    },
  };
}
