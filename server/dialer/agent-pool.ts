import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { Agent, AgentState, PauseReason } from "@/db/schema";
import type { AgentStatus, PreviewOffer } from "@/lib/realtime-events";
import { logger } from "../logger";
import type { CallEvent } from "../pbx/driver";
import type { DialablePbx } from "../pbx/manager";
import { publish, type DialerScrape } from "../runtime/registry";
import { claimAgentLogin, agentRowsToSync, recordAgentState, releaseAgentsOfDeadNodes, updateAgentRow } from "../agents/queries";
import { extensionDialString } from "./dial-string";
import type { AgentLine, LiveCall } from "./live-call";
import { QueueRouting } from "./queue-routing";

const STATUS: Record<AgentState, AgentStatus> = {
  logged_out: "Logged Out",
  available: "Available",
  on_call: "On Call",
  wrapup: "Wrapup",
  on_break: "On Break",
};

const DEAD_NODE_SWEEP_MS = 10_000;

/**
 * The agents whose phones this process holds: a nailed-up call to each agent's phone, parked in a
 * bridge of its own, into which answered customers are moved. Requests (log in, break, ready, log
 * out) arrive through the agents table, so any process's API can make them; the process holding
 * the agent applies them.
 */
export class AgentPool {
  private readonly lines = new Map<number, AgentLine>();
  private readonly byChannel = new Map<string, AgentLine>();
  private lastSweep = 0;
  /** The queues of the campaigns these agents work: who is counted, who takes a call, wrap-up. */
  readonly queues = new QueueRouting();

  constructor(
    private readonly db: Db,
    private readonly nodeId: string,
    private readonly hooks: {
      onAvailable: (agent: AgentLine) => boolean;
      onAgentLost: (agent: AgentLine, call: LiveCall | null) => void;
      onPreviewChoice: (agent: AgentLine, action: "dial" | "skip", attemptId: number | null) => void;
      onHangupRequest: (agent: AgentLine, attemptId: number) => void;
    },
  ) {}

