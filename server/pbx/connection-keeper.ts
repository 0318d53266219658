import { EventEmitter } from "node:events";
import { logger } from "../logger";
import { errorText, type HealthStatus, type LinkState } from "./driver";

/**
 * Keeps one PBX link up, whichever protocol it speaks: the drivers say how to make one connection
 * attempt (`attach`) and when their transport dropped (`lost`); the keeper owns everything else.
 * It retries with jittered exponential backoff, tells `connecting` / `up` / `down` in that order,
 * measures the round trip with the driver's probe, keeps the health figures, and is the one place
 * that logs and counts reconnects.
 *
 * Time, randomness and timers are injected so the backoff can be tested without waiting for it.
 */
export type BackoffPolicy = {
  /** The first retry's delay. */
  initialMs: number;
  /** No delay is ever longer. */
  maxMs: number;
  /** Each failed attempt multiplies the delay by this. */
  factor: number;
  /**
   * Up to this fraction is taken off each delay at random, so many Pacer processes that lost the
   * same PBX do not all knock on it in the same millisecond.
   */
  jitter: number;
  /** A link that stayed up this long starts again from `initialMs` when it next drops; one that flaps keeps backing off. */
  resetAfterMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, factor: 2, jitter: 0.3, resetAfterMs: 30_000 };

/** The delay before retry number `attempt` (0 for the first), within [(1 - jitter) × base, base], base capped at maxMs. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** attempt);
  return Math.round(base * (1 - policy.jitter * random()));
}

export type KeeperClock = {
  /** Milliseconds since the epoch, sub-millisecond where the platform can (round trips on loopback are fractions of one). */
  now(): number;
  /** Runs `fn` after `ms`; returns what cancels it. Timers must not hold the process open. */
  schedule(fn: () => void, ms: number): () => void;
};

