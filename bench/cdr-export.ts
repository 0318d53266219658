import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { desc, sql } from "drizzle-orm";
import { closeDb, initDb, type Db } from "../db/client";
import { rowsOf } from "../db/rows";
import { cdr } from "../db/schema";
import { csvLine } from "../lib/csv";
import { CDR_CSV_COLUMNS, cdrCsvStream } from "../server/cdr/export";
import { toCdrDto, type CdrFilter } from "../server/cdr/queries";
import { createScratchDatabase } from "../tests/support/test-database";

/**
 * `npm run bench:cdr-export`: BENCH_CDR_ROWS call records (100,000 by default) written with one
 * generate_series insert, on PGlite (a data directory, as `npm start` uses) and, with DATABASE_URL,
 * on a scratch PostgreSQL database. The export's stream is served over HTTP from this process and
 * downloaded by curl (a separate process, so the client's memory is not counted), while this
 * process's RSS is sampled every 10 ms. The baseline, in the same run and the same way: the rows
 * read at once and written as one CSV string, as a report download does. Memory figures are the
 * RSS growth over the start of each download; the ratio is the export's growth over the baseline's.
 * A tenth of the rows (one campaign) is streamed too: flat memory means about the same growth.
 */
const ROWS = Number(process.env.BENCH_CDR_ROWS ?? 100_000);
/** Where the figures go, under bench/results (a run at another size keeps its own file). */
const RESULT = process.env.BENCH_CDR_RESULT ?? "cdr-export.json";
const ROOT = path.resolve(__dirname, "..");
const MB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function load(db: Db) {
  await db.execute(sql`
    insert into cdr (campaign_id, start_time, answer_time, end_time, duration, billsec, disposition, hangup_cause, hangup_cause_text, sip_code,
      amd_result, trunk, trunk_id, agent, agent_id, lead_disposition, destination, callerid, channel_id, uniqueid, recording_file)
    select 1 + i % 10, t, case when d = 'answered' then t + interval '8 seconds' end, t + interval '60 seconds',
      case when d = 'answered' then 68 else 20 end, case when d = 'answered' then 60 else 0 end, d,
      case d when 'busy' then 17 when 'no_answer' then 19 when 'failed' then 34 else 16 end,
      case d when 'busy' then 'USER_BUSY' when 'no_answer' then 'NO_ANSWER' when 'failed' then 'NORMAL_CIRCUIT_CONGESTION' else 'NORMAL_CLEARING' end,
      case d when 'busy' then 486 when 'no_answer' then 480 when 'failed' then 503 else 200 end,
      case when d = 'answered' then 'HUMAN' end, 'trunk-' || (1 + i % 4), 1 + i % 4,
      case when d = 'answered' then 'Agent ' || (1 + i % 20) end, case when d = 'answered' then 1 + i % 20 end,
      case when d = 'answered' then (array['SALE', 'CALLBACK', 'NOANSWER', 'DNC'])[1 + i % 4] end,
      '1555' || lpad(i::text, 7, '0'), '"Pacer, bench" <15550000000>', 'chan-' || i, 'uid-' || i,
      case when d = 'answered' then 'pacer-1-' || i || '.wav' end
    from (
      select i, now() - (i::float8 / ${ROWS}::int) * interval '30 days' as t,
        (array['answered', 'answered', 'no_answer', 'busy', 'failed'])[1 + i % 5] as d
      from generate_series(1, ${ROWS}::int) i
    ) g`);
  await db.execute(sql`analyze cdr`);
}

/** Serves one body per request, from `body()`, until closed; `?campaign=N` filters by campaign. */
async function serve(body: (filter: CdrFilter) => Promise<ReadableStream<Uint8Array> | string>): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8" });
    const campaign = new URL(req.url ?? "/", "http://x").searchParams.get("campaign");
    const b = await body(campaign ? { campaignId: Number(campaign) } : {});
    if (typeof b === "string") res.end(b);
    else Readable.fromWeb(b as import("node:stream/web").ReadableStream<Uint8Array>).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/**
 * Collects garbage until RSS holds still (the allocator hands pages back late, and loading the
 * rows leaves plenty), so a download starts from a settled figure.
 */
async function settle() {
  let last = process.memoryUsage.rss();
  for (let i = 0; i < 20; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 250));
    const now = process.memoryUsage.rss();
    if (Math.abs(now - last) < MB) return;
    last = now;
  }
}

