import type { KpiCounts, KpiTickEvent } from "./realtime-events";

/** A node's tick older than this has stopped counting (the process went away or stopped dialing). */
export const KPI_NODE_STALE_MS = 3000;

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : 0);
const ZERO: KpiCounts = { dials1m: 0, ended5m: 0, answered5m: 0, human5m: 0, answered1m: 0, human1m: 0, abandoned1m: 0, billsec1m: 0 };

/**
 * One campaign's (or the whole system's) figures from the latest tick of each dialer process:
 * calls and rates add up, ratios are recomputed from the summed counts. A tick without counts (an
 * older server) stands alone: the latest one wins.
 */
export function mergeKpiTicks(ticks: readonly KpiTickEvent[]): KpiTickEvent | undefined {
  if (ticks.length <= 1 || ticks.some((t) => !t.counts)) return ticks.reduce<KpiTickEvent | undefined>((a, t) => (!a || t.ts >= a.ts ? t : a), undefined);
  const c = { ...ZERO };
  const amd = { HUMAN: 0, MACHINE: 0, NOTSURE: 0 };
  let cc = 0;
  let cps = 0;
  let latest = ticks[0];
  for (const t of ticks) {
    for (const k of Object.keys(c) as (keyof KpiCounts)[]) c[k] += t.counts![k];
    for (const k of ["HUMAN", "MACHINE", "NOTSURE"] as const) amd[k] += t.amd[k];
    cc += t.cc;
    cps += t.cps;
    if (t.ts > latest.ts) latest = t;
  }
  return {
    ...latest,
    node: undefined,
    cc,
    cps: Math.round(cps * 100) / 100,
    asr5m: ratio(c.answered5m, c.ended5m),
    acd: c.answered1m ? Math.round(c.billsec1m / c.answered1m) : 0,
    abandon60s: ratio(c.abandoned1m, c.human1m),
    humanRate: ratio(c.human5m, c.ended5m),
    amd,
    counts: c,
    // Pacing decisions are per process; the busiest one's is shown.
    pacing: ticks.reduce((a, t) => (t.cc > a.cc ? t : a), ticks[0]).pacing,
  };
}

/** Keeps the latest tick per node for one scope/id and returns the merged figures on each tick. */
export class KpiTickMerger {
  private readonly byNode = new Map<string, KpiTickEvent & { receivedAt: number }>();

  add(tick: KpiTickEvent, receivedAt: number): KpiTickEvent {
    this.byNode.set(tick.node ?? "", { ...tick, receivedAt });
    for (const [node, t] of this.byNode) if (receivedAt - t.receivedAt > KPI_NODE_STALE_MS) this.byNode.delete(node);
    return mergeKpiTicks([...this.byNode.values()])!;
  }
}