  handles(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  linesOn(pbxKey: string): number {
    let n = 0;
    for (const l of this.lines.values()) if (l.pbxKey === pbxKey) n += 1;
    return n;
  }

  /** Does this line work the campaign's calls: logged in to it and, when it has a queue, in the queue's tiers. */
  private works(l: AgentLine, campaignId: number): boolean {
    return l.campaignId === campaignId && this.queues.admits(campaignId, l.agentId);
  }

  /** The campaign's agents by state: with a queue, the queue's agents logged in to it (what pacing counts). */
  counts(campaignId: number) {
    const c = { available: 0, onCall: 0, wrapup: 0, onBreak: 0, loggingIn: 0 };
    for (const l of this.lines.values()) {
      if (!this.works(l, campaignId)) continue;
      if (l.state === "available") c.available += 1;
      else if (l.state === "on_call") c.onCall += 1;
      else if (l.state === "wrapup") c.wrapup += 1;
      else if (l.state === "on_break") c.onBreak += 1;
      else c.loggingIn += 1;
    }
    return c;
  }

  /** Every line this process holds, counted by campaign and state (a line still logging in has no state of its own yet). */
  stateCounts(): DialerScrape["agents"] {
    const counts = new Map<string, DialerScrape["agents"][number]>();
    for (const l of this.lines.values()) {
      const state = l.state === "logged_out" ? "logging_in" : l.state;
      const key = `${l.campaignId}:${state}`;
      const entry = counts.get(key) ?? { campaignId: l.campaignId, state, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()];
  }

  pbxOfCampaign(campaignId: number): string | null {
    for (const l of this.lines.values()) if (l.campaignId === campaignId && l.state !== "logged_out") return l.pbxKey;
    return null;
  }

  inCall(campaignId: number): AgentLine[] {
    return [...this.lines.values()].filter((l) => this.works(l, campaignId) && l.state === "on_call");
  }

  inWrapup(campaignId: number): AgentLine[] {
    return [...this.lines.values()].filter((l) => this.works(l, campaignId) && l.state === "wrapup");
  }

  lineOf(agentId: number): AgentLine | undefined {
    return this.lines.get(agentId);
  }

  /** Is this line still held (not logged out since)? */
  holds(line: AgentLine): boolean {
    return this.lines.get(line.agentId) === line;
  }

  /** Ready agents of a campaign with no lead in front of them, longest idle first: who is offered the next preview. */
  freeForPreview(campaignId: number): AgentLine[] {
    return [...this.lines.values()]
      .filter((l) => this.works(l, campaignId) && l.state === "available" && l.bridgeId && !l.call && !l.preview)
      .sort((a, b) => a.readySince - b.readySince);
  }

  /** Shows a lead to the agent (screen pop) or takes it away. */
  showPreview(line: AgentLine, offer: PreviewOffer | null): void {
    line.preview = offer;
    // The console reads the offer through current_attempt_id.
    this.write(line, { currentAttemptId: offer?.attemptId ?? null });
    this.announce(line);
  }

  /**
   * The ready agent on this PBX who takes a call of the campaign that has waited `waitedSec`: by
   * its queue's strategy and tier rules, or the longest idle when it has none.
   */
  pickAgent(campaignId: number, pbxKey: string, waitedSec: number): AgentLine | null {
    const ready = [...this.lines.values()].filter((l) => l.campaignId === campaignId && l.pbxKey === pbxKey && l.state === "available" && l.bridgeId && !l.preview);
    return this.queues.choose(campaignId, ready, waitedSec);
  }

  assign(agent: AgentLine, call: LiveCall): void {
    this.queues.given(agent);
    agent.call = call;
    agent.preview = null;
    this.setState(agent, "on_call", { currentAttemptId: call.attempt.id, lastAttemptId: call.attempt.id });
  }

  /**
   * The customer's side ended: wrap-up (the queue's length when the campaign has one, else
   * `wrapupSec`), then ready again (or the break / logout asked for meanwhile).
   */
  callEnded(agent: AgentLine, wrapupSec: number): void {
    agent.call = null;
    if (!this.lines.has(agent.agentId)) return;
    this.startWrapup(agent, this.queues.wrapUpSec(agent.campaignId, wrapupSec), { currentAttemptId: null });
  }

  /**
   * The agent was offered a call it did not take (its bridge refused the customer): it stays
   * ready but is passed over for its queue's no-answer delay. False when the queue has none.
   */
  notTaken(agent: AgentLine, call: LiveCall): boolean {
    if (!this.holds(agent) || agent.call !== call || this.queues.passOver(agent) === 0) return false;
    agent.call = null;
    this.setState(agent, "available", { currentAttemptId: null });
    return true;
  }

  private startWrapup(agent: AgentLine, sec: number, extra: Partial<Agent> = {}) {
    this.setState(agent, "wrapup", extra);
    if (agent.wrapTimer) clearTimeout(agent.wrapTimer);
    agent.wrapTimer = setTimeout(() => this.endWrapup(agent), Math.max(0, sec) * 1000);
  }

  private endWrapup(agent: AgentLine) {
    agent.wrapTimer = null;
    if (!this.lines.has(agent.agentId) || agent.state !== "wrapup") return;
    if (agent.after === "logged_out") return this.logout(agent);
    if (agent.after === "on_break") {
      agent.after = null;
      return this.setState(agent, "on_break");
    }
    this.ready(agent);
  }

  private ready(agent: AgentLine) {
    agent.readySince = Date.now();
    this.setState(agent, "available", {}, true);
    this.hooks.onAvailable(agent);
  }

  /** Applies what was asked through the API, and logs in agents whose phones nobody holds yet. */
  async sync(pbxs: DialablePbx[]): Promise<void> {
    if (Date.now() - this.lastSweep > DEAD_NODE_SWEEP_MS) {
      this.lastSweep = Date.now();
      await releaseAgentsOfDeadNodes(this.db, 20);
    }
    const rows = await agentRowsToSync(this.db, this.nodeId);
    for (const row of rows) {
      const line = this.lines.get(row.id);
      const asked = row.requestedState;
      if (!line) {
        if (asked === "available" && row.campaignId && (row.owner === null || row.owner === this.nodeId)) await this.login(row, pbxs);
        else if (asked === "logged_out" || (asked && !row.campaignId)) await updateAgentRow(this.db, row.id, { requestedState: null, state: "logged_out", campaignId: null });
        continue;
      }
      if (row.previewAction) {
        await updateAgentRow(this.db, row.id, { previewAction: null, previewAttemptId: null });
        this.hooks.onPreviewChoice(line, row.previewAction, row.previewAttemptId);
      }
      if (row.hangupAttemptId) {
        await updateAgentRow(this.db, row.id, { hangupAttemptId: null });
        this.hooks.onHangupRequest(line, row.hangupAttemptId);
      }
      if (!asked) continue;
      await updateAgentRow(this.db, row.id, { requestedState: null });
      if (asked === "on_break") {
        const changed = line.breakReason !== (row.breakReason ?? "break");
        line.breakReason = row.breakReason ?? "break";
        // On break already with another reason: a new stretch starts, with the new reason.
        if (line.state === "available" || (line.state === "on_break" && changed)) this.setState(line, "on_break");
        else if (line.state !== "on_break") line.after = "on_break";
      } else if (asked === "available") {
        line.after = null;
        if (line.state === "on_break" || line.state === "wrapup") {
          if (line.wrapTimer) clearTimeout(line.wrapTimer);
          line.wrapTimer = null;
          this.ready(line);
        }
      } else if (asked === "logged_out") {
        if (line.state === "on_call" || line.state === "wrapup") line.after = "logged_out";
        else this.logout(line);
      } else if (asked === "wrapup") {
        // During a call the wrap-up comes after it anyway; already in one, it runs its course.
        if (line.state === "available" || line.state === "on_break") {
          line.after = null;
          this.startWrapup(line, this.queues.wrapUpSec(line.campaignId));
        }
      }
    }
    const campaignIds = new Set<number>();
    for (const l of this.lines.values()) if (l.campaignId !== null) campaignIds.add(l.campaignId);
    await this.queues.refresh(this.db, [...campaignIds]);
  }

  private async login(row: Agent, pbxs: DialablePbx[]) {
    const campaignId = row.campaignId!;
    const where = this.pbxOfCampaign(campaignId);
    const pbx = (where && pbxs.find((p) => p.key === where)) || pbxs.find((p) => !p.draining);
    if (!pbx) return;
    if (!(await claimAgentLogin(this.db, row.id, this.nodeId))) return;
    const channelId = `agent-${row.id}-${randomUUID()}`;
    const line: AgentLine = {
      agentId: row.id,
      name: row.name,
      campaignId,
      pbxKey: pbx.key,
      pbx,
      channelId,
      bridgeId: null,
      state: "logged_out",
      since: Date.now(),
      readySince: Date.now(),
      call: null,
      preview: null,
      wrapTimer: null,
      after: null,
      breakReason: "break",
      writes: Promise.resolve(),
    };
    this.lines.set(row.id, line);
    this.byChannel.set(channelId, line);
    await updateAgentRow(this.db, row.id, { channelId, pbxKey: pbx.key });
    try {
      await pbx.driver.originate({
        channelId,
        endpoint: extensionDialString(pbx.kind, pbx.agentDialTemplate, row.extension),
        ringTimeoutSec: 30,
        variables: { PACER_AGENT: String(row.id) },
        onAnswer: { kind: "control", args: ["agent", String(row.id)] },
      });
    } catch (err) {
      logger.warn({ agent: row.name, err: err instanceof Error ? err.message : String(err) }, "cannot call the agent's phone");
      this.drop(line);
    }
  }

  onEvent(e: CallEvent): void {
    const line = this.byChannel.get(e.channelId);
    if (!line) return;
    if (e.type === "answered" && !line.bridgeId) void this.holdInBridge(line);
    else if (e.type === "hangup") this.drop(line);
  }

  private async holdInBridge(line: AgentLine) {
    const bridgeId = `agent-${line.agentId}-${randomUUID().slice(0, 8)}`;
    try {
      await line.pbx.driver.createBridge(bridgeId);
      for (let i = 0; ; i++) {
        try {
          await line.pbx.driver.addToBridge(bridgeId, line.channelId);
          break;
        } catch (err) {
          // The answer is reported a moment before the channel is ours to bridge.
          if (i >= 20) throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      line.bridgeId = bridgeId;
      await updateAgentRow(this.db, line.agentId, { bridgeId });
      this.ready(line);
    } catch (err) {
      logger.warn({ agent: line.name, err: err instanceof Error ? err.message : String(err) }, "cannot hold the agent's phone in a bridge");
      line.pbx.driver.hangup(line.channelId).catch(() => {});
    }
  }

  private logout(line: AgentLine) {
    line.after = null;
    line.pbx.driver.hangup(line.channelId).catch(() => this.drop(line));
  }

  /** The agent's phone is gone: logged out, and the customer on the line (if any) is not lost silently. */
  private drop(line: AgentLine) {
    if (!this.lines.has(line.agentId)) return;
    this.lines.delete(line.agentId);
    this.byChannel.delete(line.channelId);
    if (line.wrapTimer) clearTimeout(line.wrapTimer);
    const call = line.call;
    line.call = null;
    if (line.bridgeId) line.pbx.driver.destroyBridge(line.bridgeId).catch(() => {});
    this.setState(line, "logged_out", { owner: null, channelId: null, bridgeId: null, pbxKey: null, currentAttemptId: null, campaignId: null });
    if (call) this.hooks.onAgentLost(line, call);
  }

  private setState(line: AgentLine, state: AgentState, extra: Partial<Agent> = {}, ready = false) {
    line.state = state;
    line.since = Date.now();
    // Only a ready agent is shown a lead; the dialer gives back the one it leaves.
    if (state !== "available") line.preview = null;
    const now = new Date(line.since);
    this.write(line, { state, stateSince: now, ...(ready ? { readySince: now } : {}), ...extra }, { state, campaignId: line.campaignId, at: now, reason: line.breakReason });
    this.announce(line);
  }

  /** The agent's row, and with a state change the stretch it starts (the reports' talk, wrap-up and idle time). */
  private write(line: AgentLine, set: Partial<Agent>, change?: { state: AgentState; campaignId: number | null; at: Date; reason: PauseReason }) {
    line.writes = line.writes
      .then(async () => {
        await updateAgentRow(this.db, line.agentId, set);
        if (change) await recordAgentState(this.db, line.agentId, change.campaignId, change.state, change.at, change.reason);
      })
      .catch((err) => logger.warn({ err, agent: line.name }, "agent state write failed"));
  }

  private announce(line: AgentLine) {
    const state = line.state;
    const call = line.call;
    publish({
      type: "agent.update",
      agentId: line.agentId,
      name: line.name,
      campaignId: state === "logged_out" ? null : line.campaignId,
      status: STATUS[state],
      reason: state === "on_break" ? line.breakReason : null,
      call: call ? { uuid: call.attempt.channelId, leadId: call.attempt.leadId, number: call.attempt.phoneNumber, data: call.lead?.data ?? null } : null,
      preview: line.preview,
      ts: Date.now(),
    });
  }

  /** On shutdown: the phones stay up (the next start finds them gone or adopts nothing); rows are released. */
  async close(): Promise<void> {
    const writes = [...this.lines.values()].map((l) => l.writes);
    await Promise.all(writes);
    for (const line of [...this.lines.values()]) {
      line.pbx.driver.hangup(line.channelId).catch(() => {});
      this.lines.delete(line.agentId);
      await updateAgentRow(this.db, line.agentId, { state: "logged_out", owner: null, channelId: null, bridgeId: null, pbxKey: null, currentAttemptId: null, campaignId: null }).catch(() => {});
      await recordAgentState(this.db, line.agentId, null, "logged_out", new Date()).catch(() => {});
    }
  }
}
