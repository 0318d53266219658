import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "../scripts/build-state";
import { AriDriver } from "../server/pbx/ari/ari-driver";
import { startSimulator, type RunningSimulator } from "../server/pbx/sim/simulator";
import { nextAuthSignIn } from "../tests/support/sign-in";
import { api, startPacer, zoneWithLocalHour } from "./pacer-process";

/**
 * `npm run bench:dialer`: the dialer end to end — a real Pacer process, its database in the loop
 * (PGlite, or PostgreSQL with DATABASE_URL), dialing through the simulator over ARI. It prints the
 * sustained originates per second while the campaign is in full flow, the dialer tick's p50/p99
 * latency, and the time each campaign takes to reach `completed`, and checks that stats equal a
 * recount of the CDR. Baseline, measured in the same run: the ARI driver originating alone, with no
 * database and no dialer logic; the ratio says what the dialer costs on top of the wire.
 *
 * Goal (issue 4): ≥ 200 originates/s sustained on this machine.
 */
const AGENTLESS = Number(process.env.BENCH_AGENTLESS ?? 10_000);
const PROGRESSIVE = Number(process.env.BENCH_PROGRESSIVE ?? 2_000);
/** The same agentless campaign routed through two trunks (weights 3:1, channel and CPS caps that do not bind): what trunk routing costs. */
const TRUNKED = Number(process.env.BENCH_TRUNKED ?? 5_000);
const AGENTS = 10;
/**
 * The agentless campaigns' concurrent_calls (BENCH_LINES, the API's maximum of 1,000 by default):
 * with calls this short, a lower cap, not the dialer, would set the rate.
 */
const BENCH_LINES = Number(process.env.BENCH_LINES ?? 1000);
/** Of the agentless list: numbers on do-not-call lists (half system-wide, half the campaign's) and leads whose local time is night. */
const DNC_LEADS = 100;
const NIGHT_LEADS = 100;
const ROOT = path.resolve(__dirname, "..");

async function signIn(base: string, username: string, password: string): Promise<string> {
  const cookie = await nextAuthSignIn(base, username, password);
  if (!cookie) throw new Error(`sign-in as ${username} refused`);
  return cookie;
}

async function allPages<T = any>(call: ReturnType<typeof api>, p: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const rows = await call<T[]>("GET", `${p}${p.includes("?") ? "&" : "?"}page=${page}&per_page=100`);
    out.push(...rows);
    if (rows.length < 100) return out;
  }
}

/**
 * Issue 4's acceptance on the big agentless run, against the simulator's own call log: every number
 * in exactly one final state, dialed exactly as often as its CDRs say; busy, no-answer and network
 * failures retried once by rule (unallocated never); no DNC or night-time number ever originated;
 * stats equal a recount of the CDR. Returns the problems found (none is a pass) and the figures.
 */
async function checkAgentless(call: ReturnType<typeof api>, sim: RunningSimulator, id: number, numbers: string[], dnc: Set<string>, night: Set<string>) {
  const problems: string[] = [];
  const dials = new Map<string, number>();
  for (const c of sim.engine.callLog) if (c.number.startsWith("15551")) dials.set(c.number, (dials.get(c.number) ?? 0) + 1);
  const barredDialed = [...dnc, ...night].filter((n) => dials.has(n));
  if (barredDialed.length) problems.push(`${barredDialed.length} DNC/night numbers were originated`);
  const cdr = await allPages(call, `/cdr?campaign_id=${id}`);
  const byLead = new Map<number, any[]>();
  for (const r of cdr) byLead.set(r.campaign_number_id, [...(byLead.get(r.campaign_number_id) ?? []), r]);
  const leads = await allPages(call, `/campaigns/${id}/numbers`);
  const expectedLeads = numbers.length - night.size;
  if (leads.length !== expectedLeads) problems.push(`${leads.length} leads, expected ${expectedLeads}`);
  let retried = 0;
  const FINAL = new Set(["answered", "busy", "no_answer", "failed", "dnc"]);
  for (const lead of leads) {
    const calls = (byLead.get(lead.id) ?? []).sort((a, b) => a.id - b.id);
    if (!FINAL.has(lead.status)) problems.push(`lead ${lead.phone_number} ended ${lead.status}`);
    if ((dials.get(lead.phone_number) ?? 0) !== calls.length || calls.length !== lead.attempts) problems.push(`lead ${lead.phone_number}: ${dials.get(lead.phone_number) ?? 0} dials, ${calls.length} CDRs, ${lead.attempts} attempts`);
    if (dnc.has(lead.phone_number)) {
      if (lead.status !== "dnc" || lead.attempts !== 0) problems.push(`DNC lead ${lead.phone_number} is ${lead.status} with ${lead.attempts} attempts`);
      continue;
    }
    if (calls.length === 0) continue;
    const first = calls[0];
    const unallocated = [1, 3, 28].includes(first.hangup_cause);
    const retriable = first.disposition === "busy" || first.disposition === "no_answer" || (first.disposition === "failed" && !unallocated);
    if (retriable) retried += 1;
    if (calls.length !== (retriable ? 2 : 1)) problems.push(`lead ${lead.phone_number}: first ${first.disposition}, ${calls.length} calls`);
  }
  const stats = await call<any>("GET", `/campaigns/${id}/stats`);
  if (stats.total_calls !== cdr.length || stats.answered_calls !== cdr.filter((r) => r.disposition === "answered").length) problems.push("stats differ from the CDR recount");
  if (stats.dnc !== dnc.size) problems.push(`stats.dnc ${stats.dnc}, expected ${dnc.size}`);
  return { problems, figures: { leads: leads.length, cdr: cdr.length, retried, dncDialed: barredDialed.filter((n) => dnc.has(n)).length, nightDialed: barredDialed.filter((n) => night.has(n)).length } };
}

