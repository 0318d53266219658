import postgres from "postgres";
import type { Db } from "@/db/client";
import type { PbxServer } from "@/db/schema";
import { unseal } from "../auth/secret-box";
import { logger } from "../logger";
import type { LiveChannel } from "../runtime/registry";
import { AriDriver } from "./ari/ari-driver";
import type { HealthStatus, LiveChannelInfo, PbxDriver } from "./driver";
import { EslDriver } from "./esl/esl-driver";
import { listPbxServerRows } from "./queries";
import { startSimulator, type RunningSimulator } from "./sim/simulator";
import type { HandleTime } from "./sim/talking-phones";

/** How to reach one PBX: what the drivers need, passwords in clear (in memory only). */
export type PbxConnectionConfig =
  | { kind: "asterisk"; url: string; username: string; password: string; app: string }
  | { kind: "freeswitch"; host: string; port: number; password: string; recordingDir?: string };

/** `label` names the PBX in the log; `retry: false` makes a one-shot connection (no retries, nothing logged). */
export function createDriver(config: PbxConnectionConfig, link: { label?: string; retry?: boolean } = {}): PbxDriver {
  return config.kind === "asterisk"
    ? new AriDriver({ url: config.url, username: config.username, password: config.password, app: config.app, ...link })
    : new EslDriver({ host: config.host, port: config.port, password: config.password, recordingDir: config.recordingDir, ...link });
}

export function connectionConfigOf(row: PbxServer): PbxConnectionConfig {
  const password = unseal(row.passwordEnc);
  return row.kind === "asterisk"
    ? { kind: "asterisk", url: row.ariUrl ?? "", username: row.ariUsername ?? "", password, app: row.ariApp || "pacer" }
    : { kind: "freeswitch", host: row.eslHost ?? "127.0.0.1", port: row.eslPort ?? 8021, password, ...(row.recordingPath ? { recordingDir: row.recordingPath } : {}) };
}

/** Tries a connection without keeping it: for the settings page's "Test connection". */
export async function testConnection(config: PbxConnectionConfig, timeoutMs = 5000): Promise<{ ok: boolean; rtt_ms: number | null; error: string | null }> {
  const driver = createDriver(config, { retry: false });
  driver.on("error", () => {});
  try {
    await Promise.race([
      driver.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs).unref()),
    ]);
    return { ok: true, rtt_ms: driver.health().rttMs, error: null };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const seen = driver.health().lastError;
    return { ok: false, rtt_ms: null, error: seen && !reason.includes(seen) ? `${reason} (${seen})` : reason };
  } finally {
    await driver.close();
  }
}

export type PbxHealth = { id: number | null; name: string; kind: "asterisk" | "freeswitch"; builtin: boolean } & HealthStatus;

const CONNECT_GRACE_MS = 3000;
/** How often ownership is rebalanced between Pacer processes sharing one PostgreSQL. */
const BALANCE_INTERVAL_MS = 3000;
/** Advisory-lock namespace for PBX connections (the second key is the server's id). */
const PBX_LOCK_SPACE = 727100;

type Managed = {
  key: string;
  id: number | null;
  name: string;
  kind: "asterisk" | "freeswitch";
  builtin: boolean;
  driver: PbxDriver;
  configKey: string;
  agentDialTemplate: string | null;
  /** Being handed to another process: no new calls; closed once its calls are over. */
  draining: boolean;
};

/** A connected PBX this process may dial through. */
export type DialablePbx = Pick<Managed, "key" | "name" | "kind" | "driver" | "agentDialTemplate" | "draining">;

/**
 * Which PBX connections this process holds. On PostgreSQL several Pacer processes may run: each
 * PBX is held by one of them through a session advisory lock on a connection of its own (the lock
 * goes when the process does, however it dies), and they share the servers out evenly. PGlite is
 * one process by construction, so it holds everything.
 */
class PbxOwnership {
  private readonly sql: postgres.Sql | null;
  readonly held = new Set<number>();

  constructor(databaseUrl: string | undefined) {
    this.sql = databaseUrl ? postgres(databaseUrl, { max: 1, idle_timeout: 0, onnotice: () => {} }) : null;
  }

  get shared(): boolean {
    return this.sql !== null;
  }

