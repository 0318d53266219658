import type { EventEmitter } from "node:events";
import { ConnectionKeeper, type BackoffPolicy } from "./connection-keeper";
import { PbxError, type LiveChannelInfo } from "./driver";

/** How a driver's link is kept: the options both drivers take. */
export type DriverLinkOptions = {
  /** Who the PBX is, in the log (defaults to its address). */
  label?: string;
  /** Backoff between reconnection attempts. */
  reconnect?: Partial<BackoffPolicy>;
  /** False for a one-shot connection (a "Test connection"): no retries. */
  retry?: boolean;
  /** How often to measure the round-trip time. */
  healthIntervalMs?: number;
};

/** The calls a driver follows, as CallsAcrossDrop needs to see them. */
type FollowedCalls = {
  followed(): Iterable<string>;
  isFollowed(channelId: string): boolean;
  listChannels(): Promise<LiveChannelInfo[]>;
  /** The call ended while nobody listened; called only for calls still followed. */
  endedUnseen(channelId: string): void;
};

/** What a hang-up nobody saw is reported with: cause 0, and why it is unknown. */
export const UNSEEN_HANGUP_TEXT = "ended while the connection to the PBX was down";

/**
 * The calls a driver was following when its link dropped. Events sent meanwhile are lost, so once
 * the link is back those the PBX no longer lists ended unseen: the driver reports their hang-up,
 * and every call it originated still ends with exactly one `hangup`. Calls placed after the drop
 * are not in question (a fresh call may not be listed yet).
 */
export class CallsAcrossDrop {
  private readonly unconfirmed = new Set<string>();

  constructor(private readonly pbx: FollowedCalls) {}

  dropped(): void {
    for (const id of this.pbx.followed()) this.unconfirmed.add(id);
  }

  /** After a reconnection; if listing fails (the link went again) the next reconnection asks again. */
  async settle(): Promise<void> {
    if (this.unconfirmed.size === 0) return;
    const asked = [...this.unconfirmed];
    let live: Set<string>;
    try {
      live = new Set((await this.pbx.listChannels()).map((c) => c.id));
    } catch {
      return;
    }
    for (const id of asked) {
      this.unconfirmed.delete(id);
      if (!live.has(id) && this.pbx.isFollowed(id)) this.pbx.endedUnseen(id);
    }
  }
}

/**
 * The connection keeper of a driver's link, wired as the PbxDriver contract says: `disconnected`
 * when it drops, `reconnected` when it is back, and then the hang-ups of calls that ended unseen.
 */
export function keepDriverLink(
  driver: EventEmitter,
  link: DriverLinkOptions & { defaultLabel: string; attach: () => Promise<void>; probe: () => Promise<unknown>; calls: FollowedCalls },
): ConnectionKeeper {
  const acrossDrop = new CallsAcrossDrop(link.calls);
  const keeper = new ConnectionKeeper({
    label: link.label ?? link.defaultLabel,
    attach: link.attach,
    probe: async () => {
      await link.probe();
    },
    probeIntervalMs: link.healthIntervalMs,
    backoff: link.reconnect,
    retry: link.retry,
  });
  keeper.on("down", (reason) => {
    acrossDrop.dropped();
    driver.emit("disconnected", reason);
  });
  keeper.on("up", ({ reconnected }) => {
    if (!reconnected) return;
    driver.emit("reconnected");
    void acrossDrop.settle();
  });
  return keeper;
}

/**
 * How long an originate asked for during a drop waits for the link to come back. The dialer only
 * dials through a connected PBX, so what waits is what it had already decided to dial when the
 * link dropped: failing it would spend the lead's attempt on a call never placed.
 */
export const ORIGINATE_WAIT_MS = 3000;

export async function linkUpForOriginate(keeper: ConnectionKeeper, pbx: string): Promise<void> {
  if (!(await keeper.whenUp(ORIGINATE_WAIT_MS))) throw new PbxError("not_connected", `originate: ${pbx} is not connected`, true);
}
