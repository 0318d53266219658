import type { z } from "zod";
import { getDb } from "@/db/client";
import { ApiError } from "../api/errors";
import { pagination } from "../api/envelope";
import { cdrStats, findCdr, listCdrRows, toCdrDto } from "./queries";
import type { cdrStatsQuery, listCdrQuery } from "./validation";

export async function listCdr(q: z.output<typeof listCdrQuery>) {
  const { rows, total } = await listCdrRows(
    await getDb(),
    { campaignId: q.campaign_id, disposition: q.disposition, startDate: q.start_date, endDate: q.end_date, search: q.search },
    q.page,
    q.per_page,
  );
  return { data: rows.map(toCdrDto), pagination: pagination(total, q.page, q.per_page) };
}

export async function getCdr(id: number) {
  const row = await findCdr(await getDb(), id);
  if (!row) throw ApiError.notFound("CDR record");
  return toCdrDto(row);
}

export async function getCdrStats(q: z.output<typeof cdrStatsQuery>) {
  return cdrStats(await getDb(), {
    campaignId: q.campaign_id,
    startDate: q.start_date,
    endDate: q.end_date,
    disposition: q.disposition,
    search: q.search,
  });
}
