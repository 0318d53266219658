import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { MonitorMode, MonitorSession } from "@/db/schema";
import { recordAudit } from "../audit/queries";
import { logger } from "../logger";
import { endMonitorsOfDeadNodes, monitorRowsOfNode, setMonitorMode, toMonitorDto, updateMonitorRow } from "../monitors/queries";
import { errorText, PbxError, type CallEvent } from "../pbx/driver";
import { publish, runtime } from "../runtime/registry";
import type { RealtimeEvent } from "@/lib/realtime-events";
import type { AgentPool } from "./agent-pool";
import { extensionDialString } from "./dial-string";
import type { AgentLine } from "./live-call";

/** How long the supervisor's phone rings before the session gives up. */
const RING_SEC = 30;
const DEAD_NODE_SWEEP_MS = 10_000;
/** With no session running here, requests are read this often (and every tick for LOOK_MS after one made through this process). */
const IDLE_READ_MS = 2_000;
const LOOK_MS = 1_000;

/** A session this process runs: the supervisor's phone leg and the agent line it listens in on. */
type Session = {
  id: number;
  row: MonitorSession;
  line: AgentLine;
  channelId: string;
  mode: MonitorMode;
  /** The mode being applied now (a request seen again before its write lands is not applied twice). */
  applying: MonitorMode | null;
  connected: boolean;
  /** Why it is being hung up, once it is. */
  stopping: string | null;
  ended: boolean;
  /** Connecting and mode switches run one after another. */
  queue: Promise<unknown>;
};

/**
 * Supervisors listening in on the calls of agents whose phones this process holds. Requests come
 * through `monitor_sessions` (the API of any process writes them; this process serves the rows
 * naming it, as it serves agents' requested states): Pacer calls the supervisor's phone, connects
 * it to the agent's call once it answers (the PBX driver's listen, whisper or barge), switches
 * its mode when asked, and hangs it up when asked, when the agent's call ends, or never connects.
 * Every state goes out as `monitor.update`; how each session ended is audited.
 */
export class CallMonitors {
  private readonly sessions = new Map<number, Session>();
  private readonly byChannel = new Map<string, Session>();
  /** Sessions whose end is being written: a row still live meanwhile is not a stranger's. */
  private readonly closing = new Set<number>();
  private lastSweep = 0;
  private lastRead = 0;
  /** Until when the table is read every tick: a session was asked for or changed through this process a moment ago. */
  private lookUntil = 0;
  private readonly onRealtime = (e: RealtimeEvent) => {
    if (e.type === "monitor.update") this.lookUntil = Date.now() + LOOK_MS;
  };

  constructor(
    private readonly db: Db,
    private readonly nodeId: string,
    private readonly agents: AgentPool,
    /** A dialer whose heartbeat is older than this is gone, and so are its sessions. */
    private readonly nodeStaleSec: number,
  ) {
    runtime().bus.on("realtime", this.onRealtime);
  }