  async tryHold(id: number): Promise<boolean> {
    if (!this.sql) return true;
    if (this.held.has(id)) return true;
    const [row] = await this.sql`select pg_try_advisory_lock(${PBX_LOCK_SPACE}, ${id}) as ok`;
    if (row.ok) this.held.add(id);
    return Boolean(row.ok);
  }

  /**
   * Drops the servers whose lock this process no longer has. A session lock lives as long as its
   * database session: a PostgreSQL restart (or a dropped connection) ends the session and frees
   * every lock in it while `held` still lists them, and another process could then take a PBX
   * this one goes on dialing through, each settling the other's calls as orphans. So each
   * rebalance asks the session what it holds and takes a lost lock again; one another process got
   * first is given up (its driver is closed by the caller, the new holder reconciles the calls).
   */
  async confirm(): Promise<void> {
    if (!this.sql || this.held.size === 0) return;
    const rows = await this.sql`
      select objid::int as id from pg_locks
      where locktype = 'advisory' and classid = ${PBX_LOCK_SPACE} and objsubid = 2 and pid = pg_backend_pid() and granted`;
    const still = new Set(rows.map((r) => r.id as number));
    for (const id of [...this.held]) {
      if (still.has(id)) continue;
      this.held.delete(id);
      if (await this.tryHold(id)) logger.warn({ pbx: id }, "PBX lock lost with the database session; taken again");
      else logger.warn({ pbx: id }, "PBX lock lost with the database session and taken by another Pacer process; letting this PBX go");
    }
  }

  async release(id: number): Promise<void> {
    if (!this.sql || !this.held.has(id)) return;
    this.held.delete(id);
    await this.sql`select pg_advisory_unlock(${PBX_LOCK_SPACE}, ${id})`.catch(() => {});
  }

  async close(): Promise<void> {
    this.held.clear();
    await this.sql?.end({ timeout: 2 });
  }
}

/**
 * Keeps one driver per enabled PBX server (from the database), reconnecting as the drivers do.
 * With no server configured it runs the built-in simulator on loopback and connects to it over
 * real ARI, so a fresh install shows live calls.
 */
export class PbxManager {
  private readonly managed = new Map<string, Managed>();
  private simulator: RunningSimulator | null = null;
  private readonly ownership: PbxOwnership;
  private balanceTimer: NodeJS.Timeout | null = null;
  /** Servers another process holds, for the health view. */
  private heldElsewhere: PbxServer[] = [];
  /** How many calls this process has on a PBX (the dialer tells), so a handover waits for them. */
  private callsOn: (key: string) => number = () => 0;
  /** How many Pacer processes share the database (the dialer's heartbeats tell). */
  private processCount: () => Promise<number> = async () => 1;
  /** Built-in simulator phones with a simulated agent on them (the demo's crew), kept across its restarts. */
  private readonly talkingPhones = new Map<string, HandleTime>();

  constructor(
    private readonly db: Db,
    private readonly opts: { simulator: boolean; simAriPort: number; simEslPort: number; simReplies?: Record<string, string[]>; databaseUrl?: string; nodeId?: string },
  ) {
    this.ownership = new PbxOwnership(opts.databaseUrl);
  }

  /** The built-in simulator lives and dies with this process: its key names the process. */
  private get simKey(): string {
    return `sim:${this.opts.nodeId ?? "local"}`;
  }

  async start(): Promise<void> {
    await this.reload();
    if (this.ownership.shared) {
      this.balanceTimer = setInterval(() => void this.reload().catch((err) => logger.warn({ err }, "PBX rebalance failed")), BALANCE_INTERVAL_MS);
      this.balanceTimer.unref();
    }
  }

  /** The dialer plugs in what the manager cannot know by itself. */
  coordinate(hooks: { callsOn: (key: string) => number; processCount: () => Promise<number> }): void {
    this.callsOn = hooks.callsOn;
    this.processCount = hooks.processCount;
  }

  /** Connected PBXs this process holds. */
  dialable(): DialablePbx[] {
    return [...this.managed.values()].filter((m) => m.driver.health().connected);
  }

  /** Every PBX key this process holds, connected or not (for reconciliation). */
  heldKeys(): string[] {
    return [...this.managed.keys()];
  }

