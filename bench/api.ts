import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "../scripts/build-state";
import { startServer } from "../tests/support/server-process";
import { nextAuthSignIn } from "../tests/support/sign-in";
import { createScratchDatabase } from "../tests/support/test-database";

/**
 * `npm run bench:api`: a real Pacer (production build, PostgreSQL scratch database from
 * DATABASE_URL, the built-in simulator) with a campaign dialing through it, driven by a mixed
 * read/write load of BENCH_RATE requests/s (200) for BENCH_SECONDS (60) with an API token, after
 * BENCH_WARMUP_SECONDS (15) of the same load that is not measured (routes loaded, JIT warm, pool full).
 *
 * The schedule is open-loop: request i leaves at start + i / rate whether or not the earlier ones
 * have answered, and its latency counts from that planned moment, so a slow server cannot slow the
 * load down and hide its own queueing. The baseline is the same server's cheapest authenticated
 * route (GET /api/tokens: token check and one small select), measured in the same run.
 * BENCH_CPU_PROFILE=<dir> writes the server's V8 CPU profile there (on a clean stop).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const TARGET_P99_MS = 50;
/** Seconds of the same load before the measured window (BENCH_WARMUP_SECONDS). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
/** Where the figures go: a run at another rate or length keeps its own file. */
const RESULT = RATE === 200 && SECONDS === 60 ? "api.json" : `api-${RATE}rps-${SECONDS}s.json`;
const ROOT = path.resolve(__dirname, "..");

type Body = Record<string, unknown>;
type Call = { method: string; path: string; body?: Body; after?: (data: any) => void };
type RouteClass = { name: string; kind: "baseline" | "read" | "write"; weight: number; make: () => Call | undefined };

