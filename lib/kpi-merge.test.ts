import { describe, expect, it } from "vitest";
import { KpiTickMerger, mergeKpiTicks } from "./kpi-merge";
import type { KpiCounts, KpiTickEvent } from "./realtime-events";

const tick = (node: string, counts: Partial<KpiCounts>, over: Partial<KpiTickEvent> = {}): KpiTickEvent => ({
  type: "kpi.tick",
  scope: "campaign",
  id: "7",
  asr5m: 0,
  acd: 0,
  cps: 1,
  cc: 10,
  abandon60s: 0,
  humanRate: 0,
  amd: { HUMAN: 1, MACHINE: 2, NOTSURE: 0 },
  windowSec: 60,
  node,
  counts: { dials1m: 60, ended5m: 0, answered5m: 0, human5m: 0, answered1m: 0, human1m: 0, abandoned1m: 0, billsec1m: 0, ...counts },
  ts: 1000,
  ...over,
});

describe("mergeKpiTicks", () => {
  it("adds calls and rates and recomputes ratios from the summed counts, not by averaging ratios", () => {
    const a = tick("a", { ended5m: 100, answered5m: 50, human5m: 40, answered1m: 10, human1m: 10, abandoned1m: 1, billsec1m: 600 }, { cc: 12, cps: 2.5 });
    const b = tick("b", { ended5m: 300, answered5m: 30, human5m: 20, answered1m: 30, human1m: 30, abandoned1m: 0, billsec1m: 600 }, { cc: 3, cps: 0.5, ts: 1200 });
    const m = mergeKpiTicks([a, b])!;
    expect(m).toMatchObject({ cc: 15, cps: 3, asr5m: 0.2, humanRate: 0.15, acd: 30, abandon60s: 0.025, amd: { HUMAN: 2, MACHINE: 4, NOTSURE: 0 }, ts: 1200 });
  });

  it("takes the latest tick alone when a tick carries no counts", () => {
    const old = { ...tick("a", {}), counts: undefined, cc: 1, ts: 5 };
    expect(mergeKpiTicks([old, tick("b", {}, { cc: 9, ts: 6 })])!.cc).toBe(9);
  });
});

describe("KpiTickMerger", () => {
  it("keeps one tick per node and drops a node that has gone quiet", () => {
    const m = new KpiTickMerger();
    m.add(tick("a", {}, { cc: 4 }), 0);
    expect(m.add(tick("b", {}, { cc: 5 }), 500).cc).toBe(9);
    // a's next tick replaces its last one rather than adding to it.
    expect(m.add(tick("a", {}, { cc: 1 }), 1000).cc).toBe(6);
    // b says nothing for more than 3 s: only a counts.
    expect(m.add(tick("a", {}, { cc: 2 }), 4000).cc).toBe(2);
  });
});
