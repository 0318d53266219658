import type { AriClient } from "ari-client";
import { PbxError, type MonitorMode, type MonitorTarget } from "../driver";

/** Runs an ARI request, its errors turned into PbxErrors (the driver's `call`). */
type AriCall = <T>(what: string, fn: (c: AriClient) => Promise<T>) => Promise<T>;

type Monitor = {
  target: MonitorTarget;
  mode: MonitorMode | null;
  /** The mixing bridge joining the supervisor to the snoop channel (listen, whisper). */
  bridgeId: string;
  bridgeMade: boolean;
  snoopId: string | null;
  snoops: number;
  /** The bridge the supervisor's channel is in now: ours, the agent's (barge), or none. */
  inBridge: string | null;
  /** Requests on one monitor run one after another. */
  queue: Promise<unknown>;
};

/** Asterisk answers a moment before a new channel is in the application: such requests are retried briefly. */
const NOT_IN_STASIS_RETRIES = 20;
const NOT_IN_STASIS_WAIT_MS = 50;

/**
 * Supervisors listening in on calls, on Asterisk. Listen and whisper are a snoop channel on the
 * agent's leg (`spy=both`: what the agent says and hears, the customer included; `whisper=out`:
 * into what the agent's phone plays, which the customer never hears) in a mixing bridge with the
 * supervisor's channel; barge is the supervisor's channel in the agent's own bridge, a three-way
 * call. A snoop channel's directions are fixed when it is made, so switching between listen and
 * whisper replaces it, the old one first: once a switch back to listen is answered, the agent
 * no longer hears the supervisor.
 */
export class AriMonitors {
  private readonly monitors = new Map<string, Monitor>();

  constructor(
    private readonly app: string,
    private readonly call: AriCall,
  ) {}

  async start(channelId: string, target: MonitorTarget, mode: MonitorMode): Promise<void> {
    if (this.monitors.has(channelId)) throw new PbxError("conflict", `monitor: channel ${channelId} is already listening in on a call`);
    const m: Monitor = { target, mode: null, bridgeId: `monitor-${channelId}`, bridgeMade: false, snoopId: null, snoops: 0, inBridge: null, queue: Promise.resolve() };
    this.monitors.set(channelId, m);
    try {
      await this.serial(m, () => this.switchTo(channelId, m, mode));
    } catch (err) {
      this.monitors.delete(channelId);
      await this.dismantle(m);
      throw err;
    }
  }

  async setMode(channelId: string, mode: MonitorMode): Promise<void> {
    const m = this.monitors.get(channelId);
    if (!m) throw new PbxError("not_found", `monitor: channel ${channelId} is not listening in on a call`);
    await this.serial(m, () => this.switchTo(channelId, m, mode));
  }

  /** The supervisor's channel is gone: its snoop channel and bridge go too. */
  ended(channelId: string): void {
    const m = this.monitors.get(channelId);
    if (!m) return;
    this.monitors.delete(channelId);
    void this.serial(m, () => this.dismantle(m)).catch(() => {});
  }

  private serial<T>(m: Monitor, step: () => Promise<T>): Promise<T> {
    const run = m.queue.then(step, step);
    m.queue = run.catch(() => {});
    return run;
  }

  private async switchTo(channelId: string, m: Monitor, mode: MonitorMode) {
    if (m.mode === mode) return;
    await this.dropSnoop(m);
    if (mode === "barge") {
      await this.moveTo(channelId, m, m.target.bridgeId);
    } else {
      if (!m.bridgeMade) {
        await this.call("create monitor bridge", (c) => c.bridges.create({ bridgeId: m.bridgeId, type: "mixing" }));
        m.bridgeMade = true;
      }
      const snoopId = `${channelId}-snoop-${++m.snoops}`;
      await this.call("snoop", (c) =>
        c.channels.snoopChannelWithId({ channelId: m.target.agentChannelId, snoopId, spy: "both", whisper: mode === "whisper" ? "out" : "none", app: this.app, appArgs: "monitor" }),
      );
      m.snoopId = snoopId;
      await this.inStasis(() => this.call("add snoop to monitor bridge", (c) => c.bridges.addChannel({ bridgeId: m.bridgeId, channel: snoopId })));
      await this.moveTo(channelId, m, m.bridgeId);
    }
    m.mode = mode;
  }

  private async moveTo(channelId: string, m: Monitor, bridgeId: string) {
    if (m.inBridge === bridgeId) return;
    if (m.inBridge) {
      const from = m.inBridge;
      await this.call("leave bridge", (c) => c.bridges.removeChannel({ bridgeId: from, channel: channelId }));
      m.inBridge = null;
    }
    await this.inStasis(() => this.call("join bridge", (c) => c.bridges.addChannel({ bridgeId, channel: channelId })));
    m.inBridge = bridgeId;
  }

  private async dropSnoop(m: Monitor) {
    const snoopId = m.snoopId;
    if (!snoopId) return;
    m.snoopId = null;
    await this.call("hang up snoop", (c) => c.channels.hangup({ channelId: snoopId })).catch((err) => {
      // Gone already: it hangs up by itself when the agent's leg does.
      if (!(err instanceof PbxError && err.code === "not_found")) throw err;
    });
  }

  private async dismantle(m: Monitor) {
    await this.dropSnoop(m).catch(() => {});
    if (m.bridgeMade) await this.call("destroy monitor bridge", (c) => c.bridges.destroy({ bridgeId: m.bridgeId })).catch(() => {});
  }

  private async inStasis<T>(request: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await request();
      } catch (err) {
        if (!(err instanceof PbxError && err.code === "conflict") || i >= NOT_IN_STASIS_RETRIES) throw err;
        await new Promise((r) => setTimeout(r, NOT_IN_STASIS_WAIT_MS));
      }
    }
  }
}