function client(base: string, auth: { token?: string; cookie?: string }) {
  return async function call<T = any>(method: string, p: string, body?: Body): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {};
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    if (body) headers["Content-Type"] = "application/json";
    const res = await fetch(`${base}/api${p}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const json = (await res.json()) as { data: T };
    return { status: res.status, data: json.data };
  };
}

/** An IANA zone where it is now between 10:00 and 18:00, so the dialing campaign is inside calling hours. */
function zoneInCallingHours(): string {
  return (
    Intl.supportedValuesOf("timeZone").find((zone) => {
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
      return hour >= 10 && hour < 17;
    }) ?? "UTC"
  );
}

/**
 * CPU seconds used so far by the server's processes (tsx and the server under it share a process
 * group): a figure other work on the machine does not inflate, unlike latency. Linux only.
 */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the name: state(0) ppid(1) pgrp(2) … utime(11) stime(12).
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks / 100;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error("bench:api needs DATABASE_URL (a PostgreSQL server; the bench makes and drops a scratch database on it)");
    process.exit(2);
  }
  ensureBuild((l) => console.log(l));
  const scratch = await createScratchDatabase(process.env.DATABASE_URL, "pacer_bench_api");
  const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-bench-api-"));
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: scratch.url,
    ADMIN_USERNAME: "admin",
    ADMIN_PASSWORD: "bench-admin-password",
    DEMO_DATA: "false",
    SIM_ARI_PORT: "0",
    SIM_ESL_PORT: "0",
  }, 120_000, process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : []);
  try {
    const cookie = await nextAuthSignIn(server.url, "admin", "bench-admin-password");
    if (!cookie) throw new Error("admin sign-in failed");
    const admin = client(server.url, { cookie });
    const { data: tok } = await admin("POST", "/tokens", { name: "bench:api" });
    const api = client(server.url, { token: tok.token });

    // What the load reads and writes: a campaign dialing now (on the simulator), one being edited,
    // lists, agents, 20,000 leads and 5,000 do-not-call numbers.
    const t0 = performance.now();
    const campaign = (over: Body) => ({ trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100", ...over });
    const dialing = (await api("POST", "/campaigns", campaign({ name: "Bench dialing", concurrent_calls: 10, timezone: zoneInCallingHours() }))).data;
    const edited = (await api("POST", "/campaigns", campaign({ name: "Bench edited", schedule: { from: "2099-01-01" } }))).data;
    const others = [];
    for (let i = 0; i < 8; i++) others.push((await api("POST", "/campaigns", campaign({ name: `Bench other ${i}`, schedule: { from: "2099-01-01" } }))).data);
    for (const c of [dialing, edited, ...others]) {
      for (let k = 0; k < 2000; k += 1000) {
        const numbers = Array.from({ length: 1000 }, (_, j) => ({ phone_number: `1555${String(c.id).padStart(3, "0")}${String(k + j).padStart(4, "0")}` }));
        const r = await api("POST", `/campaigns/${c.id}/numbers/bulk`, { numbers });
        if (r.status !== 201) throw new Error(`bulk numbers: ${r.status} ${JSON.stringify(r.data)}`);
      }
    }
    const list = (await api("POST", "/lists", { name: "Bench list", campaign_id: edited.id })).data;
    await api("POST", "/dnc/bulk", { numbers: Array.from({ length: 5000 }, (_, j) => ({ phone_number: `1666${String(j).padStart(7, "0")}` })) });
    for (let i = 0; i < 20; i++) await api("POST", "/agents", { name: `Bench agent ${i}`, extension: String(200 + i) });
    const started = await api("POST", `/campaigns/${dialing.id}/start`);
    if (started.status !== 200) throw new Error(`start: ${started.status}`);
    // Let the dialer get going so the call records and stats have rows.
    await new Promise((r) => setTimeout(r, 5000));
    console.log(`Pacer on PostgreSQL, set up in ${Math.round(performance.now() - t0)} ms; ${RATE} requests/s for ${SECONDS} s, open loop`);

    let seq = 0;
    const dncIds: number[] = [];
    const pick = <T>(xs: T[]) => xs[seq % xs.length];
    const campaignIds = [dialing.id, edited.id, ...others.map((c) => c.id)];
    const classes: RouteClass[] = [
      { name: "baseline GET /tokens", kind: "baseline", weight: 10, make: () => ({ method: "GET", path: "/tokens" }) },
      { name: "GET /campaigns", kind: "read", weight: 10, make: () => ({ method: "GET", path: "/campaigns" }) },
      { name: "GET /campaigns/{id}", kind: "read", weight: 10, make: () => ({ method: "GET", path: `/campaigns/${pick(campaignIds)}` }) },
      { name: "GET /campaigns/{id}/stats", kind: "read", weight: 8, make: () => ({ method: "GET", path: `/campaigns/${dialing.id}/stats` }) },
      { name: "GET /campaigns/{id}/numbers", kind: "read", weight: 8, make: () => ({ method: "GET", path: `/campaigns/${pick(campaignIds)}/numbers?per_page=50&page=${1 + (seq % 5)}` }) },
      { name: "GET /lists", kind: "read", weight: 5, make: () => ({ method: "GET", path: "/lists" }) },
      { name: "GET /cdr", kind: "read", weight: 8, make: () => ({ method: "GET", path: `/cdr?per_page=50` }) },
      { name: "GET /reports/summary", kind: "read", weight: 5, make: () => ({ method: "GET", path: `/reports/summary?campaign_id=${dialing.id}` }) },
      { name: "GET /agents", kind: "read", weight: 6, make: () => ({ method: "GET", path: "/agents" }) },
      { name: "GET /monitoring/status", kind: "read", weight: 5, make: () => ({ method: "GET", path: "/monitoring/status" }) },
      { name: "GET /dnc", kind: "read", weight: 4, make: () => ({ method: "GET", path: "/dnc?per_page=50" }) },
      { name: "POST /campaigns/{id}/numbers", kind: "write", weight: 5, make: () => ({ method: "POST", path: `/campaigns/${edited.id}/numbers`, body: { phone_number: `1777${String(seq).padStart(7, "0")}` } }) },
      { name: "POST /lists/{id}/leads", kind: "write", weight: 4, make: () => ({ method: "POST", path: `/lists/${list.id}/leads`, body: { phone_number: `1888${String(seq).padStart(7, "0")}` } }) },
      { name: "PUT /campaigns/{id}", kind: "write", weight: 4, make: () => ({ method: "PUT", path: `/campaigns/${edited.id}`, body: { concurrent_calls: 1 + (seq % 50) } }) },
      { name: "POST /dnc", kind: "write", weight: 4, make: () => ({ method: "POST", path: "/dnc", body: { phone_number: `1999${String(seq).padStart(7, "0")}` }, after: (d) => dncIds.push(d.id) }) },
      { name: "DELETE /dnc/{id}", kind: "write", weight: 4, make: () => (dncIds.length ? { method: "DELETE", path: `/dnc/${dncIds.shift()}` } : undefined) },
    ];
    // A fixed, interleaved order: each class takes its weight in every turn of the wheel.
    const wheel = classes.flatMap((c) => Array.from({ length: c.weight }, (_, i) => ({ c, at: (i + 0.5) / c.weight }))).sort((a, b) => a.at - b.at).map((x) => x.c);

    const samples = new Map<string, number[]>(classes.map((c) => [c.name, []]));
    /** The slowest request planned in each second of the load: when the tail happened. */
    const worstBySecond: number[] = [];
    const errors: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;

    /**
     * The open-loop load for `seconds`: request i leaves at `from` + i / RATE. Only a measured run
     * records latencies and errors; `seqBase` keeps the warm-up's numbers apart from the measured ones.
     */
    async function drive(from: number, seconds: number, seqBase: number, measured: boolean) {
      const pending: Promise<void>[] = [];
      const total = Math.round(RATE * seconds);
      for (let i = 0; i < total; i++) {
        const planned = from + (i * 1000) / RATE;
        const wait = planned - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        seq = seqBase + i;
        const cls = wheel[i % wheel.length];
        // A DELETE with nothing yet to remove reads instead (the first few slots only).
        const made = cls.make();
        const used = made ? cls : classes[0];
        const call = made ?? classes[0].make()!;
        inFlight++;
        if (measured) maxInFlight = Math.max(maxInFlight, inFlight);
        pending.push(
          (async () => {
            try {
              const res = await fetch(`${server.url}/api${call.path}`, {
                method: call.method,
                headers: { Authorization: `Bearer ${tok.token}`, ...(call.body ? { "Content-Type": "application/json" } : {}) },
                body: call.body ? JSON.stringify(call.body) : undefined,
              });
              const text = await res.text();
              const ms = performance.now() - planned;
              if (res.status < 400 && call.after) call.after(JSON.parse(text).data);
              if (!measured) return;
              samples.get(used.name)!.push(ms);
              const second = Math.floor((planned - from) / 1000);
              worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, ms);
              if (res.status >= 400) errors.push(`${call.method} ${call.path}: ${res.status} ${text.slice(0, 160)}`);
            } catch (err) {
              if (measured) errors.push(`${call.method} ${call.path}: ${(err as Error).message}`);
            } finally {
              inFlight--;
            }
          })(),
        );
      }
      await Promise.all(pending);
    }

    // Warm-up, not measured: the same load for WARMUP_SECONDS, so each route's code is loaded into
    // Next's server, the JIT has optimised the hot paths, and the connection pool and the
    // database's caches are full; the figures are the steady state after it.
    await drive(performance.now() + 100, WARMUP_SECONDS, 9_000_000, false);
    console.log(`warm-up: ${WARMUP_SECONDS} s of the same load (not measured)`);
    // The server's own work with no requests (the dialer, the simulator, live updates), per second.
    const idleFrom = groupCpuSeconds(server.child.pid!);
    const idleStart = performance.now();
    await new Promise((r) => setTimeout(r, 5000));
    const idleCpuPerSec = (groupCpuSeconds(server.child.pid!) - idleFrom) / ((performance.now() - idleStart) / 1000);
    const cpuBefore = groupCpuSeconds(server.child.pid!);
    const start = performance.now() + 100;
    await drive(start, SECONDS, 0, true);
    const elapsed = (performance.now() - start) / 1000;
    const serverCpuSeconds = Math.round((groupCpuSeconds(server.child.pid!) - cpuBefore) * 100) / 100;

    const all = [...samples.values()].flat().sort((a, b) => a - b);
    const baselineSorted = [...samples.get(classes[0].name)!].sort((a, b) => a - b);
    const baseP50 = quantile(baselineSorted, 0.5);
    const baseP99 = quantile(baselineSorted, 0.99);
    const perClass = classes.map((c) => {
      const s = [...samples.get(c.name)!].sort((a, b) => a - b);
      const p50 = quantile(s, 0.5);
      const p99 = quantile(s, 0.99);
      return { route: c.name, kind: c.kind, requests: s.length, p50Ms: p50, p99Ms: p99, maxMs: quantile(s, 1), p50RatioToBaseline: Math.round((p50 / Math.max(baseP50, 0.1)) * 10) / 10, p99RatioToBaseline: Math.round((p99 / Math.max(baseP99, 0.1)) * 10) / 10 };
    });
    const byKind = (kind: string) => perClass.filter((c) => c.kind === kind).map((c) => c.route);
    const kindFigures = (kind: string) => {
      const s = byKind(kind).flatMap((r) => samples.get(r)!).sort((a, b) => a - b);
      return { requests: s.length, p50Ms: quantile(s, 0.5), p99Ms: quantile(s, 0.99) };
    };
    const cdr = (await api("GET", `/cdr/stats?campaign_id=${dialing.id}`)).data;
    const result = {
      at: new Date().toISOString(),
      database: "postgres",
      plannedRate: RATE,
      seconds: SECONDS,
      requests: all.length,
      achievedRate: Math.round((all.length / elapsed) * 10) / 10,
      maxInFlight,
      serverCpuSeconds,
      serverIdleCpuPerSecond: Math.round(idleCpuPerSec * 1000) / 1000,
      serverCpuMsPerRequest: Math.round(((serverCpuSeconds * 1000) / Math.max(all.length, 1)) * 100) / 100,
      serverCpuMsPerRequestNetOfIdle: Math.round((Math.max(0, serverCpuSeconds - idleCpuPerSec * elapsed) * 1000 / Math.max(all.length, 1)) * 100) / 100,
      loadAverageAtEnd: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
      errors: errors.length,
      errorSamples: errors.slice(0, 10),
      overall: { p50Ms: quantile(all, 0.5), p99Ms: quantile(all, 0.99), maxMs: quantile(all, 1) },
      reads: kindFigures("read"),
      writes: kindFigures("write"),
      baseline: { route: "GET /api/tokens (token check and one small select)", p50Ms: baseP50, p99Ms: baseP99 },
      targetP99Ms: TARGET_P99_MS,
      p99WithinTarget: quantile(all, 0.99) <= TARGET_P99_MS,
      dialingDuringLoad: { campaign_id: dialing.id, calls: cdr?.total_calls ?? null },
      routes: perClass,
      slowestRequestBySecondMs: worstBySecond.map((ms) => Math.round(ms)),
    };
    console.log(`\n${result.requests} requests in ${elapsed.toFixed(1)} s: ${result.achievedRate}/s achieved (planned ${RATE}/s), at most ${maxInFlight} in flight, ${errors.length} errors`);
    console.log(`  the server's processes used ${serverCpuSeconds} s of CPU: ${result.serverCpuMsPerRequest} ms a request, ${result.serverCpuMsPerRequestNetOfIdle} ms net of its idle ${result.serverIdleCpuPerSecond} CPU-s/s (load average at the end ${result.loadAverageAtEnd} on ${cpus().length} cores)`);
    console.log(`  overall p50 ${result.overall.p50Ms} ms, p99 ${result.overall.p99Ms} ms (target ≤ ${TARGET_P99_MS} ms: ${result.p99WithinTarget ? "met" : "MISSED"})`);
    console.log(`  reads p50 ${result.reads.p50Ms} / p99 ${result.reads.p99Ms} ms; writes p50 ${result.writes.p50Ms} / p99 ${result.writes.p99Ms} ms`);
    console.log(`  baseline ${result.baseline.route}: p50 ${baseP50} ms, p99 ${baseP99} ms`);
    console.log(`  the dialing campaign placed ${result.dialingDuringLoad.calls} calls on the simulator meanwhile`);
    console.log(`  ${"route".padEnd(32)} ${"n".padStart(6)} ${"p50".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)}  ×p50  ×p99`);
    for (const r of perClass) console.log(`  ${r.route.padEnd(32)} ${String(r.requests).padStart(6)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.maxMs).padStart(7)}  ${String(r.p50RatioToBaseline).padStart(4)}  ${String(r.p99RatioToBaseline).padStart(4)}`);
    const slowSeconds = worstBySecond.map((ms, second) => ({ second, ms: Math.round(ms) })).filter((x) => x.ms > TARGET_P99_MS);
    console.log(`  seconds of the load whose slowest request took over ${TARGET_P99_MS} ms: ${slowSeconds.length} of ${SECONDS}${slowSeconds.length ? ` (${slowSeconds.slice(0, 12).map((x) => `${x.second}s: ${x.ms} ms`).join(", ")}${slowSeconds.length > 12 ? ", …" : ""})` : ""}`);
    for (const e of errors.slice(0, 10)) console.log(`  error: ${e}`);
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results", RESULT), JSON.stringify(result, null, 2) + "\n");
    console.log(`\nwrote bench/results/${RESULT}`);
  } finally {
    const code = await server.stop();
    if (code !== 0) console.error(`server exited with ${code}:\n${server.output().slice(-3000)}`);
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
