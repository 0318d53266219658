import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { z } from "zod";
import { copyTextInto, dbHandle, getDb, type Db } from "@/db/client";
import { sql } from "drizzle-orm";
import type { ImportDncMode, ImportMapping, ListImport } from "@/db/schema";
import { CsvReader, csvLine, detectDelimiter, guessMapping, looksLikeHeader, parseCsv, type CsvRecord } from "@/lib/csv";
import type { Caller } from "../api/caller";
import { ApiError, validationError } from "../api/errors";
import { pagination } from "../api/envelope";
import { recordAudit } from "../audit/queries";
import { insertStagedLeads } from "../leads/queries";
import { logger } from "../logger";
import { countImportRows } from "../metrics/registry";
import { publish } from "../runtime/registry";
import { emitWebhookEvent } from "../webhooks/outbox";
import { customKeys, resolveMapping, rowToLead, type MappingInput } from "./import-rows";
import {
  addImportProgress,
  allImportErrors,
  findImport,
  findList,
  insertImport,
  insertImportErrors,
  listImportErrorRows,
  listImportRows,
  toImportDto,
  toImportErrorDto,
  unfinishedImports,
  updateImport,
} from "./queries";
import { importOptions, type importErrorsQuery } from "./validation";

/**
 * CSV import into a list. The upload is written to disk as it arrives, checked (header, mapping)
 * before anything is recorded, then imported by a job in this process: a first pass counts the
 * rows (for the progress bar), a second reads them in batches, each batch one transaction with its
 * leads, its error rows and the job's counts, so a batch is in or out whole, the counts always
 * match the database, and a restart resumes after the last batch. A batch's rows are COPYed into a
 * temporary table and go into the list with one set-based statement (do-not-call scrub and the
 * list's duplicates in SQL, see insertStagedLeads).
 *
 * Between batches the job yields, so the dialer keeps ticking. What a batch holds the event loop
 * for is its parse and checks, and on PGlite (queries run on the event loop, one at a time) its
 * transaction too: the batch size follows that time, aiming at BATCH_BUSY_MS, between
 * BATCH_ROWS.min and BATCH_ROWS.max rows.
 */

export const BATCH_ROWS = { first: 1000, min: 250, max: Number(process.env.IMPORT_BATCH_MAX_ROWS ?? 20_000) };
/** How long one batch may hold the event loop (the dialer ticks every 250 ms). */
export const BATCH_BUSY_MS = 100;

/** The next batch's size from how long the last one held the event loop. */
export function nextBatchRows(rows: number, busyMs: number): number {
  const aimed = busyMs > 0 ? (rows * BATCH_BUSY_MS) / busyMs : BATCH_ROWS.max;
  // Grow by at most double a batch, shrink at once: a slow batch is what the dialer feels.
  return Math.round(Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, Math.min(aimed, rows * 2))));
}

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const PEEK_BYTES = 256 * 1024;
const RAW_MAX = 500;

const importsDir = () => path.resolve(process.env.DATA_DIR || "./data", "imports");

type ImportQueue = { chain: Promise<void>; queued: Set<number> };
const QUEUE = Symbol.for("pacer.list-imports");
function queue(): ImportQueue {
  const g = globalThis as typeof globalThis & { [QUEUE]?: ImportQueue };
  return (g[QUEUE] ??= { chain: Promise.resolve(), queued: new Set() });
}

/** Imports run one at a time per process: a second waits its turn (the page shows it queued). */
export function enqueueImport(id: number): void {
  const q = queue();
  if (q.queued.has(id)) return;
  q.queued.add(id);
  q.chain = q.chain
    .then(() => runImport(id))
    .catch((err) => logger.error({ err, import: id }, "list import failed"))
    .finally(() => q.queued.delete(id));
}

/** Imports a restart interrupted carry on from their last committed batch. */
export async function resumeImports(db: Db): Promise<void> {
  for (const job of await unfinishedImports(db)) enqueueImport(job.id);
}

// ---------------------------------------------------------------------------------------------
// Upload

type Upload = { filePath: string; fileName: string | null; fields: Record<string, string> };

