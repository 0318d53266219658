import { describe, expect, it } from "vitest";
import { RATE_WINDOW_MS, rateRoom } from "./campaign-rate";

describe("rateRoom", () => {
  it("lets every call through without a frequency", () => {
    expect(rateRoom(null, { last: 0, recent: 500 }, 1_000_000, 7)).toEqual({ room: 7, last: 0 });
  });

  it("spreads 20 a minute one every 3 s, on schedule rather than drifting with the tick", () => {
    const t0 = 1_000_000;
    let state = { last: 0, recent: 0 };
    const starts: number[] = [];
    // A tick every 250 ms for two minutes, each wanting 10 calls.
    for (let now = t0; now < t0 + 2 * RATE_WINDOW_MS; now += 250) {
      const recent = starts.filter((s) => s > now - RATE_WINDOW_MS).length;
      const r = rateRoom(20, { ...state, recent }, now, 10);
      for (let i = 0; i < r.room; i++) starts.push(now);
      state = { last: r.last, recent };
    }
    expect(starts).toHaveLength(40);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBe(3000);
  });

  it("never starts more than frequency in 60 s, even when the schedule would allow a burst", () => {
    expect(rateRoom(600, { last: 998_900, recent: 0 }, 1_000_000, 50).room).toBe(11);
    expect(rateRoom(600, { last: 998_900, recent: 595 }, 1_000_000, 50).room).toBe(5);
    expect(rateRoom(3, { last: 0, recent: 3 }, 1_000_000, 1).room).toBe(0);
  });

  it("waits for the schedule: nothing before the next start is due", () => {
    expect(rateRoom(6, { last: 995_000, recent: 1 }, 1_000_000, 5)).toEqual({ room: 0, last: 995_000 });
    expect(rateRoom(6, { last: 990_000, recent: 1 }, 1_000_000, 5)).toEqual({ room: 1, last: 1_000_000 });
  });

  it("follows a changed frequency from the very next call", () => {
    // The last call 10 s ago: at 1 a minute the next is 50 s away; raised to 60 a minute, it is due now.
    expect(rateRoom(1, { last: 990_000, recent: 1 }, 1_000_000, 5).room).toBe(0);
    expect(rateRoom(60, { last: 990_000, recent: 1 }, 1_000_000, 5)).toEqual({ room: 1, last: 1_000_000 });
  });

  it("catches up a slow tick's starts, and starts afresh after idling rather than bursting", () => {
    // 120 a minute is one every 500 ms: two starts were due in the last 600 ms; idle for long, one now and the next 500 ms on.
    expect(rateRoom(120, { last: 998_900, recent: 10 }, 1_000_000, 100)).toEqual({ room: 2, last: 999_900 });
    expect(rateRoom(120, { last: 1, recent: 0 }, 1_000_000, 100)).toEqual({ room: 1, last: 1_000_000 });
  });
});
