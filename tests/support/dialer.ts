import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "@/server/pbx/sim/simulator";
import type { CallFate, OutcomeModel } from "@/server/pbx/sim/outcome-model";
import { client, signIn, type Client } from "./api";
import { startDialerProcess, startServer, type RunningServer } from "./server-process";
import { createScratchDatabase } from "./test-database";

/**
 * A Pacer of its own for dialer tests, dialing through a simulator that runs in the test process:
 * the test reads the simulator's call log (who was really dialled) and can kill Pacer outright.
 */
export type DialerRig = {
  /** The simulator Pacer dials through now (a new one after `restartSimulator`, on the same ports). */
  sim: RunningSimulator;
  databaseUrl: string;
  dataDir: string;
  pacers: RunningServer[];
  /** `driver: "none"`: no PBX given in the environment (a web-only process beside dialers that have them). */
  start(opts?: { driver?: RigDriver; env?: Record<string, string> }): Promise<{ server: RunningServer; api: Client; cookie: string }>;
  /** A dialer alone (`npm run dialer`) on the rig's database, dialing the simulator; PostgreSQL only. */
  startDialer(opts?: { driver?: RigDriver; env?: Record<string, string> }): Promise<RunningServer>;
  /** The PBX goes away (every connection and call with it), and after `downMs` a fresh one listens on the same ports. */
  restartSimulator(downMs: number): Promise<void>;
  /** Every call placed on every simulator the rig ran, in order: the switch's record of who was dialled. */
  callLog(): RunningSimulator["engine"]["callLog"];
  close(): Promise<void>;
};

type RigDriver = "ari" | "esl" | "both" | "none";

const ADMIN_PASSWORD = "rig-admin-password";

/** `postgresUrl`: make the rig's database on this PostgreSQL server rather than DATABASE_URL's. */
export type DialerRigOptions = { timeScale?: number; seed?: number; model?: Partial<OutcomeModel>; postgres?: boolean; postgresUrl?: string };

export async function dialerRig(opts: DialerRigOptions = {}): Promise<DialerRig> {
  const simOptions = { timeScale: opts.timeScale ?? 0.01, seed: opts.seed ?? 7, model: opts.model };
  const sim = await startSimulator({ ariPort: 0, eslPort: 0, ...simOptions });
  const base = opts.postgresUrl ?? (opts.postgres !== false ? process.env.DATABASE_URL : undefined);
  const scratch = base ? await createScratchDatabase(base, "pacer_dialer") : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-dialer-"));
  const pacers: RunningServer[] = [];
  const pastLogs: RunningSimulator["engine"]["callLog"] = [];
  const envFor = (driver: RigDriver, env: Record<string, string>) => ({
    // PGlite is one process's: a second Pacer on it would need its own directory (and database).
    DATA_DIR: scratch ? mkdtempSync(path.join(tmpdir(), "pacer-dialer-node-")) : dataDir,
    AUTH_SECRET: "dialer-rig-auth-secret-0123456789abcdef",
    ADMIN_USERNAME: "admin",
    ADMIN_PASSWORD,
    DATABASE_URL: scratch?.url ?? "",
    DEMO_DATA: "false",
    PBX_SIMULATOR: "false",
    ...(driver === "ari" || driver === "both" ? { ARI_URL: rig.sim.ariUrl, ARI_USERNAME: rig.sim.username, ARI_PASSWORD: rig.sim.password } : {}),
    ...(driver === "esl" || driver === "both" ? { ESL_HOST: "127.0.0.1", ESL_PORT: String(rig.sim.eslPort), ESL_PASSWORD: rig.sim.eslPassword } : {}),
    ...env,
  });
  const rig: DialerRig = {
    sim,
    databaseUrl: scratch?.url ?? "",
    dataDir,
    pacers,
    async start({ driver = "ari", env = {} } = {}) {
      const server = await startServer(envFor(driver, env));
      pacers.push(server);
      const cookie = await signIn("admin", ADMIN_PASSWORD, server.url);
      if (!cookie) throw new Error("rig admin sign-in failed");
      return { server, api: client({ cookie }, "/api", server.url), cookie };
    },
    async startDialer({ driver = "ari", env = {} } = {}) {
      if (!scratch) throw new Error("a dialer process needs PostgreSQL");
      const dialer = await startDialerProcess(envFor(driver, env));
      pacers.push(dialer);
      return dialer;
    },
    async restartSimulator(downMs) {
      const { ariPort, eslPort } = rig.sim;
      pastLogs.push(...rig.sim.engine.callLog);
      await rig.sim.close();
      await new Promise((r) => setTimeout(r, downMs));
      rig.sim = await startSimulator({ ariPort, eslPort, ...simOptions, seed: simOptions.seed + pastLogs.length });
    },
    callLog: () => [...pastLogs, ...rig.sim.engine.callLog],
    async close() {
      for (const p of pacers) await p.stop();
      await rig.sim.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every page of a paginated list. */
export async function allPages<T = any>(api: Client, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<T[]>(`${path}${path.includes("?") ? "&" : "?"}page=${page}&per_page=100`);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.data!);
    if (page >= r.body.pagination.total_pages) return out;
  }
}

/** IANA zones whose local hour now is inside `[from, to)`; calling-hours tests pick their leads' zones with it. */
export function zonesWithLocalHour(from: number, to: number, at = new Date()): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.filter((zone) => {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(at));
    return hour >= from && hour < to;
  });
}