  driverFor(key: string): DialablePbx | undefined {
    return this.managed.get(key);
  }

  private reloading: Promise<void> = Promise.resolve();

  /** Re-reads the servers table and brings drivers in line with it; concurrent calls run one after another. */
  reload(): Promise<void> {
    const next = this.reloading.then(() => this.applyServers());
    this.reloading = next.catch(() => {});
    return next;
  }

  private async applyServers(): Promise<void> {
    const allRows = await listPbxServerRows(this.db);
    const rows = allRows.filter((r) => r.enabled);
    const wanted = new Map<string, { row: PbxServer | null; config: PbxConnectionConfig }>();
    for (const row of await this.rowsToHold(rows)) {
      try {
        wanted.set(`db:${row.id}`, { row, config: connectionConfigOf(row) });
      } catch (err) {
        logger.error({ pbx: row.name, err }, "cannot read the PBX password (was AUTH_SECRET changed?); re-enter it in settings");
      }
    }
    // Any configured server, even a disabled one, means telephony is the admin's: no simulator then.
    if (allRows.length === 0 && this.opts.simulator) {
      this.simulator ??= await this.startSimulator();
      wanted.set(this.simKey, { row: null, config: { kind: "asterisk", url: this.simulator.ariUrl, username: this.simulator.username, password: this.simulator.password, app: "pacer" } });
    }

    for (const [key, m] of this.managed) {
      const w = wanted.get(key);
      if (!w || JSON.stringify(w.config) !== m.configKey) {
        this.managed.delete(key);
        await m.driver.close();
        if (m.id !== null && !w) await this.ownership.release(m.id);
      }
    }
    const connecting: Promise<void>[] = [];
    for (const [key, w] of wanted) {
      if (this.managed.has(key)) continue;
      const name = w.row?.name ?? "Built-in simulator";
      const driver = createDriver(w.config, { label: name });
      const m: Managed = {
        key,
        agentDialTemplate: w.row?.agentDialTemplate ?? null,
        draining: false,
        id: w.row?.id ?? null,
        name,
        kind: w.config.kind,
        builtin: !w.row,
        driver,
        configKey: JSON.stringify(w.config),
      };
      this.managed.set(key, m);
      // The driver's connection keeper logs the failure and keeps retrying.
      connecting.push(driver.connect().catch(() => {}));
    }
    // Give new connections a moment, so status right after start-up or a change is already true;
    // an unreachable PBX does not hold anything up (its driver keeps retrying).
    await Promise.race([Promise.all(connecting), new Promise((r) => setTimeout(r, CONNECT_GRACE_MS).unref())]);
    if (this.simulator && !wanted.has(this.simKey)) {
      await this.simulator.close();
      this.simulator = null;
    }
  }

  /**
   * Of the enabled servers, those this process should hold: all of them on PGlite; on PostgreSQL
   * its fair share (servers / live processes, rounded up). Past its share it hands one over:
   * no new calls go out on it, and once its last call is over it is closed and its lock freed
   * for a process with fewer.
   */
  private async rowsToHold(rows: PbxServer[]): Promise<PbxServer[]> {
    if (!this.ownership.shared) return rows;
    await this.ownership.confirm();
    const enabledIds = new Set(rows.map((r) => r.id));
    for (const id of [...this.ownership.held]) if (!enabledIds.has(id)) await this.ownership.release(id);
    const share = Math.ceil(rows.length / Math.max(1, await this.processCount()));
    let held = rows.filter((r) => this.ownership.held.has(r.id)).length;
    for (const row of rows) {
      if (held >= share) break;
      if (!this.ownership.held.has(row.id) && (await this.ownership.tryHold(row.id))) held += 1;
    }
    const holding = rows.filter((r) => this.ownership.held.has(r.id));
    const surplus = holding.length - share;
    const draining = holding.filter((r) => this.managed.get(`db:${r.id}`)?.draining);
    for (const row of holding) {
      if (draining.length >= surplus) break;
      const m = this.managed.get(`db:${row.id}`);
      if (m && !m.draining) {
        m.draining = true;
        draining.push(row);
        logger.info({ pbx: m.name }, "handing this PBX over to another Pacer process once its calls are over");
      }
    }
    for (const row of draining) {
      if (this.callsOn(`db:${row.id}`) === 0) {
        const m = this.managed.get(`db:${row.id}`);
        if (m) {
          this.managed.delete(m.key);
          await m.driver.close();
        }
        await this.ownership.release(row.id);
      }
    }
    this.heldElsewhere = rows.filter((r) => !this.ownership.held.has(r.id));
    return rows.filter((r) => this.ownership.held.has(r.id));
  }

