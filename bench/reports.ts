import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, initDb, type Db } from "../db/client";
import { rowsOf } from "../db/rows";
import { agentRows, agentTimeRows, callAverages, dispositionRows, leadDispositionCounts, listRows, summaryRows, trunkCauseRows, trunkRows, type ReportScope } from "../server/reports/queries";
import { memoryDb } from "../tests/support/memory-db";
import { createScratchDatabase } from "../tests/support/test-database";

/**
 * `npm run bench:reports`: BENCH_REPORT_CALLS call records (1,000,000 by default: ten campaigns,
 * four trunks, twenty agents, over the last 30 days), 100,000 agent state stretches and 200,000
 * leads in twenty lists, written with generate_series, on PGlite and (with DATABASE_URL) on a
 * scratch PostgreSQL database. Each report query is timed (p50 of BENCH_REPORT_RUNS runs) and
 * compared with a same-run baseline: a plain count(*) over the same rows (the range's calls, of all
 * campaigns or of one).
 */
const CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const LEADS = 200_000;
const ROOT = path.resolve(__dirname, "..");

async function load(db: Db) {
  await db.execute(sql`
    insert into campaigns (name, trunk_type, trunk_value, agent_dest_type, agent_dest_value)
    select 'bench ' || i, 'pjsip', 'carrier', 'exten', '100' from generate_series(1, 10) i`);
  await db.execute(sql`insert into agents (name, extension) select 'Agent ' || i, (100 + i)::text from generate_series(1, 20) i`);
  await db.execute(sql`
    insert into lists (name, campaign_id) select 'List ' || i, c.id
    from generate_series(1, 20) i join (select id, row_number() over (order by id) as n from campaigns) c on c.n = 1 + (i - 1) % 10`);
  await db.execute(sql`
    insert into leads (campaign_id, list_id, phone_number, status, attempts, disposition, next_attempt_at)
    select l.campaign_id, l.id, '1555' || lpad(i::text, 7, '0'),
      (array['pending', 'pending', 'answered', 'no_answer', 'busy', 'completed'])[1 + i % 6],
      case when i % 3 = 0 then 0 else 1 + i % 4 end,
      case when i % 17 = 0 then 'CALLBACK' end,
      case when i % 17 = 0 then now() - interval '1 hour' end
    from generate_series(1, ${LEADS}::int) i join (select id, campaign_id, row_number() over (order by id) as n from lists) l on l.n = 1 + i % 20`);
  // One call record per attempt, spread evenly over the last 30 days.
  await db.execute(sql`
    insert into cdr (campaign_id, start_time, answer_time, end_time, duration, billsec, disposition, hangup_cause, hangup_cause_text, sip_code,
      amd_result, trunk, trunk_id, abandoned, agent_id, lead_disposition, destination)
    select c.id, t, case when d = 'answered' then t + interval '8 seconds' end, t + interval '60 seconds',
      case when d = 'answered' then 68 else 20 end, case when d = 'answered' then 60 else 0 end, d,
      case d when 'busy' then 17 when 'no_answer' then 19 when 'failed' then 34 when 'cancelled' then 16 else 16 end,
      case d when 'busy' then 'USER_BUSY' when 'no_answer' then 'NO_ANSWER' when 'failed' then 'NORMAL_CIRCUIT_CONGESTION' else 'NORMAL_CLEARING' end,
      case d when 'busy' then 486 when 'no_answer' then 480 when 'failed' then 503 when 'cancelled' then 487 else 200 end,
      case when d = 'answered' then (case when i % 7 = 0 then 'MACHINE' else 'HUMAN' end) end,
      'trunk-' || (1 + i % 4), 1 + i % 4,
      d = 'answered' and i % 7 <> 0 and i % 53 = 0,
      case when d = 'answered' and i % 7 <> 0 and i % 53 <> 0 then a.id end,
      case when d = 'answered' and i % 7 <> 0 and i % 53 <> 0 then (array['SALE', 'CALLBACK', 'NOANSWER', 'DNC'])[1 + i % 4] end,
      '1555' || lpad((i % ${LEADS}::int)::text, 7, '0')
    from (
      select i, now() - (i::float8 / ${CALLS}::int) * interval '30 days' as t,
        (array['answered', 'answered', 'answered', 'answered', 'no_answer', 'no_answer', 'busy', 'busy', 'failed', 'cancelled'])[1 + i % 10] as d
      from generate_series(1, ${CALLS}::int) i
    ) g
    join (select id, row_number() over (order by id) as n from campaigns) c on c.n = 1 + g.i % 10
    join (select id, row_number() over (order by id) as n from agents) a on a.n = 1 + g.i % 20`);
  // The agents' state stretches: 100,000 of them (30 s each) over the same 30 days.
  await db.execute(sql`
    insert into agent_state_log (agent_id, campaign_id, state, started_at, ended_at)
    select a.id, c.id, (array['available', 'on_call', 'wrapup', 'on_break'])[1 + g.i % 4], g.t, g.t + interval '30 seconds'
    from (select i, now() - (i::float8 / 100000) * interval '30 days' as t from generate_series(1, 100000) i) g
    join (select id, row_number() over (order by id) as n from campaigns) c on c.n = 1 + g.i % 10
    join (select id, row_number() over (order by id) as n from agents) a on a.n = 1 + g.i % 20`);
  await db.execute(sql`analyze`);
}

