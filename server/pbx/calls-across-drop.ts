import type { LiveChannelInfo } from "./driver";

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

  constructor(
    private readonly pbx: {
      followed(): Iterable<string>;
      listChannels(): Promise<LiveChannelInfo[]>;
      /** The call ended while nobody listened; called only for calls still followed. */
      endedUnseen(channelId: string): void;
      isFollowed(channelId: string): boolean;
    },
  ) {}

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