/**
 * A campaign for dialer tests: it dials `PJSIP/<number>@carrier` on the simulator, sends answered
 * calls to extension 100, and its time zone is inside calling hours now.
 */
export const dialerCampaign = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  trunk_type: "pjsip",
  trunk_value: "carrier",
  agent_dest_type: "exten",
  agent_dest_value: "100",
  timezone: zonesWithLocalHour(10, 18)[0],
  ...over,
});

/** A user with the agent role and its agent (a phone at `extension`), signed in on the rig's Pacer. */
export async function agentUser(admin: Client, base: string, name: string, extension: string) {
  const username = `${name.toLowerCase().replace(/\W/g, "")}${Date.now().toString(36)}`;
  const password = `password-${username}`;
  const user = await admin.post("/users", { username, password, email: `${username}@example.com`, role: "agent" });
  if (user.status !== 201) throw new Error(`agent user create failed: ${JSON.stringify(user.body)}`);
  const agent = await admin.post("/agents", { name, extension, user_id: user.body.data.id });
  if (agent.status !== 201) throw new Error(`agent create failed: ${JSON.stringify(agent.body)}`);
  const cookie = await signIn(username, password, base);
  if (!cookie) throw new Error("agent sign-in failed");
  return { id: agent.body.data.id as number, userId: user.body.data.id as number, api: client({ cookie }, "/api", base), cookie };
}

/** Waits until the rig's Pacer (started with `driver: "both"`) has both its PBX connections up. */
export function bothPbxsConnected(api: Client) {
  return waitFor("both PBX connections up", async () => {
    const servers = (await api.get("/pbx")).body.data?.servers ?? [];
    return servers.length === 2 && servers.every((s: { health: { connected: boolean } | null }) => s.health?.connected);
  }, 30_000);
}

/** Waits until two Pacers (each started with `driver: "both"`) share the two PBX connections out, one each. */
export function eachDialerHoldingOnePbx(api: Client) {
  return waitFor("each dialer holding one PBX", async () => {
    const servers = (await api.get("/pbx")).body.data.servers as { health: { connected: boolean; last_error: string | null } | null }[];
    const connected = servers.filter((s) => s.health?.connected).length;
    const elsewhere = servers.filter((s) => s.health?.last_error === "held by another Pacer process").length;
    return connected === 1 && elsewhere === 1;
  }, 60_000, 500);
}

/** A campaign made from `body` with `phones` as its numbers; fails the test when either is refused. */
export async function campaignWithNumbers(api: Client, body: Record<string, unknown>, phones: string[]): Promise<number> {
  const r = await api.post("/campaigns", body);
  if (r.status !== 201) throw new Error(`campaign create failed: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body.data.id as number;
  const added = await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: phones.map((phone_number) => ({ phone_number })) });
  if (added.status !== 201) throw new Error(`numbers add failed: ${added.status} ${JSON.stringify(added.body)}`);
  return id;
}

/** Waits until the campaign has dialed everything and become `completed`. */
export const campaignCompleted = (api: Client, id: number, ms = 90_000) =>
  waitFor(`campaign ${id} completed`, async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", ms, 300);

/** `n` numbers `<head><serial><0000…>`, each given `fate` on the simulator. */
export function scriptedNumbers(sim: RunningSimulator, head: string, n: number, fate: CallFate): string[] {
  const out = Array.from({ length: n }, (_, i) => `${head}${String(i).padStart(4, "0")}`);
  for (const num of out) sim.engine.sampler.script(num, fate);
  return out;
}

/**
 * Numbers unique to each call of the returned function (`1555<serial><0000…>`, serials from `first`),
 * each given its fate on the rig's simulator (read when called: the rig is made in a beforeAll).
 */
export function uniqueNumbers(rig: () => DialerRig, first: number) {
  let serial = first;
  return (n: number, fate: CallFate) => scriptedNumbers(rig().sim, `1555${++serial}`, n, fate);
}

/** The simulator's log of the calls it was asked to place to `phones`. */
export function callLogOf(sim: RunningSimulator, phones: string[]) {
  const set = new Set(phones);
  return sim.engine.callLog.filter((c) => set.has(c.number));
}

/** How many times the simulator (or, given a rig's whole call log, every simulator it ran) was asked to dial each number. */
export function dialCounts(from: RunningSimulator | RunningSimulator["engine"]["callLog"]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of Array.isArray(from) ? from : from.engine.callLog) counts.set(c.number, (counts.get(c.number) ?? 0) + 1);
  return counts;
}