export const SYSTEM_CLOCK: KeeperClock = {
  now: () => performance.timeOrigin + performance.now(),
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export type KeeperOptions = {
  /** Who the link goes to, for the log (`ARI http://pbx:8088`, a server's name). */
  label: string;
  /** One connection attempt: resolves once the link is usable, rejects when this attempt failed. */
  attach: () => Promise<void>;
  /** A cheap request whose round trip is the health figure; a failure is noted, it does not drop the link. */
  probe?: () => Promise<void>;
  probeIntervalMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** False for a one-shot link (a settings page "Test connection"): no retries, nothing logged. */
  retry?: boolean;
  clock?: KeeperClock;
  random?: () => number;
};

export type KeeperEvents = {
  /** Every change, in order: connecting → up → down → connecting → … */
  state: (state: LinkState, detail: { reason: string | null; reconnects: number }) => void;
  /** `reconnected` is false for the first time up, true after a drop. */
  up: (info: { reconnected: boolean }) => void;
  down: (reason: string) => void;
  stopped: () => void;
};

export declare interface ConnectionKeeper {
  on<E extends keyof KeeperEvents>(event: E, listener: KeeperEvents[E]): this;
  off<E extends keyof KeeperEvents>(event: E, listener: KeeperEvents[E]): this;
  once<E extends keyof KeeperEvents>(event: E, listener: KeeperEvents[E]): this;
  emit<E extends keyof KeeperEvents>(event: E, ...args: Parameters<KeeperEvents[E]>): boolean;
}

export class ConnectionKeeper extends EventEmitter {
  private state: LinkState = "down";
  private stopped = true;
  private lastError: string | null = null;
  private rttMs: number | null = null;
  private since: number | null = null;
  private lastUpAt: number | null = null;
  private lastDownAt: number | null = null;
  private reconnects = 0;
  /** Retries since the link was last healthy for `resetAfterMs`: the backoff's exponent. */
  private streak = 0;
  /** Has the link ever been up: a later `up` is a reconnection. */
  private wasUp = false;
  /** Attempts in the current outage: the first failure is logged, the rest only at debug. */
  private outageAttempts = 0;
  private cancelRetry: (() => void) | null = null;
  private cancelProbe: (() => void) | null = null;
  private readonly policy: BackoffPolicy;
  private readonly clock: KeeperClock;
  private readonly random: () => number;

  constructor(private readonly opts: KeeperOptions) {
    super();
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.random = opts.random ?? Math.random;
  }

  get connected(): boolean {
    return this.state === "up";
  }

  health(): HealthStatus {
    const at = (ms: number | null) => (ms === null ? null : new Date(ms));
    return {
      connected: this.connected,
      lastError: this.lastError,
      rttMs: this.rttMs,
      since: at(this.since),
      state: this.state,
      lastUpAt: at(this.lastUpAt),
      lastDownAt: at(this.lastDownAt),
      reconnects: this.reconnects,
    };
  }

  /**
   * The first attempt: resolves once up (and measured), rejects if it fails, and then keeps
   * retrying in the background unless this is a one-shot link.
   */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.attempt(true);
  }

  /** The driver's transport dropped (socket closed, WebSocket error). Ignored unless up. */
  lost(reason: string): void {
    this.lastError = reason;
    if (this.stopped || this.state !== "up") return;
    const now = this.clock.now();
    if (this.lastUpAt !== null && now - this.lastUpAt >= this.policy.resetAfterMs) this.streak = 0;
    this.cancelProbe?.();
    this.cancelProbe = null;
    this.since = this.lastDownAt = now;
    this.outageAttempts = 0;
    this.setState("down", reason);
    this.log("warn", "PBX connection lost", { reason });
    this.emit("down", reason);
    this.scheduleRetry();
  }

  /**
   * Resolves true as soon as the link is up (at once if it is), false if it is not within
   * `timeoutMs` or the keeper stops: for a request that should ride out a short drop.
   */
  whenUp(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    if (this.stopped || this.opts.retry === false) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (up: boolean) => {
        cancel();
        this.off("up", onUp);
        this.off("stopped", onStop);
        resolve(up);
      };
      const onUp = () => done(true);
      const onStop = () => done(false);
      const cancel = this.clock.schedule(() => done(false), timeoutMs);
      this.on("up", onUp);
      this.on("stopped", onStop);
    });
  }

  /** Something went wrong that does not drop the link (a bad event, a failed probe): shown in health. */
  noteError(reason: string): void {
    this.lastError = reason;
  }

  stop(): void {
    this.stopped = true;
    this.emit("stopped");
    this.cancelRetry?.();
    this.cancelProbe?.();
    this.cancelRetry = this.cancelProbe = null;
    if (this.state === "up") this.since = this.lastDownAt = this.clock.now();
    this.state = "down";
  }

  private async attempt(first: boolean): Promise<void> {
    this.outageAttempts += 1;
    this.setState("connecting", null);
    if (this.outageAttempts === 1 && this.wasUp) this.log("info", "PBX reconnecting", {});
    try {
      await this.opts.attach();
    } catch (err) {
      const reason = errorText(err);
      this.lastError = reason;
      if (this.stopped) throw err;
      this.setState("down", reason);
      if (this.outageAttempts === 1) this.log("warn", "PBX not reachable; retrying", { reason });
      else this.log("debug", "PBX still not reachable", { reason, attempt: this.outageAttempts });
      this.scheduleRetry();
      if (first) throw err;
      return;
    }
    if (this.stopped) return;
    const reconnected = this.wasUp;
    if (reconnected) this.reconnects += 1;
    this.wasUp = true;
    this.since = this.lastUpAt = this.clock.now();
    this.lastError = null;
    this.outageAttempts = 0;
    // Up before the probe: the probe is a request over the link, and requests need it up.
    this.setState("up", null);
    this.log("info", reconnected ? "PBX connection restored" : "PBX connected", {});
    await this.measure();
    if (this.stopped || !this.connected) return;
    this.emit("up", { reconnected });
    this.scheduleProbe();
  }

  private scheduleRetry() {
    if (this.stopped || this.opts.retry === false || this.cancelRetry) return;
    const delayMs = backoffDelay(this.policy, this.streak, this.random);
    this.streak += 1;
    this.cancelRetry = this.clock.schedule(() => {
      this.cancelRetry = null;
      if (!this.stopped) void this.attempt(false);
    }, delayMs);
  }

  private scheduleProbe() {
    if (!this.opts.probe || this.stopped) return;
    this.cancelProbe = this.clock.schedule(async () => {
      this.cancelProbe = null;
      await this.measure();
      if (this.connected) this.scheduleProbe();
    }, this.opts.probeIntervalMs ?? 15_000);
  }

  private async measure() {
    if (!this.opts.probe) return;
    const started = this.clock.now();
    try {
      await this.opts.probe();
      this.rttMs = Math.round((this.clock.now() - started) * 10) / 10;
    } catch (err) {
      this.lastError = errorText(err);
    }
  }

  private setState(state: LinkState, reason: string | null) {
    this.state = state;
    this.emit("state", state, { reason, reconnects: this.reconnects });
  }

  /** The one place reconnects are logged; a one-shot link logs nothing (its caller reports). */
  private log(level: "debug" | "info" | "warn", msg: string, fields: Record<string, unknown>) {
    if (this.opts.retry === false) return;
    logger[level]({ pbx: this.opts.label, state: this.state, reconnects: this.reconnects, ...fields }, msg);
  }
}
