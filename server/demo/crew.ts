import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type Agent } from "@/db/schema";
import type { RealtimeEvent } from "@/lib/realtime-events";
import { loginAgent, setDisposition } from "../agents/service";
import type { Caller } from "../api/caller";
import { logger } from "../logger";
import type { HandleTime } from "../pbx/sim/talking-phones";
import { runtime } from "../runtime/registry";
import { findDemoRows } from "./queries";

/** How often the crew looks for simulated agents to log (back) in: after a restart, a dropped phone. */
const SWEEP_MS = 3000;

/** The built-in simulator's phones, as the PBX manager offers them. */
export type SimulatedPhones = {
  simulateAgentPhone(extension: string, handle: HandleTime | null): boolean;
  simulatorAddress(): unknown;
};

export type DemoCrewOptions = { agents: number; handle: HandleTime };

/**
 * A random but realistic word on a finished call: mostly not interested, some sales, callbacks
 * (which bring the number back later), a little voicemail and the odd do-not-call request.
 */
export function pickDisposition(r: number, now: Date, r2 = r): { disposition: string; callback_at?: string } {
  if (r < 0.2) return { disposition: "SALE" };
  if (r < 0.35) return { disposition: "CALLBACK", callback_at: new Date(now.getTime() + (10 + Math.floor(r2 * 20)) * 60_000).toISOString() };
  if (r < 0.45) return { disposition: "VOICEMAIL" };
  if (r < 0.47) return { disposition: "DNC" };
  if (r < 0.6) return { disposition: "INFO_SENT" };
  return { disposition: "NOT_INTERESTED" };
}

/**
 * The demo's simulated agents at work. Each one goes through the agents service as a person at
 * the agent console would (log in to the demo campaign, disposition each call), as its own
 * sign-in-less user, so every step is audited and the dialer's agent state machine does the
 * rest: it calls the agent's phone (the built-in simulator answers it and, as a talking phone,
 * ends each conversation after the handle time), connects customers, runs wrap-up and makes the
 * agent ready again.
 */
export class DemoCrew {
  private active = false;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();
  /** Demo agent id → the caller the crew acts as for it. */
  private readonly members = new Map<number, Caller>();
  private readonly lastStatus = new Map<number, string>();
  private warnedNoSimulator = false;
  private readonly listener = (e: RealtimeEvent) => this.onRealtime(e);
  /** Dispositions given (for the log and the tests' wait). */
  dispositions = 0;

  constructor(
    private readonly phones: SimulatedPhones,
    private readonly opts: DemoCrewOptions,
  ) {}

  running(): boolean {
    return this.active;
  }

  /** Simulated agents can work here only beside the built-in simulator. */
  canRun(): boolean {
    return this.phones.simulatorAddress() !== null;
  }

  /** Puts the crew to work when there is a demo (after a restart too); false when there is none. */
  async start(): Promise<boolean> {
    const rows = await findDemoRows(await getDb());
    if (rows.agents.length === 0 || rows.campaigns.length === 0) return false;
    if (!this.active) {
      this.active = true;
      runtime().bus.on("realtime", this.listener);
      this.sweepTimer = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweepTimer.unref();
    }
    this.sweep();
    await this.sweeping;
    return true;
  }

  /** Stops working: no more log-ins or dispositions (the agents' phones are logged out by whoever removes the demo). */
  async halt(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.active = false;
    runtime().bus.off("realtime", this.listener);
    await this.sweeping;
    this.members.clear();
    this.lastStatus.clear();
  }

  private sweep() {
    this.sweeping = this.sweeping.then(() => this.logInIdleAgents()).catch((err) => logger.warn({ err }, "demo crew sweep failed"));
  }

  private async logInIdleAgents() {
    if (!this.active) return;
    const rows = await findDemoRows(await getDb());
    const campaign = rows.campaigns[0];
    if (!campaign) return;
    await this.knowMembers(rows.agents);
    for (const agent of rows.agents) {
      // Nobody but the built-in simulator may answer a demo extension: on a real PBX it could ring a real phone.
      if (!this.phones.simulateAgentPhone(agent.extension, this.opts.handle)) {
        if (!this.warnedNoSimulator) logger.warn({}, "the demo's simulated agents need the built-in PBX simulator; they stay logged out");
        this.warnedNoSimulator = true;
        return;
      }
      if (agent.state !== "logged_out" || agent.owner || agent.requestedState) continue;
      const caller = this.members.get(agent.id);
      if (!caller || !this.active) continue;
      await loginAgent(caller, agent.id, { campaign_id: campaign.id });
    }
  }

  private async knowMembers(agents: Agent[]) {
    const missing = agents.filter((a) => a.userId !== null && !this.members.has(a.id));
    if (missing.length === 0) return;
    const db = await getDb();
    const found = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, missing.map((a) => a.userId!)));
    for (const agent of missing) {
      const user = found.find((u) => u.id === agent.userId);
      if (user) this.members.set(agent.id, { user: { id: user.id, username: user.username, role: "agent" }, method: "system", ip: null, userAgent: "Pacer demo crew" });
    }
  }

  /** A call of a simulated agent ended (on call → wrap-up): it gives its disposition. */
  private onRealtime(e: RealtimeEvent) {
    if (e.type !== "agent.update") return;
    const caller = this.members.get(e.agentId);
    if (!caller) return;
    const before = this.lastStatus.get(e.agentId);
    this.lastStatus.set(e.agentId, e.status);
    if (e.status !== "Wrapup" || before !== "On Call" || !this.active) return;
    const word = pickDisposition(Math.random(), new Date(), Math.random());
    setDisposition(caller, e.agentId, word)
      .then(() => {
        this.dispositions += 1;
      })
      .catch((err) => logger.debug({ err: err instanceof Error ? err.message : String(err), agent: e.name }, "demo disposition not taken"));
  }
}
