import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { pagination } from "../api/envelope";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { dncNumbersAmong } from "../dnc/queries";
import { insertLeads } from "../leads/queries";
import { publish } from "../runtime/registry";
import {
  countCallingLeads,
  deleteListRow,
  findList,
  findListLead,
  insertList,
  listListLeadRows,
  listListRows,
  listStatsFor,
  moveListLeads,
  toListDto,
  toListLeadDto,
  updateListRow,
  type ListRow,
} from "./queries";
import type { createListBody, listLeadInput, listLeadsQuery, listListsQuery, updateListBody } from "./validation";

/** A campaign whose lists may not change hands: it is dialing, or has calls still finishing. */
const BUSY = new Set(["running", "paused"]);

async function requireCampaign(db: DbOrTx, campaignId: number, opts: { forUpdate?: boolean } = {}) {
  const campaign = await findCampaign(db, campaignId, opts);
  if (!campaign) throw ApiError.badRequest("Validation failed: campaign_id: no such campaign", { campaign_id: [`no campaign with id ${campaignId}`] });
  return campaign;
}

async function requireList(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<ListRow> {
  const list = orNotFound(await findList(db, id, opts), "List");
  return list;
}

async function withStats(db: DbOrTx, list: ListRow) {
  const stats = await listStatsFor(db, [list.id]);
  return toListDto(list, stats.get(list.id)!);
}

function announce(campaignId: number) {
  publish({ type: "campaign.update", campaign_id: campaignId, status: null, change: "numbers", ts: new Date().toISOString() });
}

export async function listLists(query: z.output<typeof listListsQuery>) {
  const db = await getDb();
  const { rows, total } = await listListRows(db, { campaignId: query.campaign_id, search: query.search || undefined, page: query.page, perPage: query.per_page });
  const stats = await listStatsFor(db, rows.map((r) => r.id));
  return { data: rows.map((r) => toListDto(r, stats.get(r.id)!)), pagination: pagination(total, query.page, query.per_page) };
}

export async function getList(id: number) {
  const db = await getDb();
  return withStats(db, await requireList(db, id));
}

export async function createList(caller: Caller, input: z.output<typeof createListBody>) {
  const dto = await inTransaction(async (tx) => {
    await requireCampaign(tx, input.campaign_id);
    const row = await insertList(tx, { name: input.name, description: input.description, campaignId: input.campaign_id, active: input.active ?? true, createdBy: caller.user.id });
    const dto = await withStats(tx, (await findList(tx, row.id))!);
    await recordAudit(tx, caller, { action: "list.create", entityType: "list", entityId: row.id, details: { name: dto.name, campaign_id: dto.campaign_id, active: dto.active } });
    return dto;
  });
  announce(dto.campaign_id);
  return dto;
}

/**
 * Renames, (de)activates or moves a list. Deactivating takes effect at the dialer's next claim
 * (calls in flight finish). A move takes the list's leads along and is refused while either
 * campaign is running or paused, or while one of the leads is being called.
 */
export async function updateList(caller: Caller, id: number, input: z.output<typeof updateListBody>) {
  const db = await getDb();
  const { dto, from } = await db.transaction(async (tx) => {
    const before = await requireList(tx, id, { forUpdate: true });
    const moving = input.campaign_id !== undefined && input.campaign_id !== before.campaignId;
    if (moving) {
      if (before.isDefault) throw ApiError.conflict("A campaign's default list stays with its campaign; create a list to move numbers between campaigns");
      // Both campaigns locked in id order, so two moves the other way round cannot deadlock.
      const [a, b] = [before.campaignId, input.campaign_id!].sort((x, y) => x - y);
      const first = await findCampaign(tx, a, { forUpdate: true });
      const second = await findCampaign(tx, b, { forUpdate: true });
      const target = a === input.campaign_id ? first : second;
      const source = a === input.campaign_id ? second : first;
      if (!target) throw ApiError.badRequest("Validation failed: campaign_id: no such campaign", { campaign_id: [`no campaign with id ${input.campaign_id}`] });
      for (const c of [source, target]) {
        if (c && BUSY.has(c.status)) throw ApiError.conflict(`Cannot move a list while campaign ${c.id} (${c.name}) is ${c.status}; stop it first`);
      }
      if ((await countCallingLeads(tx, id)) > 0) throw ApiError.conflict("Cannot move a list while some of its numbers are being called");
    }
    await updateListRow(tx, id, {
      name: input.name,
      description: input.description === undefined ? undefined : input.description,
      active: input.active,
      campaignId: moving ? input.campaign_id : undefined,
    });
    const moved = moving ? await moveListLeads(tx, id, input.campaign_id!) : 0;
    const after = await requireList(tx, id);
    const changes: Record<string, unknown> = {};
    for (const [k, was, now] of [
      ["name", before.name, after.name],
      ["description", before.description, after.description],
      ["active", before.active, after.active],
      ["campaign_id", before.campaignId, after.campaignId],
    ] as const) {
      if (was !== now) changes[k] = { from: was, to: now };
    }
    await recordAudit(tx, caller, { action: moving ? "list.move" : "list.update", entityType: "list", entityId: id, details: { changes, ...(moving ? { leads_moved: moved } : {}) } });
    return { dto: await withStats(tx, after), from: before.campaignId };
  });
  announce(dto.campaign_id);
  if (from !== dto.campaign_id) announce(from);
  return dto;
}

/** Deletes a list and its leads; refused while its campaign is running or paused. */
export async function deleteList(caller: Caller, id: number) {
  const list = await inTransaction(async (tx) => {
    const list = await requireList(tx, id, { forUpdate: true });
    const campaign = await findCampaign(tx, list.campaignId, { forUpdate: true });
    if (campaign && BUSY.has(campaign.status)) throw ApiError.conflict(`Cannot delete a list while its campaign is ${campaign.status}; stop it first`);
    if ((await countCallingLeads(tx, id)) > 0) throw ApiError.conflict("Cannot delete a list while some of its numbers are being called");
    const stats = (await listStatsFor(tx, [id])).get(id)!;
    await deleteListRow(tx, id);
    await recordAudit(tx, caller, { action: "list.delete", entityType: "list", entityId: id, details: { name: list.name, campaign_id: list.campaignId, leads: stats.total } });
    return list;
  });
  announce(list.campaignId);
}

export async function listListLeads(id: number, query: z.output<typeof listLeadsQuery>) {
  const db = await getDb();
  await requireList(db, id);
  const { rows, total } = await listListLeadRows(db, { listId: id, status: query.status, search: query.search || undefined, page: query.page, perPage: query.per_page });
  return { data: rows.map(toListLeadDto), pagination: pagination(total, query.page, query.per_page) };
}

/** One lead with up to 8 numbers; numbers on a do-not-call list are kept but never called. */
export async function addListLead(caller: Caller, id: number, input: z.output<typeof listLeadInput>) {
  const dto = await inTransaction(async (tx) => {
    const list = await requireList(tx, id, { forUpdate: true });
    const extra = input.phones ?? [];
    const barred = await dncNumbersAmong(tx, list.campaignId, [input.phone_number, ...extra]);
    const { inserted } = await insertLeads(tx, { campaignId: list.campaignId, listId: id }, [
      {
        phoneNumber: input.phone_number,
        extraPhones: extra,
        dncPhones: barred,
        data: input.custom ?? input.data ?? null,
        timezone: input.timezone ?? null,
        state: input.state ? input.state.toUpperCase() : null,
        zip: input.zip ?? null,
      },
    ]);
    if (inserted === 0) throw ApiError.conflict(`Number ${input.phone_number} is already in this list`);
    const lead = (await findListLead(tx, id, input.phone_number))!;
    await recordAudit(tx, caller, { action: "lead.create", entityType: "list", entityId: id, details: { lead_id: lead.id, phone_number: input.phone_number, phones: extra, dnc: [...barred] } });
    return { dto: toListLeadDto(lead), campaignId: list.campaignId };
  });
  announce(dto.campaignId);
  return dto.dto;
}
