import { describe, expect, it } from "vitest";
import { backoffDelay, ConnectionKeeper, DEFAULT_BACKOFF, type BackoffPolicy, type KeeperClock } from "./connection-keeper";
import type { LinkState } from "./driver";

/**
 * The keeper on a hand-driven clock: timers fire only when the test moves time on, and "random"
 * is whatever the test says, so delays are asserted exactly and nothing waits for real time.
 */
class ManualClock implements KeeperClock {
  ms = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  /** Every delay asked for, in order. */
  readonly delays: number[] = [];

  now = () => this.ms;

  schedule = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.delays.push(ms);
    this.timers.push({ at: this.ms + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  };

  /** Moves time on by `ms`, firing what falls due (and letting each firing's promises settle). */
  async advance(ms: number) {
    const until = this.ms + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.ms = next.at;
      next.fn();
      await settle();
    }
    this.ms = until;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const POLICY: BackoffPolicy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5, resetAfterMs: 5000 };

/** A keeper whose attempts succeed or fail as the test decides, recording every state it tells. */
function rig(opts: { random?: () => number; probe?: () => Promise<void> } = {}) {
  const clock = new ManualClock();
  const outcomes: ("ok" | "fail")[] = [];
  const states: LinkState[] = [];
  const ups: boolean[] = [];
  const downs: string[] = [];
  const keeper = new ConnectionKeeper({
    label: "test PBX",
    attach: async () => {
      if ((outcomes.shift() ?? "ok") === "fail") throw new Error("connect ECONNREFUSED");
    },
    probe: opts.probe,
    probeIntervalMs: 60_000,
    backoff: POLICY,
    clock,
    random: opts.random ?? (() => 0),
  });
  keeper.on("state", (s) => states.push(s));
  keeper.on("up", ({ reconnected }) => ups.push(reconnected));
  keeper.on("down", (reason) => downs.push(reason));
  return { clock, keeper, outcomes, states, ups, downs };
}

describe("backoffDelay", () => {
  it("doubles from the initial delay and stops at the cap", () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(POLICY, n, none))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it("takes up to the jitter fraction off, never more and never above the cap", () => {
    for (const r of [0, 0.25, 0.5, 0.999]) {
      for (let n = 0; n < 8; n++) {
        const base = Math.min(POLICY.maxMs, POLICY.initialMs * 2 ** n);
        const d = backoffDelay(POLICY, n, () => r);
        expect(d).toBeLessThanOrEqual(base);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * (1 - POLICY.jitter)));
      }
    }
    expect(backoffDelay(POLICY, 2, () => 0.5)).toBe(300);
    expect(backoffDelay(POLICY, 9, () => 0.9)).toBe(550);
  });

  it("defaults to a jittered backoff capped at 10 s", () => {
    expect(DEFAULT_BACKOFF.jitter).toBeGreaterThan(0);
    expect(backoffDelay(DEFAULT_BACKOFF, 50, () => 0)).toBe(10_000);
  });
});