async function saveUpload(req: Request): Promise<Upload> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  mkdirSync(importsDir(), { recursive: true });
  const filePath = path.join(importsDir(), `${randomUUID()}.csv`);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) throw new ApiError(413, `The file is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  let fileName: string | null = null;
  const fields: Record<string, string> = {};
  let source: ReadableStream<Uint8Array> | null;
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw ApiError.badRequest("Malformed multipart body", { file: ["could not read the form"] });
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw ApiError.badRequest("Validation failed: file: is required", { file: ["is required: the CSV file, as the form field 'file'"] });
    fileName = file.name || null;
    for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
    source = file.stream();
  } else if (type.startsWith("text/csv") || type.startsWith("text/plain") || type.startsWith("application/csv") || type.startsWith("application/octet-stream")) {
    source = req.body;
  } else {
    throw new ApiError(415, "Send the CSV as a text/csv body or as multipart/form-data with a 'file' field");
  }
  if (!source) throw ApiError.badRequest("Validation failed: file: is empty", { file: ["the file is empty"] });
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) done(new ApiError(413, `The file is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(source as import("node:stream/web").ReadableStream), limit, createWriteStream(filePath));
  } catch (err) {
    await rm(filePath, { force: true });
    throw err instanceof ApiError ? err : ApiError.badRequest("The upload was interrupted", { file: ["the upload did not complete"] });
  }
  if (bytes === 0) {
    await rm(filePath, { force: true });
    throw ApiError.badRequest("Validation failed: file: is empty", { file: ["the file is empty"] });
  }
  return { filePath, fileName, fields };
}

