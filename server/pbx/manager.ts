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

/** How to reach one PBX: what the drivers need, passwords in clear (in memory only). */
export type PbxConnectionConfig =
  | { kind: "asterisk"; url: string; username: string; password: string; app: string }
  | { kind: "freeswitch"; host: string; port: number; password: string };

export function createDriver(config: PbxConnectionConfig): PbxDriver {
  return config.kind === "asterisk"
    ? new AriDriver({ url: config.url, username: config.username, password: config.password, app: config.app })
    : new EslDriver({ host: config.host, port: config.port, password: config.password });
}

export function connectionConfigOf(row: PbxServer): PbxConnectionConfig {
  const password = unseal(row.passwordEnc);
  return row.kind === "asterisk"
    ? { kind: "asterisk", url: row.ariUrl ?? "", username: row.ariUsername ?? "", password, app: row.ariApp || "pacer" }
    : { kind: "freeswitch", host: row.eslHost ?? "127.0.0.1", port: row.eslPort ?? 8021, password };
}

/** Tries a connection without keeping it: for the settings page's "Test connection". */
export async function testConnection(config: PbxConnectionConfig, timeoutMs = 5000): Promise<{ ok: boolean; rtt_ms: number | null; error: string | null }> {
  const driver = createDriver(config);
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

type Managed = { id: number | null; name: string; kind: "asterisk" | "freeswitch"; builtin: boolean; driver: PbxDriver; configKey: string };

/**
 * Keeps one driver per enabled PBX server (from the database), reconnecting as the drivers do.
 * With no server configured it runs the built-in simulator on loopback and connects to it over
 * real ARI, so a fresh install shows live calls.
 */
export class PbxManager {
  private readonly managed = new Map<string, Managed>();
  private simulator: RunningSimulator | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { simulator: boolean; simAriPort: number; simEslPort: number },
  ) {}

  async start(): Promise<void> {
    await this.reload();
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
    for (const row of rows) {
      try {
        wanted.set(`db:${row.id}`, { row, config: connectionConfigOf(row) });
      } catch (err) {
        logger.error({ pbx: row.name, err }, "cannot read the PBX password (was AUTH_SECRET changed?); re-enter it in settings");
      }
    }
    // Any configured server, even a disabled one, means telephony is the admin's: no simulator then.
    if (allRows.length === 0 && this.opts.simulator) {
      this.simulator ??= await this.startSimulator();
      wanted.set("sim", { row: null, config: { kind: "asterisk", url: this.simulator.ariUrl, username: this.simulator.username, password: this.simulator.password, app: "pacer" } });
    }

    for (const [key, m] of this.managed) {
      const w = wanted.get(key);
      if (!w || JSON.stringify(w.config) !== m.configKey) {
        this.managed.delete(key);
        await m.driver.close();
      }
    }
    const connecting: Promise<void>[] = [];
    for (const [key, w] of wanted) {
      if (this.managed.has(key)) continue;
      const driver = createDriver(w.config);
      const m: Managed = {
        id: w.row?.id ?? null,
        name: w.row?.name ?? "Built-in simulator",
        kind: w.config.kind,
        builtin: !w.row,
        driver,
        configKey: JSON.stringify(w.config),
      };
      driver.on("disconnected", (reason: string) => logger.warn({ pbx: m.name, reason }, "PBX connection lost"));
      driver.on("reconnected", () => logger.info({ pbx: m.name }, "PBX connection restored"));
      this.managed.set(key, m);
      connecting.push(
        driver.connect().catch((err) => logger.warn({ pbx: m.name, err: err instanceof Error ? err.message : String(err) }, "PBX not reachable yet; retrying")),
      );
    }
    // Give new connections a moment, so status right after start-up or a change is already true;
    // an unreachable PBX does not hold anything up (its driver keeps retrying).
    await Promise.race([Promise.all(connecting), new Promise((r) => setTimeout(r, CONNECT_GRACE_MS).unref())]);
    if (this.simulator && !wanted.has("sim")) {
      await this.simulator.close();
      this.simulator = null;
    }
  }

  health(): PbxHealth[] {
    return [...this.managed.values()].map((m) => ({ id: m.id, name: m.name, kind: m.kind, builtin: m.builtin, ...m.driver.health() }));
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
    try {
      return await startSimulator({ ariPort: this.opts.simAriPort, eslPort: this.opts.simEslPort });
    } catch (err) {
      if ((err as { code?: string }).code !== "EADDRINUSE") throw err;
      const sim = await startSimulator({ ariPort: 0, eslPort: 0 });
      logger.warn({ ari: sim.ariUrl, esl: sim.eslPort }, "simulator ports in use; the built-in simulator listens on free ports instead");
      return sim;
    }
  }

  simulatorAddress(): { ariUrl: string; eslPort: number } | null {
    return this.simulator ? { ariUrl: this.simulator.ariUrl, eslPort: this.simulator.eslPort } : null;
  }

  async stop(): Promise<void> {
    for (const m of this.managed.values()) await m.driver.close();
    this.managed.clear();
    await this.simulator?.close();
    this.simulator = null;
  }
}
