import { describe, expect, it } from "vitest";
import { RATE_WINDOW_MS, rateRoom } from "./campaign-rate";

describe("rateRoom", () => {
  it("lets every call through without a frequency", () => {
    expect(rateRoom(null, { next: 0, recent: 500 }, 1_000_000, 7)).toEqual({ room: 7, next: 0 });
  });

  it("spreads 20 a minute one every 3 s, on schedule rather than drifting with the tick", () => {
    const t0 = 1_000_000;
    let state = { next: 0, recent: 0 };
    const starts: number[] = [];
    // A tick every 250 ms for two minutes, each wanting 10 calls.
    for (let now = t0; now < t0 + 2 * RATE_WINDOW_MS; now += 250) {
      const recent = starts.filter((s) => s > now - RATE_WINDOW_MS).length;
      const r = rateRoom(20, { ...state, recent }, now, 10);
      for (let i = 0; i < r.room; i++) starts.push(now);
      state = { next: r.next, recent };
    }
    expect(starts).toHaveLength(40);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(2750);
  });

  it("never starts more than frequency in 60 s, even when the schedule would allow a burst", () => {
    expect(rateRoom(600, { next: 999_000, recent: 0 }, 1_000_000, 50).room).toBe(11);
    expect(rateRoom(600, { next: 999_000, recent: 595 }, 1_000_000, 50).room).toBe(5);
    expect(rateRoom(3, { next: 0, recent: 3 }, 1_000_000, 1).room).toBe(0);
  });

  it("waits for the schedule: nothing before next", () => {
    expect(rateRoom(6, { next: 1_010_000, recent: 1 }, 1_000_000, 5)).toEqual({ room: 0, next: 1_010_000 });
    expect(rateRoom(6, { next: 1_000_000, recent: 1 }, 1_000_000, 5)).toEqual({ room: 1, next: 1_010_000 });
  });

  it("catches up a slow tick's starts, and starts afresh after idling rather than bursting", () => {
    // 120 a minute is one every 500 ms: 600 ms behind, two are due; idle for long, one now and the next 500 ms on.
    expect(rateRoom(120, { next: 999_400, recent: 10 }, 1_000_000, 100)).toEqual({ room: 2, next: 1_000_400 });
    expect(rateRoom(120, { next: 1, recent: 0 }, 1_000_000, 100)).toEqual({ room: 1, next: 1_000_500 });
  });
});
