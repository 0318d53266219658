import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import postgres from "postgres";
import { Server } from "socket.io";
import { ensureBuild } from "../scripts/build-state";
import { startSimulator, type RunningSimulator } from "../server/pbx/sim/simulator";
import { freePort } from "../tests/support/server-process";
import { nextAuthSignIn } from "../tests/support/sign-in";
import type { SocketAuth } from "../tests/support/socket";
import { createScratchDatabase } from "../tests/support/test-database";
import type { ClientSpec, FromClients, ToClients } from "./realtime-clients";
import { api, startPacer, zoneWithLocalHour, type PacerProcess } from "./pacer-process";

/**
 * `npm run bench:realtime`: Socket.IO fan-out to dashboards. 200 clients (BENCH_CLIENTS) connect
 * the way dashboards do (three in four with a browser's session cookie, one in four with an API
 * token) to (a) one Pacer process and (b) two Pacer processes sharing PostgreSQL through the
 * Socket.IO Postgres adapter, clients split across both. For BENCH_SECONDS (30) the bench changes
 * campaigns through the API (BENCH_PATCH_RATE a second, alternating between the processes: every
 * change makes one `campaign.update`) while a campaign dials the simulator (its `call.update`s).
 * Latency is the client's receive time minus the event's own `ts` (stamped by the server when it
 * publishes; one clock, one machine). Every client must get every event: the changes are counted
 * from the API's replies, the calls' events from the union of what all clients heard.
 *
 * Baseline, in the same run: the same fan-out (same clients, same event rates) from a bare
 * Socket.IO server in this process, and from two bare servers sharing PostgreSQL through the same
 * adapter. Target (issue 14): event → client p95 ≤ 250 ms, nothing dropped.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PATCH_RATE = Number(process.env.BENCH_PATCH_RATE ?? 10);
/** Lines the dialing campaign keeps busy: its calls' events are most of the traffic. */
const DIAL_LINES = Number(process.env.BENCH_DIAL_LINES ?? 20);
/** After the window: time for the last events to arrive before counting. */
const DRAIN_MS = 3000;
/** Before the window: the first requests load Next's routes, the dialer gets going. */
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 5000);
const TARGET_P95_MS = 250;
/** Setups to run: 1 (one process), 2 (two sharing PostgreSQL), or both ("1,2"). */
const PROCESSES = (process.env.BENCH_PROCESSES ?? "1,2").split(",").map(Number);
const ROOT = path.resolve(__dirname, "..");
const BASE_DB = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_PREFIX = process.env.BENCH_DB_PREFIX ?? "pacer_h_rt_bench";
const ADMIN_PASSWORD = "bench-admin-password";
const AUTH_SECRET = "bench-realtime-auth-secret-0123456789abcdef";


const scratchDb = (tag: string) => createScratchDatabase(BASE_DB, `${DB_PREFIX}_${tag}`);

// ---------------------------------------------------------------- clients and what they hear

/** Client processes (BENCH_CLIENT_PROCS, 2): the clients' decoding runs beside the servers, not in their event loop. */
const CLIENT_PROCS = Number(process.env.BENCH_CLIENT_PROCS ?? 2);

type ClientProc = { child: ChildProcess; ask: (m: ToClients) => Promise<FromClients> };

