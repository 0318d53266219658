import { describe, expect, it } from "vitest";
import { isTrunkFailure } from "./outcomes";
import { nextStartSlot, TrunkPicker, type TrunkLoad, type TrunkRoute } from "./trunk-picker";

const route = (trunkId: number, over: Partial<TrunkRoute> = {}): TrunkRoute => ({
  trunkId,
  name: `t${trunkId}`,
  type: "pjsip",
  value: `t${trunkId}`,
  weight: 1,
  priority: 0,
  maxChannels: null,
  maxCps: null,
  removePrefix: "",
  addPrefix: "",
  ...over,
});

const NOW = 1_800_000_000_000; // on a second boundary

function takeAll(p: TrunkPicker, n: number, exclude?: Set<number>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = p.take(exclude);
    if (!s) break;
    out.push(s.route.trunkId);
  }
  return out;
}

describe("trunk picker", () => {
  it("splits calls by weight exactly, without bursts, and keeps the split across ticks", () => {
    const wrr = new Map<number, number>();
    const routes = [route(1, { weight: 3 }), route(2, { weight: 1 })];
    const first = takeAll(new TrunkPicker(routes, new Map(), NOW, wrr), 8);
    expect(first.filter((t) => t === 1)).toHaveLength(6);
    // Never more than three in a row on the heavy trunk.
    expect(first.join("")).not.toMatch(/1111/);
    // A new tick (a new picker, the same round-robin state) carries on where the last stopped.
    const ids = [...first];
    for (let tick = 0; tick < 25; tick++) ids.push(...takeAll(new TrunkPicker(routes, new Map(), NOW, wrr), 3));
    const ones = ids.filter((t) => t === 1).length;
    expect(Math.abs(ones / ids.length - 0.75)).toBeLessThan(0.02);
  });

  it("never puts more calls on a trunk than its free channels, counting calls already up elsewhere", () => {
    const routes = [route(1, { maxChannels: 5, weight: 10 }), route(2, { maxChannels: 3 })];
    const loads = new Map<number, TrunkLoad>([[1, { live: 4, second: 0, used: 0 }]]);
    const p = new TrunkPicker(routes, loads, NOW, new Map());
    expect(p.room(100)).toBe(4);
    const got = takeAll(p, 100);
    expect(got.filter((t) => t === 1)).toHaveLength(1);
    expect(got.filter((t) => t === 2)).toHaveLength(3);
    expect(p.take()).toBeNull();
  });

  it("lets a call already counted on a full trunk take a new slot there without counting it twice", () => {
    const loads = new Map<number, TrunkLoad>([[1, { live: 3, second: 0, used: 0 }]]);
    const p = new TrunkPicker([route(1, { maxChannels: 3 })], loads, NOW, new Map());
    expect(p.take()).toBeNull();
    p.release(1);
    expect(p.take()!.route.trunkId).toBe(1);
    expect(p.take()).toBeNull();
    p.release(1);
    p.occupy(1);
    expect(p.take()).toBeNull();
  });

  it("room() does not use anything up", () => {
    const p = new TrunkPicker([route(1, { maxChannels: 2 })], new Map(), NOW, new Map());
    expect(p.room(10)).toBe(2);
    expect(p.room(10)).toBe(2);
    expect(takeAll(p, 10)).toEqual([1, 1]);
  });

  it("sends overflow and failover to the next priority only when the first has no room or is excluded", () => {
    const routes = [route(1, { maxChannels: 2 }), route(2, { maxChannels: 2 }), route(3, { priority: 1 })];
    const p = new TrunkPicker(routes, new Map(), NOW, new Map());
    const got = takeAll(p, 6);
    expect(got.slice(0, 4).sort()).toEqual([1, 1, 2, 2]);
    expect(got.slice(4)).toEqual([3, 3]);
    const q = new TrunkPicker(routes, new Map(), NOW, new Map());
    expect(q.take(new Set([1]))!.route.trunkId).toBe(2);
    expect(q.take(new Set([1, 2]))!.route.trunkId).toBe(3);
    expect(new TrunkPicker([route(1)], new Map(), NOW, new Map()).take(new Set([1]))).toBeNull();
  });

  it("hands out at most max_cps start slots per calendar second, evenly spaced, and continues where another process stopped", () => {
    const routes = [route(1, { maxCps: 4 })];
    const p = new TrunkPicker(routes, new Map(), NOW, new Map(), { leadMs: 0, horizonMs: 1000 });
    const slots: number[] = [];
    for (let s = p.take(); s; s = p.take()) slots.push(s.at - NOW);
    // 4 in this second, 250 ms apart, and the first slot of the next second (exactly 1000 ms ahead).
    expect(slots).toEqual([0, 250, 500, 750, 1000]);
    expect(p.usage()).toEqual([{ trunkId: 1, second: NOW / 1000 + 1, used: 1 }]);
    // Another process took two of this second's slots already.
    const other = new TrunkPicker(routes, new Map([[1, { live: 0, second: NOW / 1000, used: 2 }]]), NOW, new Map(), { leadMs: 0 });
    expect(other.take()!.at - NOW).toBe(500);
  });

  it("never gives a slot that has already gone by", () => {
    // 600 ms into a second with 10 slots: the next is at 700 ms (lead 30 ms → 630 → slot 7).
    expect(nextStartSlot(10, { second: 0, used: 0 }, NOW + 600, 30, 1000)).toEqual({ at: NOW + 700, second: NOW / 1000, k: 7 });
    // Nothing free within the horizon.
    expect(nextStartSlot(1, { second: NOW / 1000 + 1, used: 1 }, NOW + 100, 0, 1000)).toBeNull();
    expect(nextStartSlot(null, { second: 0, used: 0 }, NOW + 5, 30, 1000)).toEqual({ at: NOW + 5, second: null, k: 0 });
  });
});

describe("trunk failures", () => {
  it("fails over on congestion and an unreachable route, never on a far-end answer", () => {
    expect(isTrunkFailure("congestion", 34)).toBe(true);
    expect(isTrunkFailure("congestion", 41)).toBe(true);
    expect(isTrunkFailure("unavailable", 38)).toBe(true);
    expect(isTrunkFailure("unavailable", 609)).toBe(true);
    expect(isTrunkFailure("unavailable", null)).toBe(true);
    expect(isTrunkFailure("unavailable", 1)).toBe(false);
    expect(isTrunkFailure("unavailable", 28)).toBe(false);
    expect(isTrunkFailure("busy", 17)).toBe(false);
    expect(isTrunkFailure("no_answer", 19)).toBe(false);
    expect(isTrunkFailure("answered", 16)).toBe(false);
  });
});
