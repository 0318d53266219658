import type { z } from "zod";
import { getDb } from "@/db/client";
import { orNotFound } from "../api/errors";
import { pagination } from "../api/envelope";
import { cdrStats, findCdr, listCdrRows, toCdrDto, type CdrFilter } from "./queries";
import type { cdrStatsQuery, listCdrQuery } from "./validation";

/** The list and its stats take the same filters, so their totals agree. */
function filterOf(q: z.output<typeof cdrStatsQuery>): CdrFilter {
  return {
    campaignId: q.campaign_id,
    trunkId: q.trunk_id,
    disposition: q.disposition,
    startDate: q.start_date,
    endDate: q.end_date,
    search: q.search,
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