function clientProc(): ClientProc {
  const child = fork(path.join(__dirname, "realtime-clients.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let exited: string | null = null;
  // "close", not "exit": it comes after the IPC channel is drained, so a last reply is not lost.
  child.once("close", (code, signal) => (exited = `the client process exited (${signal ?? code})`));
  // A question to a process that is gone (or goes while it is asked) fails instead of waiting forever.
  const ask = (m: ToClients) =>
    new Promise<FromClients>((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const onExit = () => reject(new Error(`${exited ?? "the client process exited"} while asked to ${m.type}`));
      child.once("close", onExit);
      child.once("message", (reply: FromClients) => {
        child.off("close", onExit);
        if (reply.type === "error") reject(new Error(reply.message));
        else resolve(reply);
      });
      child.send(m);
    });
  return { child, ask };
}

/** Connects CLIENTS clients, client i to server i mod servers, spread over the client processes. */
async function connectClients(urls: string[], auth: (i: number) => SocketAuth): Promise<ClientProc[]> {
  const procs = Array.from({ length: CLIENT_PROCS }, clientProc);
  const specs: ClientSpec[][] = procs.map(() => []);
  for (let i = 0; i < CLIENTS; i++) specs[i % CLIENT_PROCS].push({ index: i, url: urls[i % urls.length], auth: auth(i) });
  await Promise.all(procs.map((p, k) => p.ask({ type: "connect", clients: specs[k] })));
  return procs;
}

/** Waits until no client has heard anything new for 2 s (DRAIN_MS at least, 60 s at most): late is not lost. */
async function drain(procs: ClientProc[]) {
  const started = Date.now();
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const n = (await Promise.all(procs.map((p) => p.ask({ type: "count" })))).reduce((sum, r) => sum + (r.type === "count" ? r.n : 0), 0);
    if (n !== last) [last, stableSince] = [n, Date.now()];
    const elapsed = Date.now() - started;
    if ((elapsed >= DRAIN_MS && Date.now() - stableSince >= 2000) || elapsed > 60_000) return;
  }
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
function latency(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.length ? s[s.length - 1] : NaN };
}

type Producer = {
  /** Makes one campaign change through server `server`; resolves once it is made. */
  change: (server: number) => Promise<void>;
  /** Campaign id → the server whose changes it carries (undefined: not one of the bench's). */
  changeSource: (campaignId: number) => number | undefined;
  /** Starts the call traffic (a dialing campaign, or the baseline's emulation of one). */
  startCalls: () => Promise<void>;
  stopCalls: () => Promise<void>;
  rss: () => number[];
};

type SetupResult = {
  setup: string;
  servers: number;
  clients: number;
  seconds: number;
  changesMade: number;
  changeEventsExpected: number;
  changeEventsReceived: number;
  callEventsSeen: number;
  callEventsExpected: number;
  callEventsReceived: number;
  dropped: number;
  duplicates: number;
  clientsMissingEvents: number;
  /** How long the last events took to arrive after the window (waited for until 2 s passed with none). */
  drainMs: number;
  changeLatencyMs: ReturnType<typeof latency>;
  changeLatencyLocalMs?: ReturnType<typeof latency>;
  changeLatencyRemoteMs?: ReturnType<typeof latency>;
  callLatencyMs: ReturnType<typeof latency>;
  /** A call's Hangup carries the time the switch hung up, not the time Pacer published it. */
  callLatencyByStateMs: Record<string, ReturnType<typeof latency>>;
  allLatencyMs: ReturnType<typeof latency>;
  eventsPerSecondPerClient: number;
  serverRssMb: { start: number[]; peak: number[]; end: number[] };
};

/** One measured window: clients connected, changes at PATCH_RATE and the call traffic, then the counts. */
async function measure(setup: string, urls: string[], auth: (i: number) => SocketAuth, producer: Producer): Promise<SetupResult> {
  const procs = await connectClients(urls, auth);
  const rssStart = producer.rss();
  const rssPeak = [...rssStart];
  const sampler = setInterval(() => producer.rss().forEach((v, i) => (rssPeak[i] = Math.max(rssPeak[i], v))), 1000);

  // Warm-up, not measured: the first requests load Next's routes, the dialer gets going.
  await producer.startCalls();
  const warmUntil = Date.now() + WARMUP_MS;
  for (let k = 0; Date.now() < warmUntil; k++) {
    await producer.change(k % urls.length);
    await new Promise((r) => setTimeout(r, 1000 / PATCH_RATE));
  }
  const windowStart = Date.now();
  let made = 0;
  let failed = 0;
  const pending: Promise<void>[] = [];
  for (let k = 0; Date.now() - windowStart < SECONDS * 1000; k++) {
    const due = windowStart + (k * 1000) / PATCH_RATE;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(producer.change(k % urls.length).then(() => void (made += 1), () => void (failed += 1)));
  }
  await Promise.all(pending);
  const windowEnd = Date.now();
  await producer.stopCalls();
  const drainStarted = Date.now();
  await drain(procs);
  const drainMs = Date.now() - drainStarted;
  clearInterval(sampler);
  const rssEnd = producer.rss();
  if (failed) console.log(`  ${setup}: ${failed} changes refused`);
  const heard = (await Promise.all(procs.map((p) => p.ask({ type: "collect" })))).flatMap((r) => (r.type === "heard" ? r.heard : []));

  // Only events produced inside the window count; the calls' expected events are what any client heard.
  const counted = heard.filter(([, , , ts]) => ts >= windowStart && ts <= windowEnd);
  const perClient = Array.from({ length: CLIENTS }, () => ({ changes: new Map<string, number>(), calls: new Map<string, number>() }));
  const local: number[] = [];
  const remote: number[] = [];
  const calls: number[] = [];
  const byState = new Map<string, number[]>();
  const callUnion = new Set<string>();
  for (const [client, kind, key, ts, at, what] of counted) {
    const mine = kind === "c" ? perClient[client].changes : perClient[client].calls;
    mine.set(key, (mine.get(key) ?? 0) + 1);
    if (kind === "k") {
      callUnion.add(key);
      calls.push(at - ts);
      byState.set(String(what), [...(byState.get(String(what)) ?? []), at - ts]);
      continue;
    }
    const source = producer.changeSource(Number(what));
    if (source === undefined) continue;
    (source === client % urls.length ? local : remote).push(at - ts);
  }
  let duplicates = 0;
  let dropped = 0;
  let missing = 0;
  let changeReceived = 0;
  let callReceived = 0;
  for (const c of perClient) {
    for (const n of [...c.changes.values(), ...c.calls.values()]) duplicates += n - 1;
    changeReceived += c.changes.size;
    callReceived += c.calls.size;
    const lost = made - c.changes.size + (callUnion.size - c.calls.size);
    dropped += lost;
    if (lost > 0) missing += 1;
  }
  return {
    setup,
    servers: urls.length,
    clients: CLIENTS,
    seconds: Math.round((windowEnd - windowStart) / 100) / 10,
    changesMade: made,
    changeEventsExpected: made * CLIENTS,
    changeEventsReceived: changeReceived,
    callEventsSeen: callUnion.size,
    callEventsExpected: callUnion.size * CLIENTS,
    callEventsReceived: callReceived,
    dropped,
    duplicates,
    clientsMissingEvents: missing,
    drainMs,
    changeLatencyMs: latency([...local, ...remote]),
    ...(urls.length > 1 ? { changeLatencyLocalMs: latency(local), changeLatencyRemoteMs: latency(remote) } : {}),
    callLatencyMs: latency(calls),
    callLatencyByStateMs: Object.fromEntries([...byState].map(([state, v]) => [state, latency(v)])),
    allLatencyMs: latency([...local, ...remote, ...calls]),
    eventsPerSecondPerClient: Math.round(((made + callUnion.size) / ((windowEnd - windowStart) / 1000)) * 10) / 10,
    serverRssMb: { start: rssStart.map(Math.round), peak: rssPeak.map(Math.round), end: rssEnd.map(Math.round) },
  };
}

// ---------------------------------------------------------------- Pacer

async function pacerSetup(processes: number, sim: RunningSimulator): Promise<SetupResult> {
  const db = await scratchDb(`p${processes}`);
  const dataDirs: string[] = [];
  const pacers: PacerProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-bench-realtime-"));
      dataDirs.push(dataDir);
      // One after the other: the first migrates the database and creates the admin.
      pacers.push(
        await startPacer({
          DATA_DIR: dataDir,
          DATABASE_URL: db.url,
          AUTH_SECRET,
          ADMIN_PASSWORD,
          DEMO_DATA: "false",
          PBX_SIMULATOR: "false",
          ARI_URL: sim.ariUrl,
          ARI_USERNAME: sim.username,
          ARI_PASSWORD: sim.password,
        }),
      );
    }
    const urls = pacers.map((p) => p.url);
    const cookie = await nextAuthSignIn(urls[0], "admin", ADMIN_PASSWORD);
    if (!cookie) throw new Error("admin sign-in refused");
    const calls = urls.map((u) => api(u, cookie));
    const token = (await calls[0]<{ token: string }>("POST", "/tokens", { name: "bench realtime" })).token;
    const base = { trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100", timezone: zoneWithLocalHour(10, 18) };
    // One campaign changed through each process, so a client knows where an event was produced.
    const changed: number[] = [];
    for (let i = 0; i < processes; i++) changed.push((await calls[i]<{ id: number }>("POST", "/campaigns", { ...base, name: `Bench changes ${i}` })).id);
    // The dialing campaign: agentless, DIAL_LINES lines, more numbers than the window can call.
    const dialing = (await calls[0]<{ id: number }>("POST", "/campaigns", { ...base, name: "Bench dialing", concurrent_calls: DIAL_LINES })).id;
    const numbers = Math.max(2000, DIAL_LINES * SECONDS * 10);
    for (let i = 0; i < numbers; i += 5000) {
      const chunk = Array.from({ length: Math.min(5000, numbers - i) }, (_, k) => ({ phone_number: `1557${String(1_000_000 + i + k)}` }));
      await calls[0]("POST", `/campaigns/${dialing}/numbers/bulk`, { numbers: chunk });
    }
    let n = 0;
    const producer: Producer = {
      change: (server) => calls[server]("PUT", `/campaigns/${changed[server]}`, { description: `change ${n++}` }).then(() => undefined),
      changeSource: (id) => {
        const i = changed.indexOf(id);
        return i < 0 ? undefined : i;
      },
      startCalls: () => calls[0]("POST", `/campaigns/${dialing}/start`).then(() => undefined),
      stopCalls: () => calls[0]("POST", `/campaigns/${dialing}/stop`).then(() => undefined),
      rss: () => pacers.map((p) => p.rssMb()),
    };
    const setup = processes === 1 ? "Pacer, 1 process" : `Pacer, ${processes} processes (Postgres adapter)`;
    return await measure(setup, urls, (i) => (i % 4 === 3 ? { token } : { cookie }), producer);
  } finally {
    for (const p of pacers) await p.stop();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    await db.drop();
  }
}

