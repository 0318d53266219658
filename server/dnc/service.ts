import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { pagination } from "../api/envelope";
import { rejectRepeatedNumbers } from "../api/validation";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { deleteDncRow, dncScopesOf, findDncNumber, insertDncNumber, insertDncNumbers, listDncRows, toDncDto } from "./queries";
import type { bulkDncBody, checkDncQuery, createDncBody, listDncQuery } from "./validation";

/** Returns the campaign's name; a campaign that does not exist is the caller's mistake (400). */
async function checkCampaign(db: DbOrTx, campaignId: number | null | undefined): Promise<string | null> {
  if (!campaignId) return null;
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) {
    throw ApiError.badRequest("Validation failed: campaign_id: no such campaign", { campaign_id: [`no campaign with id ${campaignId}`] });
  }
  return campaign.name;
}

const listName = (campaignId: number | null) => (campaignId ? "this campaign's do-not-call list" : "the system-wide do-not-call list");

/** Numbers added by hand in the dashboard are told apart from those sent by integrations. */
const sourceOf = (caller: Caller) => (caller.method === "session" ? "dashboard" : "api");

export async function listDnc(query: z.output<typeof listDncQuery>) {
  const db = await getDb();
  if (typeof query.campaign_id === "number") await checkCampaign(db, query.campaign_id);
  const { rows, total } = await listDncRows(db, { scope: query.campaign_id, search: query.search || undefined, page: query.page, perPage: query.per_page });
  return { data: rows.map(toDncDto), pagination: pagination(total, query.page, query.per_page) };
}

export async function addDnc(caller: Caller, input: z.output<typeof createDncBody>) {
  return inTransaction(async (tx) => {
    const campaignId = input.campaign_id ?? null;
    const campaignName = await checkCampaign(tx, campaignId);
    const row = await insertDncNumber(tx, {
      campaignId,
      phoneNumber: input.phone_number,
      source: sourceOf(caller),
      note: input.note,
      createdBy: caller.user.id,
    });
    if (!row) throw ApiError.conflict(`Number ${input.phone_number} is already on ${listName(campaignId)}`);
    const dto = toDncDto({ ...row, campaignName });
    await recordAudit(tx, caller, { action: "dnc.add", entityType: "dnc_number", entityId: row.id, details: dto });
    return dto;
  });
}

/**
 * All or nothing: any bad row (invalid, or repeated in the request) rejects the request with an
 * error per row, and nothing is written. Numbers already on the list are skipped and counted.
 */
export async function addDncBulk(caller: Caller, input: z.output<typeof bulkDncBody>) {
  rejectRepeatedNumbers(input.numbers);

  const campaignId = input.campaign_id ?? null;
  return inTransaction(async (tx) => {
    await checkCampaign(tx, campaignId);
    const added = await insertDncNumbers(
      tx,
      input.numbers.map((n) => ({ campaignId, phoneNumber: n.phone_number, source: "import", note: n.note, createdBy: caller.user.id })),
    );
    const result = { campaign_id: campaignId, added, skipped: input.numbers.length - added };
    await recordAudit(tx, caller, { action: "dnc.bulk_add", entityType: "dnc_list", entityId: campaignId ?? "global", details: result });
    return result;
  });
}

export async function deleteDnc(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findDncNumber(tx, id, { forUpdate: true }), "Do-not-call entry");
    await deleteDncRow(tx, id);
    await recordAudit(tx, caller, { action: "dnc.delete", entityType: "dnc_number", entityId: id, details: toDncDto(row) });
  });
}

/**
 * With a campaign: is the number on the system-wide list or that campaign's? Without: every list
 * it is on, and `dnc` only when the system-wide list bars it from every campaign.
 */
export async function checkDnc(query: z.output<typeof checkDncQuery>) {
  const db = await getDb();
  await checkCampaign(db, query.campaign_id);
  const scopes = await dncScopesOf(db, query.phone_number, query.campaign_id);
  return {
    phone_number: query.phone_number,
    dnc: query.campaign_id !== undefined ? scopes.length > 0 : scopes.includes(null),
    scopes: scopes.map((s) => s ?? ("global" as const)),
  };
}
