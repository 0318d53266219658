import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { errorResponse } from "../api/envelope";
import { ApiError } from "../api/errors";
import { importCountsByStatus, unfinishedImports } from "../lists/queries";
import { logger } from "../logger";
import { authorizeScrape } from "./access";
import { observeHttp, pacerMetrics } from "./registry";

/** The list imports' figures live in the database (an import may run in any web process): read when scraped. */
async function refreshImportGauges() {
  const db = await getDb();
  const [byStatus, unfinished] = await Promise.all([importCountsByStatus(db), unfinishedImports(db)]);
  const m = pacerMetrics();
  m.imports.reset();
  for (const { status, count } of byStatus) m.imports.set({ status }, count);
  m.importProgress.reset();
  for (const job of unfinished) {
    const labels = { import: String(job.id), list: String(job.listId) };
    if (job.totalRows !== null) m.importProgress.set({ ...labels, kind: "total" }, job.totalRows);
    m.importProgress.set({ ...labels, kind: "done" }, job.rowsDone);
  }
}

/** Everything this process's registry holds, as Prometheus text. */
export async function metricsText(opts: { withDatabase: boolean }): Promise<{ body: string; contentType: string }> {
  if (opts.withDatabase) await refreshImportGauges();
  const { registry } = pacerMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** The /metrics route (and /api/metrics): access check, then the exposition; errors in the API's envelope. */
export async function scrapeMetrics(req: NextRequest, route: string): Promise<Response> {
  const started = performance.now();
  let res: Response;
  try {
    await authorizeScrape(req);
    const { body, contentType } = await metricsText({ withDatabase: true });
    res = new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof ApiError) res = errorResponse(err.code, err.message, err.errors);
    else {
      logger.error({ err, route }, "metrics scrape failed");
      res = errorResponse(500, "Internal server error");
    }
  }
  observeHttp(route, "GET", res.status, (performance.now() - started) / 1000);
  return res;
}