  health(): PbxHealth[] {
    const mine = [...this.managed.values()].map((m) => ({ id: m.id, name: m.name, kind: m.kind, builtin: m.builtin, ...m.driver.health() }));
    const theirs = this.heldElsewhere.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      builtin: false,
      connected: false,
      lastError: "held by another Pacer process",
      rttMs: null,
      since: null,
      state: "down" as const,
      lastUpAt: null,
      lastDownAt: null,
      reconnects: 0,
    }));
    return [...mine, ...theirs];
  }

  /** Any driver connected: what the contract's `asterisk: true` means. */
  connected(): boolean {
    return [...this.managed.values()].some((m) => m.driver.health().connected);
  }

  /** Live channels of every connected PBX, in the contract's monitoring shape. */
  async channels(): Promise<LiveChannel[]> {
    const lists = await Promise.all(
      [...this.managed.values()]
        .filter((m) => m.driver.health().connected)
        .map((m) => m.driver.listChannels().catch((): LiveChannelInfo[] => [])),
    );
    return lists.flat().map((c) => ({
      id: c.id,
      state: c.state,
      caller: { name: c.callerName, number: c.callerNumber },
      connected: { name: c.connectedName, number: c.connectedNumber },
      creationtime: c.createdAt,
    }));
  }

  /** The usual ports, or free ones when something (another Pacer, a real PBX) already has them. */
  private async startSimulator(): Promise<RunningSimulator> {
    let sim: RunningSimulator;
    try {
      sim = await startSimulator({ ariPort: this.opts.simAriPort, eslPort: this.opts.simEslPort });
    } catch (err) {
      if ((err as { code?: string }).code !== "EADDRINUSE") throw err;
      sim = await startSimulator({ ariPort: 0, eslPort: 0 });
      logger.warn({ ari: sim.ariUrl, esl: sim.eslPort }, "simulator ports in use; the built-in simulator listens on free ports instead");
    }
    for (const [extension, handle] of this.talkingPhones) sim.talkingPhones.set(extension, handle);
    // Scripted people (SIM_REPLIES): they answer at once, stay ten minutes, and key their replies after each prompt.
    for (const [number, replies] of Object.entries(this.opts.simReplies ?? {})) {
      sim.engine.sampler.script(number, { kind: "human", ringSec: 2, talkSec: 600, dtmf: [], replies });
    }
    return sim;
  }

  /**
   * Puts a simulated agent who talks for `handle` on the built-in simulator's phone `extension`
   * (null takes it off). False when no built-in simulator runs in this process: then nobody
   * answers for a simulated agent.
   */
  simulateAgentPhone(extension: string, handle: HandleTime | null): boolean {
    if (handle) this.talkingPhones.set(extension, handle);
    else this.talkingPhones.delete(extension);
    this.simulator?.talkingPhones.set(extension, handle);
    return this.simulator !== null;
  }

  /** How to reach the built-in simulator's ARI (to fetch its stored recordings). */
  builtinAri(): { url: string; username: string; password: string } | null {
    return this.simulator ? { url: this.simulator.ariUrl, username: this.simulator.username, password: this.simulator.password } : null;
  }

  simulatorAddress(): { ariUrl: string; eslPort: number } | null {
    return this.simulator ? { ariUrl: this.simulator.ariUrl, eslPort: this.simulator.eslPort } : null;
  }

  async stop(): Promise<void> {
    if (this.balanceTimer) clearInterval(this.balanceTimer);
    this.balanceTimer = null;
    await this.reloading;
    for (const m of this.managed.values()) await m.driver.close();
    await this.ownership.close();
    this.managed.clear();
    await this.simulator?.close();
    this.simulator = null;
  }
}