// ---------------------------------------------------------------- bare Socket.IO baseline

/**
 * Bare Socket.IO servers in this process: every client joins one room, an event goes to the room
 * (as Pacer's go to its supervisors' room). Changes are emitted when asked; call events at
 * `callsPerSecond`, the rate the same Pacer setup produced.
 */
async function bareSetup(servers: number, callsPerSecond: number): Promise<SetupResult> {
  const db = servers > 1 ? await scratchDb("bare") : undefined;
  const pools: pg.Pool[] = [];
  const ios: Server[] = [];
  const https: HttpServer[] = [];
  let callTimer: NodeJS.Timeout | undefined;
  try {
    if (db) {
      const p = postgres(db.url, { max: 1, onnotice: () => {} });
      await p.unsafe(`create table socket_io_attachments (id bigserial primary key, created_at timestamptz default now(), payload bytea)`);
      await p.end();
    }
    const urls: string[] = [];
    for (let i = 0; i < servers; i++) {
      const http = createServer();
      const io = new Server(http, { path: "/socket.io", serveClient: false });
      if (db) {
        const pool = new pg.Pool({ connectionString: db.url, max: 2 });
        pools.push(pool);
        io.adapter(createAdapter(pool, { tableName: "socket_io_attachments" }));
      }
      io.on("connection", (s) => s.join("supervisors"));
      const port = await freePort();
      await new Promise<void>((r) => http.listen(port, "127.0.0.1", r));
      https.push(http);
      ios.push(io);
      urls.push(`http://127.0.0.1:${port}`);
    }
    let n = 0;
    let uuid = 0;
    const producer: Producer = {
      change: async (server) => {
        ios[server].to("supervisors").emit("campaign.update", { type: "campaign.update", campaign_id: 1 + server, status: "stopped", change: "updated", ts: new Date().toISOString(), n: n++ });
      },
      changeSource: (id) => (id >= 1 && id <= servers ? id - 1 : undefined),
      startCalls: async () => {
        let owed = 0;
        let last = Date.now();
        callTimer = setInterval(() => {
          const now = Date.now();
          owed += ((now - last) / 1000) * callsPerSecond;
          last = now;
          for (; owed >= 1; owed -= 1) {
            const ev = { type: "call.update", uuid: `bare-${uuid++}`, ts: Date.now(), campaignId: 3, leadId: uuid, number: "15571000000", state: "Ringing", sip: null, amd: null, agentId: null, billsec: 0 };
            ios[uuid % servers].to("supervisors").emit("call.update", ev);
          }
        }, 10);
      },
      stopCalls: async () => clearInterval(callTimer),
      rss: () => ios.map(() => process.memoryUsage().rss / 1024 / 1024),
    };
    const setup = servers === 1 ? "bare Socket.IO, 1 server" : `bare Socket.IO, ${servers} servers (Postgres adapter)`;
    return await measure(setup, urls, () => ({}), producer);
  } finally {
    clearInterval(callTimer);
    for (const io of ios) await new Promise<void>((r) => io.close(() => r()));
    for (const p of pools) await p.end().catch(() => {});
    await db?.drop();
  }
}