async function p50(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

async function benchOn(db: Db, kind: string) {
  let t = performance.now();
  await load(db);
  const loadSec = Math.round((performance.now() - t) / 100) / 10;
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cdr`));
  const [{ id: campaignId }] = rowsOf<{ id: number }>(await db.execute(sql`select min(id) as id from campaigns`));
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
  const month: ReportScope = { tz: "UTC", from: daysAgo(29), to: today };
  const week: ReportScope = { tz: "America/New_York", from: daysAgo(6), to: today, campaignId };
  const one: ReportScope = { ...month, campaignId };

  const countIn = (s: ReportScope) => () =>
    db.execute(sql`select count(*) from cdr where start_time >= (${s.from}::date::timestamp at time zone ${s.tz}) and start_time < ((${s.to}::date + 1)::timestamp at time zone ${s.tz}) ${s.campaignId ? sql`and campaign_id = ${s.campaignId}` : sql``}`);
  const baselineAll = await p50(countIn(month));
  const baselineOne = await p50(countIn(one));

  const queries: { name: string; baseline: "all" | "one"; run: () => Promise<unknown> }[] = [
    { name: "summary by day, all campaigns, 30 days (+30 d window)", baseline: "all", run: () => summaryRows(db, month, "day") },
    { name: "summary by day, one campaign, 30 days (+30 d window)", baseline: "one", run: () => summaryRows(db, one, "day") },
    { name: "summary by hour, one campaign, 7 days (+30 d window)", baseline: "one", run: () => summaryRows(db, week, "hour") },
    { name: "dispositions + AMD by day, all campaigns", baseline: "all", run: () => dispositionRows(db, month, "day") },
    { name: "dispositions by hour, one campaign, 7 days", baseline: "one", run: () => dispositionRows(db, week, "hour") },
    { name: "agent and IVR dispositions, all campaigns", baseline: "all", run: () => leadDispositionCounts(db, month) },
    { name: "average talk and call length, all campaigns", baseline: "all", run: () => callAverages(db, month) },
    { name: "per agent, all campaigns", baseline: "all", run: () => agentRows(db, month) },
    { name: "per agent, one campaign", baseline: "one", run: () => agentRows(db, one) },
    { name: "agents' time in states (100,000 stretches), all", baseline: "all", run: () => agentTimeRows(db, month) },
    { name: "per trunk, all campaigns", baseline: "all", run: () => trunkRows(db, month) },
    { name: "trunk failure causes, all campaigns", baseline: "all", run: () => trunkCauseRows(db, month) },
    { name: "list penetration, all lists (200,000 leads)", baseline: "all", run: () => listRows(db, undefined) },
    { name: "list penetration, one campaign", baseline: "one", run: () => listRows(db, campaignId) },
  ];
  const results = [];
  for (const q of queries) {
    const ms = await p50(q.run);
    const base = q.baseline === "all" ? baselineAll : baselineOne;
    results.push({ query: q.name, p50Ms: ms, baseline: q.baseline === "all" ? "count(*), all campaigns" : "count(*), one campaign", ratioToBaseline: Math.round((ms / Math.max(base, 0.1)) * 10) / 10 });
  }
  t = performance.now();
  const plan = rowsOf<Record<string, string>>(await db.execute(sql`explain select count(*) from cdr where campaign_id = ${campaignId} and start_time >= now() - interval '7 days'`))
    .map((r) => Object.values(r)[0])
    .join("\n");
  return { database: kind, calls: n, leads: LEADS, loadSeconds: loadSec, runs: RUNS, baselineMs: { allCampaigns30d: baselineAll, oneCampaign30d: baselineOne }, queries: results, oneCampaignPlan: plan };
}

function print(r: Awaited<ReturnType<typeof benchOn>>) {
  console.log(`\n${r.database}: ${r.calls.toLocaleString("en")} call records, ${r.leads.toLocaleString("en")} leads (loaded in ${r.loadSeconds} s); p50 of ${r.runs} runs`);
  console.log(`  baseline count(*): all campaigns ${r.baselineMs.allCampaigns30d} ms, one campaign ${r.baselineMs.oneCampaign30d} ms`);
  for (const q of r.queries) console.log(`  ${q.query.padEnd(58)} ${String(q.p50Ms).padStart(8)} ms  ×${q.ratioToBaseline} (${q.baseline})`);
  console.log(`  one campaign's range uses:\n    ${r.oneCampaignPlan.split("\n").join("\n    ")}`);
}

async function main() {
  const out = [];
  const memory = await memoryDb();
  try {
    out.push(await benchOn(memory.db, "pglite"));
    print(out[out.length - 1]);
  } finally {
    await memory.close();
  }
  if (process.env.DATABASE_URL) {
    const dir = mkdtempSync(path.join(tmpdir(), "pacer-bench-reports-"));
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, "pacer_bench_reports");
    try {
      const { db } = await initDb({ databaseUrl: scratch.url, pgliteDir: path.join(dir, "pglite") });
      out.push(await benchOn(db, "postgres"));
      print(out[out.length - 1]);
    } finally {
      await closeDb();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/reports.json"), JSON.stringify({ at: new Date().toISOString(), results: out }, null, 2) + "\n");
  console.log("\nwrote bench/results/reports.json");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
