import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { and, asc, eq } from "drizzle-orm";
import { closeDb, initDb } from "../db/client";
import { leads } from "../db/schema";
import { CsvReader } from "../lib/csv";
import { insertCampaign } from "../server/campaigns/queries";
import { insertDncNumbers } from "../server/dnc/queries";
import { insertLeads } from "../server/leads/queries";
import { BATCH_ROWS, enqueueImport } from "../server/lists/import";
import { findImport, insertImport, insertList, listImportErrorRows, listStatsFor } from "../server/lists/queries";
import { TICK_MS } from "../server/dialer/tick-loop";
import { createScratchDatabase } from "../tests/support/test-database";

/**
 * `npm run bench:import`: a CSV of BENCH_IMPORT_ROWS leads (1,000,000 by default; two numbers, names,
 * state, ZIP and a custom column each) imported into a list by the real import job, on PGlite or
 * (DATABASE_URL) a scratch PostgreSQL database. The file is not all clean: every 1,000th row has a bad
 * phone number, every 2,000th repeats an earlier row's number, every 5,000th has phone 1 on the
 * do-not-call list; the bench checks the counts and the error report's row numbers.
 *
 * While the import runs, a dialer-like tick runs every TICK_MS (a claim-shaped query on another
 * campaign's leads, on the same database handle, as the dialer's tick does): the bench prints its
 * p50/p99/max (from when it was due to when its query returned), the event loop's delay p99/max,
 * and the process's peak RSS. Baseline, in the same run: the CSV reader alone over the same file,
 * with no database; the ratio is what the database and the checks cost.
 *
 * Goals (issue 14): 1,000,000 rows in ≤ 30 s on PostgreSQL and ≤ 60 s on PGlite, RSS ≤ 300 MB, tick p99 ≤ 250 ms.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ROOT = path.resolve(__dirname, "..");
const BAD_EVERY = 1000;
const REPEAT_EVERY = 2000;
const DNC_EVERY = 5000;

const phone1 = (i: number) => `1777${String(i).padStart(7, "0")}`;

function writeCsv(file: string): { expected: { inserted: number; errors: number; duplicates: number; dnc: number }; badRows: number[] } {
  const header = "phone,phone2,first_name,last_name,state,zip,account\n";
  const parts: string[] = [header];
  let chunk = "";
  const badRows: number[] = [];
  let errors = 0;
  let duplicates = 0;
  let dnc = 0;
  for (let i = 0; i < ROWS; i++) {
    const row = i + 2; // the header is row 1
    let p = phone1(i);
    if (i % BAD_EVERY === 999) {
      p = "not-a-number";
      errors += 1;
      badRows.push(row);
    } else if (i % REPEAT_EVERY === 1998) {
      p = phone1(i - 1000);
      duplicates += 1;
    } else if (i % DNC_EVERY === 4997) dnc += 1;
    chunk += `${p},1666${String(i).padStart(7, "0")},First${i},"Last, ${i}",TX,75001,A-${i}\n`;
    if (chunk.length > 1 << 20) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  writeFileSync(file, parts.join(""));
  // Flagged (dnc mode "flag"): the barred rows still go in, with phone 1 marked.
  return { expected: { inserted: ROWS - errors - duplicates, errors, duplicates, dnc }, badRows };
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "pacer-bench-import-"));
  process.env.DATA_DIR = dir;
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "pacer_bench_import") : undefined;
  const { db, kind } = await initDb({ databaseUrl: scratch?.url, pgliteDir: path.join(dir, "pglite") });
  try {
    const file = path.join(dir, "leads.csv");
    const { expected, badRows } = writeCsv(file);

    // Baseline: reading the file, nothing else.
    let t = performance.now();
    const parseCpuBefore = process.cpuUsage();
    const reader = new CsvReader(",");
    const decoder = new TextDecoder();
    let parsed = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) parsed += reader.push(decoder.decode(chunk as Buffer, { stream: true })).length;
    parsed += reader.end().length;
    const parseRate = (parsed - 1) / ((performance.now() - t) / 1000);
    const parseCpu = process.cpuUsage(parseCpuBefore);
    const parseCpuRate = (parsed - 1) / ((parseCpu.user + parseCpu.system) / 1e6);

    const campaign = await insertCampaign(db, { name: "bench", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });
    const list = await insertList(db, { name: "bench", campaignId: campaign.id });
    // Numbers on the do-not-call list: phone 1 of every DNC_EVERY-th row.
    const barred = Array.from({ length: Math.ceil(ROWS / DNC_EVERY) }, (_, k) => k * DNC_EVERY + 4997).filter((i) => i < ROWS).map(phone1);
    if (barred.length) await insertDncNumbers(db, barred.map((phoneNumber) => ({ phoneNumber, campaignId: campaign.id, source: "api" as const })));
    // The other campaign the tick dials: a thousand pending leads.
    const dialing = await insertCampaign(db, { name: "dialing", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });
    const dialList = await insertList(db, { name: "dialing", campaignId: dialing.id });
    await insertLeads(db, { campaignId: dialing.id, listId: dialList.id }, Array.from({ length: 1000 }, (_, i) => ({ phoneNumber: `1555${String(i).padStart(7, "0")}`, data: null })));

    const job = await insertImport(db, {
      listId: list.id,
      fileName: "leads.csv",
      filePath: file,
      hasHeader: true,
      header: ["phone", "phone2", "first_name", "last_name", "state", "zip", "account"],
      mapping: { phone: 0, phones: [1], timezone: null, state: 4, zip: 5, ignore: [], columns: 7 },
      delimiter: ",",
    });

    // A dialer-like tick every TICK_MS: how late it starts plus its query, as the dialer would see it.
    const ticks: number[] = [];
    let ticking = true;
    const tickLoop = (async () => {
      let due = performance.now() + TICK_MS;
      while (ticking) {
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        await db
          .select({ id: leads.id })
          .from(leads)
          .where(and(eq(leads.campaignId, dialing.id), eq(leads.status, "pending")))
          .orderBy(asc(leads.id))
          .limit(20);
        const now = performance.now();
        ticks.push(now - due);
        due = Math.max(due + TICK_MS, now);
      }
    })();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    const rssProbe = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    loopDelay.enable();

    t = performance.now();
    const cpuBefore = process.cpuUsage();
    enqueueImport(job.id);
    let done;
    const progress: number[] = [];
    for (;;) {
      done = await findImport(db, job.id);
      if (done) progress.push(done.rowsDone);
      if (done && (done.status === "completed" || done.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const sec = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    loopDelay.disable();
    clearInterval(rssProbe);
    ticking = false;
    await tickLoop;

    const rate = ROWS / sec;
    const stats = (await listStatsFor(db, [list.id])).get(list.id)!;
    const report = await listImportErrorRows(db, job.id, 1, 100_000);
    const reportedBad = report.rows.filter((e) => e.kind === "error").map((e) => e.rowNo);
    const counts = { inserted: done.inserted, errors: done.errorRows, duplicates: done.duplicates, dnc: done.dncRows };
    const countsOk = JSON.stringify(counts) === JSON.stringify(expected) && stats.total === expected.inserted && done.rowsDone === ROWS;
    const reportOk = JSON.stringify(reportedBad) === JSON.stringify(badRows);
    const result = {
      database: kind,
      rows: ROWS,
      batchRows: BATCH_ROWS,
      status: done.status,
      ...counts,
      expected,
      leadsInList: stats.total,
      countsMatch: countsOk,
      errorReportRowsMatch: reportOk,
      progressReadsPartWay: progress.filter((n) => n > 0 && n < ROWS).length,
      seconds: round1(sec),
      rowsPerSec: Math.round(rate),
      // This process's CPU during the import (on PGlite the database's too; PostgreSQL's server is not counted):
      // steadier than the wall clock on a shared machine.
      cpuSeconds: round1(cpuSec),
      rowsPerCpuSec: Math.round(ROWS / cpuSec),
      baselineParseRowsPerSec: Math.round(parseRate),
      ratioToParseBaseline: Math.round((rate / parseRate) * 1000) / 1000,
      baselineParseRowsPerCpuSec: Math.round(parseCpuRate),
      cpuRatioToParseBaseline: Math.round((ROWS / cpuSec / parseCpuRate) * 1000) / 1000,
      tickMs: { every: TICK_MS, count: ticks.length, p50: round1(quantile(ticks, 0.5)), p99: round1(quantile(ticks, 0.99)), max: round1(Math.max(0, ...ticks)) },
      eventLoopDelayMs: { p99: round1(loopDelay.percentile(99) / 1e6), max: round1(loopDelay.max / 1e6) },
      rssMb: { before: mb(rssBefore), peak: mb(peakRss) },
      at: new Date().toISOString(),
    };
    console.log(`CSV import on ${kind}: ${ROWS} rows in ${result.seconds} s = ${result.rowsPerSec} rows/s (${done.status}; ${counts.inserted} inserted, ${counts.duplicates} duplicates, ${counts.dnc} dnc, ${counts.errors} errors; ${stats.total} in the list)`);
    console.log(`  counts as expected: ${countsOk}; error report names the bad rows: ${reportOk}; progress reads part-way: ${result.progressReadsPartWay}`);
    console.log(`  this process's CPU during the import: ${result.cpuSeconds} s = ${result.rowsPerCpuSec} rows per CPU-second`);
    console.log(`  CSV reader alone (baseline): ${result.baselineParseRowsPerSec} rows/s; import = ${result.ratioToParseBaseline} × the reader (per CPU-second: reader ${result.baselineParseRowsPerCpuSec}, import ${result.cpuRatioToParseBaseline} × the reader)`);
    console.log(`  dialer-like tick every ${TICK_MS} ms during the import (${ticks.length} ticks): p50 ${result.tickMs.p50} ms, p99 ${result.tickMs.p99} ms, max ${result.tickMs.max} ms late; event-loop delay p99 ${result.eventLoopDelayMs.p99} ms, max ${result.eventLoopDelayMs.max} ms`);
    console.log(`  RSS: ${result.rssMb.before} MB before the import, ${result.rssMb.peak} MB peak`);
    const suffix = ROWS === 1_000_000 ? "" : `-${ROWS}`;
    writeFileSync(path.join(ROOT, `bench/results/list-import-${kind}${suffix}.json`), JSON.stringify(result, null, 2) + "\n");
    if (!countsOk || !reportOk || done.status !== "completed") process.exitCode = 1;
  } finally {
    await closeDb();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