async function peek(filePath: string): Promise<string> {
  const fh = await open(filePath, "r");
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
    // A cut multi-byte character at the end is dropped by the decoder (non-fatal).
    return new TextDecoder("utf-8").decode(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The first records of the peeked text (the last may be cut, so it is left out unless the file is that short). */
function firstRecords(text: string, delimiter: string, whole: boolean): CsvRecord[] {
  const recs = parseCsv(text, delimiter);
  return whole ? recs : recs.slice(0, -1);
}

/**
 * POST /lists/:id/import: saves the file, checks its shape and the mapping (400 with per-field
 * errors, nothing recorded), records the job and queues it. Replies before the rows are read.
 */
export async function startImport(caller: Caller, listId: number, req: Request) {
  const db = await getDb();
  const list = await findList(db, listId);
  if (!list) throw ApiError.notFound("List");
  const url = new URL(req.url);
  const upload = await saveUpload(req);
  try {
    const parsed = importOptions.safeParse({ ...Object.fromEntries(url.searchParams), ...upload.fields });
    if (!parsed.success) throw validationError(parsed.error);
    const opts = parsed.data;
    const size = (await stat(/*turbopackIgnore: true*/ upload.filePath)).size;
    const text = await peek(upload.filePath);
    const delimiter = opts.delimiter === "auto" ? detectDelimiter(text) : opts.delimiter === "tab" ? "\t" : opts.delimiter;
    const recs = firstRecords(text, delimiter, size <= PEEK_BYTES);
    if (recs.length === 0) throw ApiError.badRequest("Validation failed: file: has no rows", { file: ["the file has no rows"] });
    const first = recs[0].fields;
    const hasHeader = opts.has_header === "auto" ? looksLikeHeader(first) : opts.has_header === "true" || opts.has_header === "1";
    const header = hasHeader ? first.map((h) => h.trim()) : null;
    const width = Math.max(...recs.map((r) => r.fields.length), first.length);
    const columns = header ? header.length : width;
    const resolved = resolveMapping((opts.mapping as MappingInput | undefined) ?? guessMapping(header), header, columns);
    if ("errors" in resolved) {
      const [field, [msg]] = Object.entries(resolved.errors)[0];
      throw ApiError.badRequest(`Validation failed: ${field}: ${msg}`, resolved.errors);
    }
    const job = await db.transaction(async (tx) => {
      const job = await insertImport(tx, {
        listId,
        fileName: opts.file_name ?? upload.fileName,
        filePath: upload.filePath,
        hasHeader,
        header,
        mapping: { ...resolved.mapping, columns },
        dncMode: opts.dnc,
        delimiter,
        createdBy: caller.user.id,
      });
      await recordAudit(tx, caller, {
        action: "list.import",
        entityType: "list",
        entityId: listId,
        details: { import_id: job.id, file_name: job.fileName, bytes: size, has_header: hasHeader, mapping: resolved.mapping, dnc: opts.dnc, delimiter },
      });
      return job;
    });
    enqueueImport(job.id);
    return toImportDto(job);
  } catch (err) {
    await rm(upload.filePath, { force: true });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The job

/** Data records of a file, a batch at a time, read as a stream. */
async function* recordBatches(filePath: string, delimiter: string, size: { rows: number }): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader(delimiter);
  const decoder = new TextDecoder("utf-8");
  let batch: CsvRecord[] = [];
  for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    for (const r of reader.push(decoder.decode(chunk as Buffer, { stream: true }))) {
      batch.push(r);
      if (batch.length >= size.rows) {
        yield batch;
        batch = [];
      }
    }
  }
  batch.push(...reader.push(decoder.decode()), ...reader.end());
  if (batch.length) yield batch;
}

const yieldToOthers = () => new Promise((r) => setImmediate(r));

function announce(job: ListImport) {
  publish({
    type: "import.progress",
    import_id: job.id,
    list_id: job.listId,
    status: job.status,
    total_rows: job.totalRows,
    rows_done: job.rowsDone,
    inserted: job.inserted,
    duplicates: job.duplicates,
    dnc: job.dncRows,
    errors: job.errorRows,
    ts: Date.now(),
  });
}

async function runImport(id: number): Promise<void> {
  const db = await getDb();
  let job = await findImport(db, id);
  if (!job || job.status === "completed" || job.status === "failed") return;
  try {
    job = (await updateImport(db, id, { status: "running", startedAt: job.startedAt ?? new Date() }))!;
    announce(job);
    const filePath = job.filePath!;
    if (job.totalRows === null) {
      let total = 0;
      for await (const batch of recordBatches(filePath, job.delimiter, { rows: 5000 })) total += batch.length;
      total -= job.hasHeader ? 1 : 0;
      job = (await updateImport(db, id, { totalRows: Math.max(0, total) }))!;
      announce(job);
    }
    const mapping = job.mapping;
    const keys = customKeys(job.header, mapping.columns ?? job.header?.length ?? 1);
    /** Phone 1 → the row that first had it, to name the row a duplicate repeats. */
    const firstRow = new Map<string, number>();
    let skip = job.rowsDone + (job.hasHeader ? 1 : 0);
    let lastAnnounce = 0;
    const { kind } = await dbHandle();
    const size = { rows: BATCH_ROWS.first };
    for await (const raw of recordBatches(filePath, job.delimiter, size)) {
      let records = raw;
      if (skip > 0) {
        const n = Math.min(skip, records.length);
        skip -= n;
        records = records.slice(n);
        if (records.length === 0) continue;
      }
      const started = performance.now();
      const batch = await importBatch(db, job, records, mapping, keys, firstRow);
      // PGlite: the whole batch held the event loop; PostgreSQL: its checks (timed inside).
      size.rows = nextBatchRows(records.length, kind === "pglite" ? performance.now() - started : (batch?.busyMs ?? 0));
      const done = batch?.job;
      if (!done) {
        job = (await findImport(db, id)) ?? job;
        throw new Error("the list was deleted during the import");
      }
      countImportRows(job, done);
      job = done;
      if (Date.now() - lastAnnounce > 250) {
        lastAnnounce = Date.now();
        announce(job);
      }
      await yieldToOthers();
    }
    const counted = job;
    job = await db.transaction(async (tx) => {
      const done = (await updateImport(tx, id, { status: "completed", finishedAt: new Date(), filePath: null, message: summary(counted) }))!;
      await recordAudit(tx, { system: true }, { action: "list.import_completed", entityType: "list", entityId: done.listId, details: { import_id: id, ...countsOf(done) } });
      await emitWebhookEvent(tx, "import.finished", toImportDto(done));
      return done;
    });
    announce(job);
    await rm(filePath, { force: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.warn({ import: id, err: message }, "list import stopped");
    const failed = await db
      .transaction(async (tx) => {
        const row = await updateImport(tx, id, { status: "failed", finishedAt: new Date(), message: `Import stopped: ${message}`.slice(0, 500) });
        if (row) await emitWebhookEvent(tx, "import.finished", toImportDto(row));
        return row;
      })
      .catch(() => undefined);
    if (failed) announce(failed);
    if (job?.filePath) await rm(job.filePath, { force: true });
  }
}

const countsOf = (j: ListImport) => ({ rows: j.rowsDone, inserted: j.inserted, duplicates: j.duplicates, dnc: j.dncRows, errors: j.errorRows });

function summary(j: ListImport): string {
  const parts = [`${j.inserted} of ${j.rowsDone} rows imported`];
  if (j.duplicates) parts.push(`${j.duplicates} duplicates`);
  if (j.dncRows) parts.push(`${j.dncRows} ${j.dncMode === "skip" ? "skipped as do-not-call" : "with do-not-call numbers flagged"}`);
  if (j.errorRows) parts.push(`${j.errorRows} with errors`);
  return parts.join(", ");
}

type Problem = { importId: number; rowNo: number; kind: "error" | "duplicate" | "dnc"; field: string | null; message: string; raw: string | null };

/** COPY's text format for one value: null as \N; only backslashes need escaping in what we stage (no tabs or newlines). */
const copyValue = (v: string | null | undefined) => (v === null || v === undefined ? "\\N" : v.replaceAll("\\", "\\\\"));
/** The numbers in a COPY array literal (digits and + only, so nothing to quote). */
const copyArray = (numbers: string[]) => `{${numbers.join(",")}}`;
/** A new lead's numbers as leads.phones holds them, every one to call (rows with a do-not-call hit are redone in SQL). */
const pendingPhones = (numbers: string[]) =>
  `[${numbers.map((n) => `{"number":"${n}","attempts":0,"state":"pending","outcome":null,"lastAttempt":null}`).join(",")}]`;

const STAGE_COLUMNS = "row_no, phone, extra, phones, data, timezone, state, zip";

/**
 * One batch, one transaction: its leads, its problems and the job's counts. Undefined when the list is gone.
 * The rows are parsed and checked here (errors, and numbers an earlier row of the file had); the good ones are
 * COPYed into a temporary table, and one statement then checks them against the do-not-call lists, inserts
 * them (a number already in the list is skipped by the unique index) and says which rows were barred or
 * already there, so the database does the set work and only the rows with a problem come back.
 */
async function importBatch(
  db: Db,
  job: ListImport,
  records: CsvRecord[],
  mapping: ImportMapping,
  keys: string[],
  firstRow: Map<string, number>,
): Promise<{ job: ListImport; busyMs: number } | undefined> {
  const started = performance.now();
  const problems: Problem[] = [];
  const rawOf = (r: CsvRecord) => csvLine(r.fields, job.delimiter, { formulas: "keep" }).slice(0, RAW_MAX);
  const staged = new Map<number, { phone: string; raw: CsvRecord }>();
  const batchFirst = new Map<string, number>();
  let copy = "";
  for (const r of records) {
    if (r.error) {
      problems.push({ importId: job.id, rowNo: r.row, kind: "error", field: null, message: r.error, raw: rawOf(r) });
      continue;
    }
    const res = rowToLead(r.fields, mapping, keys);
    if (!res.ok) {
      problems.push({ importId: job.id, rowNo: r.row, kind: "error", field: res.field, message: res.message, raw: rawOf(r) });
      continue;
    }
    const lead = res.lead;
    const earlier = firstRow.get(lead.phoneNumber) ?? batchFirst.get(lead.phoneNumber);
    if (earlier !== undefined) {
      problems.push({ importId: job.id, rowNo: r.row, kind: "duplicate", field: "phone", message: `${lead.phoneNumber} repeats row ${earlier}`, raw: rawOf(r) });
      continue;
    }
    batchFirst.set(lead.phoneNumber, r.row);
    staged.set(r.row, { phone: lead.phoneNumber, raw: r });
    const data = lead.data ? JSON.stringify(lead.data) : null;
    copy += `${r.row}\t${lead.phoneNumber}\t${copyArray(lead.extraPhones)}\t${pendingPhones([lead.phoneNumber, ...lead.extraPhones])}\t${copyValue(data)}\t${copyValue(lead.timezone)}\t${copyValue(lead.state)}\t${copyValue(lead.zip)}\n`;
  }
  const busyMs = performance.now() - started;
  const result = await db.transaction(async (tx) => {
    // The list's campaign now: the list may have moved since the import began.
    const list = await findList(tx, job.listId);
    if (!list) return undefined;
    let inserted = 0;
    let dnc = 0;
    if (staged.size) {
      await tx.execute(sql.raw(`create temporary table import_stage (row_no int, phone text, extra text[], phones jsonb, data jsonb, timezone text, state text, zip text) on commit drop`));
      await copyTextInto(tx, `copy import_stage (${STAGE_COLUMNS})`, copy);
      const outcome = await insertStagedLeads(tx, { campaignId: list.campaignId, listId: list.id }, job.dncMode === "skip");
      inserted = staged.size;
      for (const o of outcome) {
        const { phone, raw } = staged.get(o.row_no)!;
        if (o.hit) {
          dnc += 1;
          if (o.skipped) {
            inserted -= 1;
            problems.push({ importId: job.id, rowNo: o.row_no, kind: "dnc", field: "phone", message: `skipped: ${o.hit.join(", ")} on a do-not-call list`, raw: rawOf(raw) });
            continue;
          }
        }
        if (o.existing) {
          inserted -= 1;
          problems.push({ importId: job.id, rowNo: o.row_no, kind: "duplicate", field: "phone", message: `${phone} is already in this list`, raw: rawOf(raw) });
        }
      }
    }
    if (problems.length) await insertImportErrors(tx, problems.sort((a, b) => a.rowNo - b.rowNo));
    return addImportProgress(tx, job.id, {
      rows: records.length,
      inserted,
      duplicates: problems.filter((p) => p.kind === "duplicate").length,
      dnc,
      errors: problems.filter((p) => p.kind === "error").length,
    });
  });
  // Only rows now in the database count as seen (a rolled-back batch is retried whole).
  if (!result) return undefined;
  for (const [row, { phone }] of staged) if (!firstRow.has(phone)) firstRow.set(phone, row);
  return { job: result, busyMs };
}

// ---------------------------------------------------------------------------------------------
// Reading jobs

export async function getImport(id: number) {
  const job = await findImport(await getDb(), id);
  if (!job) throw ApiError.notFound("Import");
  return toImportDto(job);
}

export async function listImports(listId: number) {
  const db = await getDb();
  if (!(await findList(db, listId))) throw ApiError.notFound("List");
  return (await listImportRows(db, listId)).map(toImportDto);
}

export async function importErrors(id: number, query: z.output<typeof importErrorsQuery>) {
  const db = await getDb();
  if (!(await findImport(db, id))) throw ApiError.notFound("Import");
  const { rows, total } = await listImportErrorRows(db, id, query.page, query.per_page);
  return { data: rows.map(toImportErrorDto), pagination: pagination(total, query.page, query.per_page) };
}

/** The whole error report as CSV (row, kind, field, message, raw), streamed page by page. */
export async function importErrorsCsv(id: number): Promise<Response> {
  const db = await getDb();
  const job = await findImport(db, id);
  if (!job) throw ApiError.notFound("Import");
  const enc = new TextEncoder();
  const pages = allImportErrors(db, id);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode("row,kind,field,message,raw\r\n"));
    },
    async pull(c) {
      const next = await pages.next();
      if (next.done) return c.close();
      c.enqueue(enc.encode(next.value.map((e) => csvLine([String(e.rowNo), e.kind, e.field ?? "", e.message, e.raw ?? ""], ",") + "\r\n").join("")));
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="import-${id}-errors.csv"` },
  });
}
