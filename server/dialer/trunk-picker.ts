/**
 * Which trunk carries the next call, and when it may start. Pure: the dialer builds one from the
 * trunks' shared state (read under their row locks), takes calls from it, and writes the start
 * counters back in the same transaction, so every process sees the same channels and slots.
 *
 * - Tiers: the lowest `priority` with room takes the calls; higher ones take the overflow and
 *   the failovers.
 * - Within a tier, calls are split by weight with smooth weighted round-robin (nginx's): exact
 *   over any run of calls, no bursts, and its state lives with the campaign between ticks.
 * - `maxChannels` bounds the calls up at once (every campaign, every process).
 * - `maxCps` splits each second into that many start slots, `1000 / maxCps` ms apart; a call is
 *   given the next free slot no sooner than `leadMs` from now and no later than `horizonMs`.
 *   Starts spread over the second this way never exceed the cap in any calendar second, on the
 *   carrier's clock or ours, as long as each call goes out inside its slot's second.
 */
export type TrunkRoute = {
  trunkId: number;
  name: string;
  type: "pjsip" | "sip" | "gateway" | "custom";
  value: string;
  weight: number;
  priority: number;
  maxChannels: number | null;
  maxCps: number | null;
  /** The trunk's number rewriting, applied to each call's number before its dial string is built. */
  removePrefix: string;
  addPrefix: string;
};

/** A trunk's shared state: calls up on it now, and the second whose start slots are being handed out. */
export type TrunkLoad = { live: number; second: number; used: number };

export type TrunkSlot = { route: TrunkRoute; at: number };

export type PickerOptions = { leadMs?: number; horizonMs?: number };

const DEFAULT_LEAD_MS = 30;
const DEFAULT_HORIZON_MS = 1000;

export class TrunkPicker {
  private readonly loads: Map<number, TrunkLoad>;
  private readonly touched = new Set<number>();
  private readonly leadMs: number;
  private readonly horizonMs: number;

  constructor(
    private readonly routes: TrunkRoute[],
    loads: Map<number, TrunkLoad>,
    private readonly now: number,
    /** Smooth round-robin weights by trunk id, kept by the caller from one tick to the next. */
    private readonly wrr: Map<number, number>,
    opts: PickerOptions = {},
  ) {
    this.loads = new Map(routes.map((r) => [r.trunkId, { ...(loads.get(r.trunkId) ?? { live: 0, second: 0, used: 0 }) }]));
    this.leadMs = opts.leadMs ?? DEFAULT_LEAD_MS;
    this.horizonMs = opts.horizonMs ?? DEFAULT_HORIZON_MS;
  }

  /** How many of `wanted` calls could be placed now (leaves this picker untouched). */
  room(wanted: number, exclude?: ReadonlySet<number>): number {
    const trial = new TrunkPicker(this.routes, this.loads, this.now, new Map(this.wrr), { leadMs: this.leadMs, horizonMs: this.horizonMs });
    let n = 0;
    while (n < wanted && trial.take(exclude)) n++;
    return n;
  }

  /** The next call's trunk and start time, or null when every trunk (not excluded) is full. */
  take(exclude?: ReadonlySet<number>): TrunkSlot | null {
    const tiers = [...new Set(this.routes.map((r) => r.priority))].sort((a, b) => a - b);
    for (const tier of tiers) {
      const open: { route: TrunkRoute; slot: Slot }[] = [];
      for (const route of this.routes) {
        if (route.priority !== tier || exclude?.has(route.trunkId)) continue;
        const slot = this.nextSlot(route);
        if (slot) open.push({ route, slot });
      }
      if (open.length === 0) continue;
      const chosen = this.roundRobin(open);
      const load = this.loads.get(chosen.route.trunkId)!;
      load.live += 1;
      if (chosen.slot.second !== null) {
        load.second = chosen.slot.second;
        load.used = chosen.slot.k + 1;
        this.touched.add(chosen.route.trunkId);
      }
      return { route: chosen.route, at: chosen.slot.at };
    }
    return null;
  }

  /** A call counted on `trunkId` (an open attempt) is leaving it: its channel is free for this picker's next takes. */
  release(trunkId: number | null): void {
    const load = trunkId === null ? undefined : this.loads.get(trunkId);
    if (load && load.live > 0) load.live -= 1;
  }

  /** The opposite of release(): the call stays where it is. */
  occupy(trunkId: number | null): void {
    const load = trunkId === null ? undefined : this.loads.get(trunkId);
    if (load) load.live += 1;
  }

  routeIds(): number[] {
    return this.routes.map((r) => r.trunkId);
  }

  /** Start counters that changed, to write back. */
  usage(): { trunkId: number; second: number; used: number }[] {
    return [...this.touched].map((trunkId) => ({ trunkId, second: this.loads.get(trunkId)!.second, used: this.loads.get(trunkId)!.used }));
  }

  private roundRobin<T extends { route: TrunkRoute }>(open: T[]): T {
    let total = 0;
    let best: T | null = null;
    let bestWeight = -Infinity;
    for (const o of open) {
      const w = Math.max(1, o.route.weight);
      total += w;
      const current = (this.wrr.get(o.route.trunkId) ?? 0) + w;
      this.wrr.set(o.route.trunkId, current);
      if (current > bestWeight) {
        bestWeight = current;
        best = o;
      }
    }
    this.wrr.set(best!.route.trunkId, bestWeight - total);
    return best!;
  }

  private nextSlot(route: TrunkRoute): Slot | null {
    const load = this.loads.get(route.trunkId)!;
    if (route.maxChannels !== null && load.live >= route.maxChannels) return null;
    return nextStartSlot(route.maxCps, load, this.now, this.leadMs, this.horizonMs);
  }
}

type Slot = { at: number; second: number | null; k: number };

/** The first free start slot at or after `now + leadMs` and no later than `now + horizonMs`. */
export function nextStartSlot(maxCps: number | null, load: Pick<TrunkLoad, "second" | "used">, now: number, leadMs: number, horizonMs: number): Slot | null {
  if (maxCps === null) return { at: now, second: null, k: 0 };
  if (maxCps <= 0) return null;
  const earliest = now + leadMs;
  // Slots of a second already handed out beyond this one's (another process, a clock ahead) stay taken.
  let second = Math.max(Math.floor(earliest / 1000), load.second);
  for (let i = 0; i < 3; i++, second++) {
    const base = second * 1000;
    const used = second === load.second ? load.used : 0;
    const first = base >= earliest ? 0 : Math.ceil(((earliest - base) * maxCps) / 1000 - 1e-9);
    const k = Math.max(used, first);
    if (k < maxCps) {
      const at = base + (k * 1000) / maxCps;
      return at <= now + horizonMs ? { at, second, k } : null;
    }
  }
  return null;
}
