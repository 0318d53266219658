import type { SimEngine } from "./engine";
import { seededRng, uniform, type Rng } from "./random";
import type { SimBridge, SimChannel } from "./switch-model";

/** Seconds a simulated agent talks with each caller put through to it: drawn uniformly from [min, max]. */
export type HandleTime = { minSec: number; maxSec: number };

/**
 * Simulated agents' phones. Every phone the switch rings answers and stays up (an agent's
 * nailed-up line); a phone registered here also has somebody on it who talks: each caller moved
 * into the phone's bridge is talked with for a handle time, then the conversation ends and the
 * caller's leg clears normally (cause 16), as when an agent finishes a call. The caller may still
 * hang up first, as its own fate says.
 */
export class TalkingPhones {
  private readonly phones = new Map<string, HandleTime>();
  private readonly rng: Rng;

  constructor(
    private readonly engine: SimEngine,
    seed = 11,
  ) {
    this.rng = seededRng(seed);
    engine.on("enteredBridge", (bridge, ch) => this.callerJoined(bridge, ch));
  }

  /** Puts a talking agent on the phone at `number` (an extension), or takes it off with null. */
  set(number: string, handle: HandleTime | null): void {
    if (handle) this.phones.set(number, handle);
    else this.phones.delete(number);
  }

  has(number: string): boolean {
    return this.phones.has(number);
  }

  private callerJoined(bridge: SimBridge, ch: SimChannel) {
    if (ch.fate.kind === "agent" || ch.fate.kind === "snoop") return;
    for (const id of bridge.channels) {
      const phone = this.engine.channel(id);
      const handle = phone && phone.fate.kind === "agent" ? this.phones.get(phone.number) : undefined;
      if (!handle) continue;
      this.engine.remoteHangupIn(ch.id, uniform(this.rng, handle.minSec, Math.max(handle.minSec, handle.maxSec)));
      return;
    }
  }
}