async function driverBaseline(sim: RunningSimulator, calls: number): Promise<number> {
  const driver = new AriDriver({ url: sim.ariUrl, username: sim.username, password: sim.password, app: "bench-baseline" });
  await driver.connect();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < calls) {
        const i = next++;
        // A reply lost on a loaded machine would hold the baseline forever: each originate gets 10 s.
        const sent = driver.originate({ channelId: `baseline-${i}`, endpoint: `PJSIP/1666${String(i).padStart(7, "0")}@trunk`, ringTimeoutSec: 30, onAnswer: { kind: "control" } });
        await Promise.race([sent, new Promise((r) => setTimeout(r, 10_000).unref())]).catch(() => {});
      }
    }),
  );
  const perSecond = calls / ((performance.now() - started) / 1000);
  await driver.close();
  return perSecond;
}

/** Originates per second from the simulator's own call log, over the middle 80 % of a campaign's first pass. */
function sustainedRate(sim: RunningSimulator, prefix: string, total: number): number {
  const times = sim.engine.callLog.filter((c) => c.number.startsWith(prefix)).map((c) => c.at.getTime());
  const a = times[Math.floor(total * 0.1)];
  const b = times[Math.floor(total * 0.9)];
  return a && b && b > a ? (Math.floor(total * 0.9) - Math.floor(total * 0.1)) / ((b - a) / 1000) : 0;
}

/**
 * Waits for `completed`. `waitingForMorning`: leads that may not be called now (their local time is
 * night) keep a campaign running; once they are all that is left, they are deleted so it can end.
 */