/** curl downloads the URL to nowhere; this process's RSS is sampled meanwhile. */
async function download(url: string) {
  await settle();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t = performance.now();
  const bytes = await new Promise<number>((resolve, reject) => {
    const curl = spawn("curl", ["-sS", "-o", "/dev/null", "-w", "%{size_download}", url]);
    let out = "";
    curl.stdout.on("data", (d) => (out += d));
    curl.on("error", reject);
    curl.on("close", (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`curl exited ${code}`))));
  });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const end = process.memoryUsage.rss();
  const mb = (n: number) => Math.round((n / MB) * 10) / 10;
  return { seconds: Math.round(seconds * 100) / 100, bytes, rssStartMb: mb(start), rssPeakMb: mb(peak), rssEndMb: mb(end), rssGrowthMb: mb(peak - start) };
}

async function benchOn(db: Db, kind: string) {
  let t = performance.now();
  await load(db);
  const loadSeconds = Math.round((performance.now() - t) / 100) / 10;
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cdr`));

  // One whole export first, unmeasured: the allocator and the database's caches reach their steady
  // state (PGlite hands back the load's memory only once it is busy again).
  await new Response(cdrCsvStream(db, {})).text();

  const streamed = await serve(async (filter) => cdrCsvStream(db, filter));
  // Flat means the same growth for a tenth of the rows as for all of them.
  const tenth = await download(`${streamed.url}?campaign=1`);
  const stream = await download(streamed.url);
  streamed.server.close();

  const materialised = await serve(async () => {
    const rows = await db.select().from(cdr).orderBy(desc(cdr.startTime), desc(cdr.id));
    const lines = [csvLine([...CDR_CSV_COLUMNS]), ...rows.map((r) => {
      const dto: Record<string, unknown> = { ...toCdrDto(r), outcome: null };
      return csvLine(CDR_CSV_COLUMNS.map((c) => (dto[c] == null ? "" : String(dto[c]))));
    })];
    return lines.join("\r\n") + "\r\n";
  });
  const baseline = await download(materialised.url);
  materialised.server.close();

  return {
    database: kind,
    rows: n,
    loadSeconds,
    export: { ...stream, rowsPerSec: Math.round(n / stream.seconds) },
    exportOneCampaign: { what: "one campaign of ten (campaign_id filter)", ...tenth, rowsPerSec: Math.round(n / 10 / tenth.seconds) },
    baseline: { what: "all rows read at once, one CSV string", ...baseline, rowsPerSec: Math.round(n / baseline.seconds) },
    rssGrowthRatio: Math.round((stream.rssGrowthMb / Math.max(baseline.rssGrowthMb, 0.1)) * 1000) / 1000,
  };
}

function print(r: Awaited<ReturnType<typeof benchOn>>) {
  const line = (label: string, x: typeof r.export) =>
    `  ${label.padEnd(28)} RSS start ${x.rssStartMb} MB, peak ${x.rssPeakMb} MB (+${x.rssGrowthMb} MB), end ${x.rssEndMb} MB; ${x.seconds} s, ${x.rowsPerSec.toLocaleString("en")} rows/s, ${(x.bytes / MB).toFixed(1)} MB`;
  console.log(`\n${r.database}: ${r.rows.toLocaleString("en")} call records (loaded in ${r.loadSeconds} s)`);
  console.log(line("streamed, one campaign (10 %)", r.exportOneCampaign));
  console.log(line("streamed export", r.export));
  console.log(line("baseline (all at once)", r.baseline));
  console.log(`  RSS growth, export / baseline: ×${r.rssGrowthRatio} (a tenth of the rows streamed: +${r.exportOneCampaign.rssGrowthMb} MB)`);
}

async function main() {
  const out = [];
  const runs: { kind: string; databaseUrl?: string }[] = [{ kind: "pglite" }];
  if (process.env.DATABASE_URL) runs.push({ kind: "postgres", databaseUrl: process.env.DATABASE_URL });
  for (const run of runs) {
    const dir = mkdtempSync(path.join(tmpdir(), "pacer-bench-cdr-export-"));
    const scratch = run.databaseUrl ? await createScratchDatabase(run.databaseUrl, "pacer_bench_cdr") : undefined;
    try {
      const { db } = await initDb({ databaseUrl: scratch?.url, pgliteDir: path.join(dir, "pglite") });
      out.push(await benchOn(db, run.kind));
      print(out[out.length - 1]);
    } finally {
      await closeDb();
      await scratch?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results", RESULT), JSON.stringify({ at: new Date().toISOString(), results: out }, null, 2) + "\n");
  console.log(`\nwrote bench/results/${RESULT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