  handles(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  /**
   * Applies what was asked, and ends sessions whose call is over. The table is read every tick
   * while sessions run here, or for a moment after a request made through this process (its
   * `monitor.update`); otherwise every IDLE_READ_MS, which is when a request made through another
   * process is seen (or closed, if it came as the call ended).
   */
  async sync(): Promise<void> {
    if (Date.now() - this.lastSweep > DEAD_NODE_SWEEP_MS) {
      this.lastSweep = Date.now();
      for (const row of await endMonitorsOfDeadNodes(this.db, this.nodeStaleSec)) announce(row);
    }
    for (const s of this.sessions.values()) {
      if (!s.stopping && !this.onTheCall(s)) this.stop(s, "the call ended");
    }
    if (this.sessions.size === 0 && Date.now() > this.lookUntil && Date.now() - this.lastRead < IDLE_READ_MS) return;
    this.lastRead = Date.now();
    for (const row of await monitorRowsOfNode(this.db, this.nodeId)) {
      const s = this.sessions.get(row.id);
      if (this.closing.has(row.id)) continue;
      if (!s) {
        // A row past `requested` that this process does not know was left by an earlier run of it.
        if (row.state === "requested") await this.start(row);
        else await this.close(row.id, "the dialer holding it restarted");
        continue;
      }
      s.row = row;
      if (row.stopRequestedBy) this.stop(s, `stopped by ${row.stopRequestedBy}`);
      else if (row.requestedMode && row.requestedMode !== s.mode && row.requestedMode !== s.applying) this.switchMode(s, row.requestedMode);
    }
  }

  onEvent(e: CallEvent): void {
    const s = this.byChannel.get(e.channelId);
    if (!s) return;
    if (e.type === "answered") void this.serial(s, () => this.connect(s));
    else if (e.type === "hangup") {
      // On FreeSWITCH the supervisor's leg ends by itself when the agent's does.
      const reason = s.stopping ?? (!this.onTheCall(s) ? "the call ended" : s.connected ? "the supervisor hung up" : `the supervisor's phone did not answer (${e.outcome.replace("_", " ")})`);
      void this.end(s, reason);
    }
  }

  /** On shutdown: the supervisors' phones are hung up, their sessions ended. */
  async stopAll(): Promise<void> {
    runtime().bus.off("realtime", this.onRealtime);
    for (const s of [...this.sessions.values()]) {
      s.stopping = "the dialer stopped";
      await s.line.pbx.driver.hangup(s.channelId).catch(() => {});
      await this.end(s, "the dialer stopped");
    }
  }

  private onTheCall(s: Session): boolean {
    return this.agents.holds(s.line) && s.line.call?.attempt.id === s.row.attemptId && s.line.bridgeId !== null;
  }

  private async start(row: MonitorSession) {
    const line = row.agentId ? this.agents.lineOf(row.agentId) : undefined;
    if (!line || line.call?.attempt.id !== row.attemptId || !line.bridgeId) return this.close(row.id, "the call ended before the supervisor's phone was called");
    const mode = row.requestedMode ?? row.mode;
    const s: Session = { id: row.id, row, line, channelId: `monitor-${row.id}-${randomUUID().slice(0, 8)}`, mode, applying: null, connected: false, stopping: null, ended: false, queue: Promise.resolve() };
    this.sessions.set(row.id, s);
    this.byChannel.set(s.channelId, s);
    await setMonitorMode(this.db, row.id, mode);
    announce(await updateMonitorRow(this.db, row.id, { state: "calling", channelId: s.channelId }));
    const pbx = line.pbx;
    try {
      await pbx.driver.originate({
        channelId: s.channelId,
        endpoint: extensionDialString(pbx.kind, pbx.agentDialTemplate, row.phone),
        ringTimeoutSec: RING_SEC,
        variables: { PACER_MONITOR: String(row.id) },
        onAnswer: { kind: "control", args: ["monitor", String(row.id)] },
      });
    } catch (err) {
      await this.end(s, `cannot call ${row.phone}: ${errorText(err)}`);
    }
  }

  /** The supervisor answered: into the agent's call, in the mode asked for by now. */
  private async connect(s: Session) {
    if (s.stopping || s.ended) return;
    if (!this.onTheCall(s)) return this.stop(s, "the call ended");
    try {
      await s.line.pbx.driver.startMonitor(s.channelId, { agentChannelId: s.line.channelId, bridgeId: s.line.bridgeId! }, s.mode);
    } catch (err) {
      logger.warn({ monitor: s.id, err: errorText(err) }, "cannot connect the supervisor to the call");
      return this.stop(s, `could not listen in: ${errorText(err)}`);
    }
    s.connected = true;
    announce(await updateMonitorRow(this.db, s.id, { state: "active", answeredAt: new Date() }));
  }

  private switchMode(s: Session, mode: MonitorMode) {
    s.applying = mode;
    void this.serial(s, async () => {
      if (s.stopping || s.ended) return;
      if (s.connected) {
        try {
          await s.line.pbx.driver.setMonitorMode(s.channelId, mode);
        } catch (err) {
          logger.warn({ monitor: s.id, err: errorText(err) }, "cannot switch the supervisor's mode");
          s.applying = null;
          return;
        }
      }
      // Not connected yet: the mode is the one it connects in.
      s.mode = mode;
      s.applying = null;
      announce(await setMonitorMode(this.db, s.id, mode));
    });
  }

  private stop(s: Session, reason: string) {
    if (s.stopping || s.ended) return;
    s.stopping = reason;
    s.line.pbx.driver.hangup(s.channelId).catch((err) => {
      // Never placed, or gone already: no hang-up will be reported.
      if (err instanceof PbxError && err.code === "not_found") void this.end(s, reason);
      else logger.warn({ monitor: s.id, err: errorText(err) }, "cannot hang up the supervisor's phone");
    });
  }

  private async end(s: Session, reason: string) {
    if (s.ended) return;
    s.ended = true;
    this.sessions.delete(s.id);
    this.byChannel.delete(s.channelId);
    await this.close(s.id, reason, s.row);
  }

  /** Records the end of a session (and, for its audit, what it was). */
  private async close(id: number, reason: string, row?: MonitorSession) {
    this.closing.add(id);
    try {
      const ended = await updateMonitorRow(this.db, id, { state: "ended", endedAt: new Date(), endReason: reason, requestedMode: null });
      const r = ended ?? row;
      if (r) await recordAudit(this.db, { system: true }, { action: "monitor.end", entityType: "monitor", entityId: id, details: { agent_id: r.agentId, agent_name: r.agentName, attempt_id: r.attemptId, mode: r.mode, reason } });
      announce(ended);
    } catch (err) {
      logger.warn({ monitor: id, err: errorText(err) }, "cannot record the end of a monitoring session");
    } finally {
      this.closing.delete(id);
    }
  }

  private serial(s: Session, step: () => Promise<unknown>) {
    s.queue = s.queue.then(step).catch((err) => logger.warn({ monitor: s.id, err: errorText(err) }, "monitoring step failed"));
    return s.queue;
  }
}

function announce(row: MonitorSession | undefined) {
  if (row) publish({ type: "monitor.update", monitor: toMonitorDto(row), ts: Date.now() });
}