async function waitCompleted(call: ReturnType<typeof api>, id: number, label: string, total: number, waitingForMorning = 0) {
  const started = Date.now();
  let deleted = 0;
  for (;;) {
    const c = await call<any>("GET", `/campaigns/${id}`);
    const done = c.stats.total - c.stats.pending - c.stats.calling;
    process.stdout.write(`\r  ${label}: ${"█".repeat(Math.round((done / total) * 30)).padEnd(30, "░")} ${done}/${total} settled, ${c.stats.total_calls} calls`);
    if (c.status === "completed") break;
    if (waitingForMorning > deleted && c.stats.calling === 0 && c.stats.pending === waitingForMorning - deleted) {
      const left = await allPages(call, `/campaigns/${id}/numbers?status=pending`);
      if (left.every((l) => l.skip_reason === "outside_hours" && l.attempts === 0)) {
        for (const l of left) await call("DELETE", `/numbers/${l.id}`);
        deleted += left.length;
      }
    }
    if (Date.now() - started > 20 * 60_000) throw new Error(`${label} did not complete in 20 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stdout.write("\n");
  return (Date.now() - started) / 1000;
}

async function main() {
  ensureBuild((l) => console.log(l));
  const sim = await startSimulator({ ariPort: 0, eslPort: 0, timeScale: 0.005, seed: 99 });
  const baseline = await driverBaseline(sim, 3000);
  await new Promise((r) => setTimeout(r, 500));
  sim.engine.reset();
  sim.engine.callLog.length = 0;

  const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-bench-dialer-"));
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  if (process.env.DATABASE_URL) {
    const name = `pacer_bench_${Date.now().toString(36)}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    scratch = {
      url: u.toString(),
      drop: async () => {
        const a = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const pacer = await startPacer({
    DATA_DIR: dataDir,
    DATABASE_URL: scratch?.url ?? "",
    ADMIN_PASSWORD: "bench-admin-password",
    DEMO_DATA: "false",
    PBX_SIMULATOR: "false",
    ARI_URL: sim.ariUrl,
    ARI_USERNAME: sim.username,
    ARI_PASSWORD: sim.password,
    DIALER_MAX_CPS: "2000",
  });
  const call = api(pacer.url, await signIn(pacer.url, "admin", "bench-admin-password"));
  const zone = zoneWithLocalHour(10, 18);
  console.log(`Pacer on ${scratch ? "PostgreSQL" : "PGlite"}; simulator time ×${sim.engine.timeScale}; ARI driver alone (baseline): ${baseline.toFixed(0)} originates/s`);

  const results: Record<string, unknown>[] = [];
  try {
    // 1. Agentless: 10,000 numbers, busy/no-answer retried once.
    const a = await call<any>("POST", "/campaigns", { name: "Bench agentless", trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100", concurrent_calls: BENCH_LINES, retry_times: 1, retry_delay: 2, timezone: zone });
    const aNumbers = Array.from({ length: AGENTLESS }, (_, k) => `1555${String(1_000_000 + k)}`);
    const dnc = new Set(aNumbers.slice(0, DNC_LEADS));
    const night = new Set(aNumbers.slice(DNC_LEADS, DNC_LEADS + NIGHT_LEADS));
    const nz = zoneWithLocalHour(0, 5);
    const dncList = [...dnc];
    await call("POST", "/dnc/bulk", { numbers: dncList.slice(0, DNC_LEADS / 2).map((phone_number) => ({ phone_number })) });
    await call("POST", "/dnc/bulk", { numbers: dncList.slice(DNC_LEADS / 2).map((phone_number) => ({ phone_number })), campaign_id: a.id });
    for (let i = 0; i < AGENTLESS; i += 5000) {
      const numbers = aNumbers.slice(i, i + 5000).map((phone_number) => (night.has(phone_number) ? { phone_number, timezone: nz } : { phone_number }));
      await call("POST", `/campaigns/${a.id}/numbers/bulk`, { numbers });
    }
    await call("POST", `/campaigns/${a.id}/start`);
    const aSec = await waitCompleted(call, a.id, "agentless", AGENTLESS, NIGHT_LEADS);
    const aRate = sustainedRate(sim, "15551", AGENTLESS);
    const metrics = await call<any>("GET", "/monitoring/dialer");
    const aStats = await call<any>("GET", `/campaigns/${a.id}/stats`);
    const aCdr = await call<any>("GET", `/cdr/stats?campaign_id=${a.id}`);
    const exact = aStats.total_calls === aCdr.total_calls && aStats.answered_calls === aCdr.answered && sim.engine.callLog.filter((c) => c.number.startsWith("15551")).length === aCdr.total_calls;
    const check = await checkAgentless(call, sim, a.id, aNumbers, dnc, night);
    console.log(`  agentless checks: ${check.problems.length === 0 ? "PASS" : "FAIL"} — ${JSON.stringify(check.figures)}${check.problems.length ? `\n    ${check.problems.slice(0, 10).join("\n    ")}` : ""}`);
    results.push({ campaign: "agentless", numbers: AGENTLESS, calls: aCdr.total_calls, seconds: aSec, sustainedOriginatesPerSec: aRate, ratioToDriverBaseline: aRate / baseline, tickP50Ms: metrics.tick_p50_ms, tickP99Ms: metrics.tick_p99_ms, statsEqualCdr: exact, acceptance: check.problems.length === 0 ? "pass" : check.problems.slice(0, 5).join("; "), ...check.figures });

    // 2. Agentless through trunks: the caps are read and the start slots handed out under the trunks' locks on every claim.
    if (TRUNKED > 0) {
      const t = await call<any>("POST", "/campaigns", { name: "Bench trunked", trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100", concurrent_calls: BENCH_LINES, retry_times: 1, retry_delay: 2, timezone: zone });
      const main = await call<any>("POST", "/trunks", { name: "bench-main", type: "pjsip", value: "bench_main", max_channels: 2000, max_cps: 2000, weight: 3 });
      const backup = await call<any>("POST", "/trunks", { name: "bench-backup", type: "pjsip", value: "bench_backup", max_channels: 2000, max_cps: 2000, weight: 1 });
      await call("PUT", `/campaigns/${t.id}/trunks`, { trunks: [{ trunk_id: main.id }, { trunk_id: backup.id }] });
      for (let i = 0; i < TRUNKED; i += 5000) {
        const numbers = Array.from({ length: Math.min(5000, TRUNKED - i) }, (_, k) => ({ phone_number: `1555${String(3_000_000 + i + k)}` }));
        await call("POST", `/campaigns/${t.id}/numbers/bulk`, { numbers });
      }
      await call("POST", `/campaigns/${t.id}/start`);
      const tSec = await waitCompleted(call, t.id, "trunked", TRUNKED);
      const tRate = sustainedRate(sim, "15553", TRUNKED);
      const tCdr = await call<any>("GET", `/cdr/stats?campaign_id=${t.id}`);
      const tStats = await call<any>("GET", `/campaigns/${t.id}/stats`);
      const log = sim.engine.callLog.filter((c) => c.number.startsWith("15553"));
      const onMain = log.filter((c) => c.trunk === "bench_main").length;
      results.push({
        campaign: "agentless, 2 trunks",
        numbers: TRUNKED,
        calls: tCdr.total_calls,
        seconds: tSec,
        sustainedOriginatesPerSec: tRate,
        ratioToDriverBaseline: tRate / baseline,
        ratioToUntrunked: tRate / (results[0].sustainedOriginatesPerSec as number),
        mainTrunkShare: Math.round((onMain / log.length) * 1000) / 1000,
        // The model's congested calls fail over to the other trunk: one more leg on the switch, still one CDR.
        failoverLegs: log.length - tCdr.total_calls,
        statsEqualCdr: tStats.total_calls === tCdr.total_calls && tStats.answered_calls === tCdr.answered,
      });
    }

    // 3. Progressive: 2,000 numbers, 10 simulated agents.
    const p = await call<any>("POST", "/campaigns", { name: "Bench progressive", trunk_type: "pjsip", trunk_value: "carrier", agent_dest_type: "exten", agent_dest_value: "100", dial_mode: "progressive", wrapup_sec: 0, timezone: zone });
    const agentIds: number[] = [];
    for (let i = 0; i < AGENTS; i++) agentIds.push((await call<any>("POST", "/agents", { name: `Bench agent ${i + 1}`, extension: String(3001 + i) })).id);
    for (const id of agentIds) await call("POST", `/agents/${id}/login`, { campaign_id: p.id });
    for (let t = 0; t < 100; t++) {
      const list = await call<any[]>("GET", `/agents?campaign_id=${p.id}`);
      if (list.filter((x) => x.state === "available").length === AGENTS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await call("POST", `/campaigns/${p.id}/numbers/bulk`, { numbers: Array.from({ length: PROGRESSIVE }, (_, k) => ({ phone_number: `1556${String(1_000_000 + k)}` })) });
    await call("POST", `/campaigns/${p.id}/start`);
    const pSec = await waitCompleted(call, p.id, "progressive", PROGRESSIVE);
    const pStats = await call<any>("GET", `/campaigns/${p.id}/stats`);
    const pCdr = await call<any>("GET", `/cdr/stats?campaign_id=${p.id}`);
    results.push({ campaign: "progressive", numbers: PROGRESSIVE, agents: AGENTS, calls: pCdr.total_calls, seconds: pSec, connects: pStats.answered_calls, abandoned: pStats.abandoned_calls, statsEqualCdr: pStats.total_calls === pCdr.total_calls && pStats.answered_calls === pCdr.answered });
  } finally {
    await pacer.stop();
    await sim.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("");
  console.table(results);
  const a = results[0] as { sustainedOriginatesPerSec: number; tickP99Ms: number };
  console.log(`Sustained ${a.sustainedOriginatesPerSec.toFixed(0)} originates/s with the database in the loop (goal ≥ 200): ${(a.sustainedOriginatesPerSec / baseline).toFixed(2)} × the bare ARI driver; tick p99 ${a.tickP99Ms} ms.`);
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, `bench/results/${scratch ? "dialer-postgres" : "dialer"}.json`), JSON.stringify({ database: scratch ? "postgres" : "pglite", baselineDriverOriginatesPerSec: baseline, results, at: new Date().toISOString() }, null, 2) + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
