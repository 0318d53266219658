import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, initDb } from "../db/client";
import { CsvReader } from "../lib/csv";
import { insertCampaign } from "../server/campaigns/queries";
import { enqueueImport } from "../server/lists/import";
import { findImport, insertImport, insertList, listStatsFor } from "../server/lists/queries";
import { createScratchDatabase } from "../tests/support/test-database";

/**
 * `npm run bench:import`: a CSV of BENCH_IMPORT_ROWS leads (100,000 by default; two numbers, names,
 * state, ZIP and a custom column each) imported into a list by the real import job, on PGlite or
 * (DATABASE_URL) a scratch PostgreSQL database. Prints rows/s, and the worst event-loop stall seen
 * meanwhile (what a dialer tick in the same process would have waited). Baseline, in the same run:
 * the CSV reader alone over the same file, with no database; the ratio is what the database costs.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ROOT = path.resolve(__dirname, "..");

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "pacer-bench-import-"));
  process.env.DATA_DIR = dir;
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "pacer_bench_import") : undefined;
  const { db, kind } = await initDb({ databaseUrl: scratch?.url, pgliteDir: path.join(dir, "pglite") });
  try {
    const file = path.join(dir, "leads.csv");
    const lines = ["phone,phone2,first_name,last_name,state,zip,account"];
    for (let i = 0; i < ROWS; i++) lines.push(`1777${String(i).padStart(7, "0")},1666${String(i).padStart(7, "0")},First${i},"Last, ${i}",TX,75001,A-${i}`);
    writeFileSync(file, lines.join("\n") + "\n");

    // Baseline: reading the file, nothing else.
    let t = performance.now();
    const reader = new CsvReader(",");
    const decoder = new TextDecoder();
    let parsed = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) parsed += reader.push(decoder.decode(chunk as Buffer, { stream: true })).length;
    parsed += reader.end().length;
    const parseRate = (parsed - 1) / ((performance.now() - t) / 1000);

    const campaign = await insertCampaign(db, { name: "bench", trunkType: "pjsip", trunkValue: "t", agentDestType: "exten", agentDestValue: "100" });
    const list = await insertList(db, { name: "bench", campaignId: campaign.id });
    const job = await insertImport(db, {
      listId: list.id,
      fileName: "leads.csv",
      filePath: file,
      hasHeader: true,
      header: lines[0].split(","),
      mapping: { phone: 0, phones: [1], timezone: null, state: 4, zip: 5, ignore: [], columns: 7 },
      delimiter: ",",
    });
    let worstStall = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      worstStall = Math.max(worstStall, now - last - 20);
      last = now;
    }, 20);
    t = performance.now();
    enqueueImport(job.id);
    let done;
    for (;;) {
      done = await findImport(db, job.id);
      if (done && (done.status === "completed" || done.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(probe);
    const sec = (performance.now() - t) / 1000;
    const rate = ROWS / sec;
    const stats = (await listStatsFor(db, [list.id])).get(list.id)!;
    const result = {
      database: kind,
      rows: ROWS,
      status: done.status,
      inserted: done.inserted,
      leadsInList: stats.total,
      seconds: Math.round(sec * 10) / 10,
      rowsPerSec: Math.round(rate),
      baselineParseRowsPerSec: Math.round(parseRate),
      ratioToParseBaseline: Math.round((rate / parseRate) * 1000) / 1000,
      worstEventLoopStallMs: Math.round(worstStall),
      at: new Date().toISOString(),
    };
    console.log(`CSV import on ${kind}: ${ROWS} rows in ${result.seconds} s = ${result.rowsPerSec} rows/s (${done.status}, ${done.inserted} inserted, ${stats.total} in the list)`);
    console.log(`CSV reader alone (baseline): ${result.baselineParseRowsPerSec} rows/s; import = ${result.ratioToParseBaseline} × the reader; worst event-loop stall during the import: ${result.worstEventLoopStallMs} ms`);
    writeFileSync(path.join(ROOT, `bench/results/list-import-${kind}.json`), JSON.stringify(result, null, 2) + "\n");
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
