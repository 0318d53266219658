import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Caller } from "../api/caller";
import { orNotFound } from "../api/errors";
import { csvDownload } from "../api/csv-stream";
import { pagination } from "../api/envelope";
import { recordAudit } from "../audit/queries";
import { cdrCsvStream, cdrExportFileName } from "./export";
import { cdrStats, findCdr, listCdrRows, toCdrDto, type CdrFilter } from "./queries";
import type { cdrStatsQuery, exportCdrQuery, listCdrQuery } from "./validation";

/** The list and its stats take the same filters, so their totals agree. */
function filterOf(q: z.output<typeof cdrStatsQuery>): CdrFilter {
  return {
    campaignId: q.campaign_id,
    trunkId: q.trunk_id,
    disposition: q.disposition,
    startDate: q.start_date,
    endDate: q.end_date,
    search: q.search,
    agentId: q.agent_id,
    outcome: q.outcome,
    number: q.number,
  };
}

export async function listCdr(q: z.output<typeof listCdrQuery>) {
  const { rows, total } = await listCdrRows(await getDb(), filterOf(q), q.page, q.per_page);
  return { data: rows.map(toCdrDto), pagination: pagination(total, q.page, q.per_page) };
}

export async function getCdr(id: number) {
  const row = orNotFound(await findCdr(await getDb(), id), "CDR record");
  return toCdrDto(row);
}

export async function getCdrStats(q: z.output<typeof cdrStatsQuery>) {
  return cdrStats(await getDb(), filterOf(q));
}

/**
 * Every record the filters match, as a CSV download streamed in batches. Exports carry callers'
 * numbers out of Pacer in bulk, so each one is audited with its filters.
 */
export async function exportCdr(caller: Caller, q: z.output<typeof exportCdrQuery>): Promise<Response> {
  const db = await getDb();
  const filter = filterOf(q);
  await recordAudit(db, caller, { action: "cdr.export", entityType: "cdr", details: { filters: q } });
  return csvDownload(cdrCsvStream(db, filter), cdrExportFileName(filter));
}