describe("ConnectionKeeper", () => {
  it("tells connecting → up on start, and down → connecting → up across a drop, counting the reconnect", async () => {
    const { keeper, clock, states, ups, downs } = rig();
    await keeper.start();
    expect(states).toEqual(["connecting", "up"]);
    expect(keeper.health()).toMatchObject({ connected: true, state: "up", reconnects: 0, lastError: null, lastDownAt: null });

    clock.ms += 10_000;
    keeper.lost("socket closed");
    expect(keeper.health()).toMatchObject({ connected: false, state: "down", lastError: "socket closed" });
    expect(keeper.health().lastDownAt?.getTime()).toBe(clock.ms);
    await clock.advance(100);
    expect(states).toEqual(["connecting", "up", "down", "connecting", "up"]);
    expect(ups).toEqual([false, true]);
    expect(downs).toEqual(["socket closed"]);
    expect(keeper.health()).toMatchObject({ connected: true, reconnects: 1, lastError: null });
    expect(keeper.health().lastUpAt?.getTime()).toBe(clock.ms);
    keeper.stop();
  });

  it("a first attempt that fails rejects, then retries with growing, capped delays until it gets through", async () => {
    const { keeper, clock, outcomes, states, ups } = rig();
    outcomes.push("fail", "fail", "fail", "fail", "fail", "fail");
    await expect(keeper.start()).rejects.toThrow("ECONNREFUSED");
    expect(keeper.health()).toMatchObject({ connected: false, state: "down", lastError: "connect ECONNREFUSED" });
    await clock.advance(100 + 200 + 400 + 800 + 1000 + 1000);
    expect(clock.delays).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(states).toEqual(["connecting", ...Array(6).fill(["down", "connecting"]).flat(), "up"]);
    // Getting through at last is the first time up, not a reconnection.
    expect(ups).toEqual([false]);
    expect(keeper.health().reconnects).toBe(0);
    keeper.stop();
  });

  it("a link that flaps keeps backing off; one that stayed up long enough starts again from the initial delay", async () => {
    const { keeper, clock, outcomes } = rig();
    await keeper.start();
    outcomes.push("fail", "fail");
    keeper.lost("drop 1");
    await clock.advance(100 + 200 + 400);
    expect(clock.delays).toEqual([100, 200, 400]);

    // Up for a moment only: the next drop waits longer still.
    await clock.advance(1000);
    keeper.lost("drop 2");
    await clock.advance(800);
    expect(clock.delays.slice(3)).toEqual([800]);

    // Healthy for resetAfterMs: back to the first delay.
    await clock.advance(POLICY.resetAfterMs);
    keeper.lost("drop 3");
    await clock.advance(100);
    expect(clock.delays.slice(4)).toEqual([100]);
    expect(keeper.health()).toMatchObject({ connected: true, reconnects: 3 });
    keeper.stop();
  });

  it("spreads retries with the injected randomness", async () => {
    const draws = [0.2, 0.8, 0.5];
    const { keeper, clock, outcomes } = rig({ random: () => draws.shift() ?? 0 });
    outcomes.push("fail", "fail", "fail");
    await expect(keeper.start()).rejects.toThrow();
    await clock.advance(10_000);
    expect(clock.delays).toEqual([90, 120, 300]);
  });

  it("measures the round trip with the probe, before telling up, and again every interval", async () => {
    let clockRef: ManualClock | null = null;
    let probes = 0;
    const { keeper, clock, ups } = rig({
      probe: async () => {
        probes += 1;
        clockRef!.ms += 2.5;
      },
    });
    clockRef = clock;
    keeper.on("up", () => expect(keeper.health().rttMs).toBe(2.5));
    await keeper.start();
    expect(ups).toEqual([false]);
    expect(probes).toBe(1);
    await clock.advance(60_000);
    expect(probes).toBe(2);
    keeper.stop();
    await clock.advance(600_000);
    expect(probes).toBe(2);
  });

  it("after stop nothing retries, and a drop it hears of changes nothing", async () => {
    const { keeper, clock, outcomes, states } = rig();
    outcomes.push("fail");
    await expect(keeper.start()).rejects.toThrow();
    keeper.stop();
    await clock.advance(60_000);
    expect(states).toEqual(["connecting", "down"]);
    keeper.lost("late close");
    expect(keeper.health()).toMatchObject({ connected: false, reconnects: 0 });
  });

  it("whenUp waits for the link to come back, and gives up after its timeout or a stop", async () => {
    const { keeper, clock, outcomes } = rig();
    await keeper.start();
    expect(await keeper.whenUp(1000)).toBe(true);
    keeper.lost("drop");
    const back = keeper.whenUp(1000);
    await clock.advance(100);
    expect(await back).toBe(true);

    outcomes.push("fail", "fail", "fail");
    keeper.lost("drop again");
    const late = keeper.whenUp(500);
    await clock.advance(500);
    expect(await late).toBe(false);
    const stopped = keeper.whenUp(10_000);
    keeper.stop();
    expect(await stopped).toBe(false);
  });

  it("a one-shot link does not retry", async () => {
    const clock = new ManualClock();
    const keeper = new ConnectionKeeper({ label: "test", attach: () => Promise.reject(new Error("refused")), retry: false, clock, random: () => 0 });
    await expect(keeper.start()).rejects.toThrow("refused");
    await clock.advance(60_000);
    expect(clock.delays).toEqual([]);
  });
});