// ---------------------------------------------------------------- main

const fmt = (l: ReturnType<typeof latency>) => `p50 ${l.p50} / p95 ${l.p95} / p99 ${l.p99} ms`;

async function main() {
  ensureBuild((l) => console.log(l));
  const sim = await startSimulator({ ariPort: 0, eslPort: 0, timeScale: Number(process.env.BENCH_SIM_TIME_SCALE ?? 0.25), seed: 14 });
  console.log(`${CLIENTS} clients, ${SECONDS} s per setup, ${PATCH_RATE} campaign changes/s, a campaign dialing ${DIAL_LINES} lines (simulator time ×${sim.engine.timeScale}). Shared machine: figures are noisy.`);
  const results: SetupResult[] = [];
  try {
    for (const processes of PROCESSES) {
      const pacer = await pacerSetup(processes, sim);
      sim.engine.reset();
      sim.engine.callLog.length = 0;
      const callRate = pacer.callEventsSeen / pacer.seconds;
      const bare = await bareSetup(processes, callRate);
      results.push(bare, pacer);
      console.log(`  ${pacer.setup}: ${fmt(pacer.allLatencyMs)}, dropped ${pacer.dropped}; ${bare.setup}: ${fmt(bare.allLatencyMs)}, dropped ${bare.dropped}`);
    }
  } finally {
    await sim.close();
  }

  console.log("");
  console.table(
    results.map((r) => ({
      setup: r.setup,
      "events/s/client": r.eventsPerSecondPerClient,
      "expected": r.changeEventsExpected + r.callEventsExpected,
      "received": r.changeEventsReceived + r.callEventsReceived,
      dropped: r.dropped,
      dup: r.duplicates,
      "p50 ms": r.allLatencyMs.p50,
      "p95 ms": r.allLatencyMs.p95,
      "p99 ms": r.allLatencyMs.p99,
      "change p95": r.changeLatencyMs.p95,
      "remote p95": r.changeLatencyRemoteMs?.p95 ?? "",
      "call p95": r.callLatencyMs.p95,
      "server RSS MB (peak)": r.serverRssMb.peak.join(" + "),
    })),
  );
  const ratios = PROCESSES.map((servers) => {
    const pacer = results.find((r) => r.servers === servers && r.setup.startsWith("Pacer"))!;
    const bare = results.find((r) => r.servers === servers && r.setup.startsWith("bare"))!;
    const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1)) * 100) / 100;
    const out = { setup: pacer.setup, p50Ratio: ratio(pacer.allLatencyMs.p50, bare.allLatencyMs.p50), p95Ratio: ratio(pacer.allLatencyMs.p95, bare.allLatencyMs.p95), p99Ratio: ratio(pacer.allLatencyMs.p99, bare.allLatencyMs.p99) };
    const pass = pacer.allLatencyMs.p95 <= TARGET_P95_MS && pacer.dropped === 0;
    console.log(`${pacer.setup}: p95 ${pacer.allLatencyMs.p95} ms (target ≤ ${TARGET_P95_MS}), dropped ${pacer.dropped} → ${pass ? "PASS" : "MISS"}; × bare: p50 ${out.p50Ratio}, p95 ${out.p95Ratio}, p99 ${out.p99Ratio}`);
    return { ...out, pass };
  });
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  const file = process.env.BENCH_OUT ?? path.join(ROOT, "bench/results/realtime.json");
  writeFileSync(file, JSON.stringify({ clients: CLIENTS, seconds: SECONDS, changesPerSecond: PATCH_RATE, dialLines: DIAL_LINES, targetP95Ms: TARGET_P95_MS, results, ratios, at: new Date().toISOString() }, null, 2) + "\n");
  console.log(`Written ${path.relative(ROOT, file)}`);
  if (ratios.some((r) => !r.pass)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
