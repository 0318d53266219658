import type { FinishedAttempt } from "./queries";

type Bucket = { sec: number; dials: number; ended: number; answered: number; human: number; abandoned: number; billsec: number; amd: { HUMAN: number; MACHINE: number; NOTSURE: number } };

const WINDOW_SEC = 60;
const ASR_WINDOW_SEC = 300;

/**
 * Rolling call figures for the wallboard's KPI tick, in one-second buckets over five minutes:
 * cheap to update on every call and to read once a second.
 */
export class CampaignKpis {
  private readonly buckets: Bucket[] = [];

  private bucket(now = Date.now()): Bucket {
    const sec = Math.floor(now / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.sec === sec) return last;
    const b: Bucket = { sec, dials: 0, ended: 0, answered: 0, human: 0, abandoned: 0, billsec: 0, amd: { HUMAN: 0, MACHINE: 0, NOTSURE: 0 } };
    this.buckets.push(b);
    while (this.buckets.length && this.buckets[0].sec <= sec - ASR_WINDOW_SEC) this.buckets.shift();
    return b;
  }

  dialed(): void {
    this.bucket().dials += 1;
  }

  ended(f: FinishedAttempt): void {
    const b = this.bucket();
    b.ended += 1;
    if (f.disposition === "answered") {
      b.answered += 1;
      if (f.amdResult !== "MACHINE") b.human += 1;
      if (f.answeredAt) b.billsec += Math.max(0, (f.endedAt.getTime() - f.answeredAt.getTime()) / 1000);
    }
    if (f.abandoned) b.abandoned += 1;
    if (f.amdResult === "HUMAN" || f.amdResult === "MACHINE" || f.amdResult === "NOTSURE") b.amd[f.amdResult] += 1;
  }

  snapshot(concurrent: number) {
    const nowSec = Math.floor(Date.now() / 1000);
    const sum = (fromSec: number) => {
      const s = { dials: 0, ended: 0, answered: 0, human: 0, abandoned: 0, billsec: 0, amd: { HUMAN: 0, MACHINE: 0, NOTSURE: 0 } };
      for (const b of this.buckets) {
        if (b.sec <= nowSec - fromSec) continue;
        s.dials += b.dials;
        s.ended += b.ended;
        s.answered += b.answered;
        s.human += b.human;
        s.abandoned += b.abandoned;
        s.billsec += b.billsec;
        s.amd.HUMAN += b.amd.HUMAN;
        s.amd.MACHINE += b.amd.MACHINE;
        s.amd.NOTSURE += b.amd.NOTSURE;
      }
      return s;
    };
    const m1 = sum(WINDOW_SEC);
    const m5 = sum(ASR_WINDOW_SEC);
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 0);
    return {
      asr5m: ratio(m5.answered, m5.ended),
      acd: m1.answered ? Math.round(m1.billsec / m1.answered) : 0,
      cps: Math.round((m1.dials / WINDOW_SEC) * 100) / 100,
      cc: concurrent,
      abandon60s: ratio(m1.abandoned, m1.human),
      humanRate: ratio(m5.human, m5.ended),
      amd: m1.amd,
      windowSec: WINDOW_SEC,
      counts: { dials1m: m1.dials, ended5m: m5.ended, answered5m: m5.answered, human5m: m5.human, answered1m: m1.answered, human1m: m1.human, abandoned1m: m1.abandoned, billsec1m: m1.billsec },
    };
  }
}
