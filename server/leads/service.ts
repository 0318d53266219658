import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Caller } from "../api/caller";
import { ApiError, type FieldErrors } from "../api/errors";
import { pagination } from "../api/envelope";
import { rejectRepeatedNumbers } from "../api/validation";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import { ensureDefaultList } from "../lists/queries";
import { publish } from "../runtime/registry";
import { dncNumbersAmong } from "../dnc/queries";
import { editLeadPhones } from "./edit-phones";
import { deleteLeadRow, findLead, findLeadByPhone, insertLeads, listLeadRows, toLeadDto, updateLeadPhonesRow, type NewLead } from "./queries";
import { repeatedPhoneMessage, repeatedPhones, type bulkLeadsBody, type leadInput, type listLeadsQuery, type updateLeadBody } from "./validation";

async function requireCampaign(campaignId: number) {
  const campaign = await findCampaign(await getDb(), campaignId);
  if (!campaign) throw ApiError.notFound("Campaign");
  return campaign;
}

export async function listLeads(campaignId: number, query: z.output<typeof listLeadsQuery>) {
  await requireCampaign(campaignId);
  const { rows, total } = await listLeadRows(await getDb(), {
    campaignId,
    status: query.status,
    page: query.page,
    perPage: query.per_page,
  });
  return { data: rows.map(toLeadDto), pagination: pagination(total, query.page, query.per_page) };
}

export async function getLead(id: number) {
  const lead = await findLead(await getDb(), id);
  if (!lead) throw ApiError.notFound("Number");
  return toLeadDto(lead);
}

export async function addLead(caller: Caller, campaignId: number, input: z.output<typeof leadInput>) {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const campaign = await findCampaign(tx, campaignId, { forUpdate: true });
    if (!campaign) throw ApiError.notFound("Campaign");
    const list = await ensureDefaultList(tx, campaign);
    const { inserted } = await insertLeads(tx, { campaignId, listId: list.id }, [{ phoneNumber: input.phone_number, data: input.data ?? null, ...locationOf(input) }]);
    if (inserted === 0) throw ApiError.conflict(`Number ${input.phone_number} is already in this campaign`);
    await recordAudit(tx, caller, {
      action: "number.create",
      entityType: "campaign",
      entityId: campaignId,
      details: { phone_number: input.phone_number },
    });
    return { campaign_id: campaignId, phone_number: input.phone_number };
  });
  publish({ type: "campaign.update", campaign_id: campaignId, status: null, change: "numbers", ts: new Date().toISOString() });
  return result;
}

/**
 * All or nothing: any bad row (invalid, repeated in the request, or already in the campaign)
 * rejects the request with an error per row, and nothing is written.
 */
export async function addLeadsBulk(caller: Caller, campaignId: number, input: z.output<typeof bulkLeadsBody>) {
  rejectRepeatedNumbers(input.numbers);

  const rows: NewLead[] = input.numbers.map((n) => ({ phoneNumber: n.phone_number, data: n.data ?? null, ...locationOf(n) }));
  const db = await getDb();
  const count = await db.transaction(async (tx) => {
    const campaign = await findCampaign(tx, campaignId, { forUpdate: true });
    if (!campaign) throw ApiError.notFound("Campaign");
    const list = await ensureDefaultList(tx, campaign);
    const { inserted, existing } = await insertLeads(tx, { campaignId, listId: list.id }, rows);
    if (existing.size) {
      const errors: FieldErrors = {};
      rows.forEach((r, i) => {
        if (existing.has(r.phoneNumber)) errors[`numbers.${i}.phone_number`] = [`${r.phoneNumber} is already in this campaign`];
      });
      throw ApiError.badRequest(`Validation failed: ${existing.size} number(s) already in this campaign`, errors);
    }
    await recordAudit(tx, caller, {
      action: "number.bulk_create",
      entityType: "campaign",
      entityId: campaignId,
      details: { count: inserted },
    });
    return inserted;
  });
  publish({ type: "campaign.update", campaign_id: campaignId, status: null, change: "numbers", ts: new Date().toISOString() });
  return { campaign_id: campaignId, count };
}

/**
 * Replaces a lead's numbers. Refused (409) while the lead is being called, as a delete is: the call
 * in flight settles against the numbers it was dialed from.
 */
export async function updateLead(caller: Caller, id: number, input: z.output<typeof updateLeadBody>, via?: { agent_id: number }) {
  const db = await getDb();
  const lead = await db.transaction(async (tx) => {
    const before = await findLead(tx, id, { forUpdate: true });
    if (!before) throw ApiError.notFound("Number");
    if (before.status === "calling") throw ApiError.conflict("Cannot change the numbers of a lead that is being called");
    const beforeDto = toLeadDto(before);
    const first = input.phone_number ?? before.phoneNumber;
    const extras = input.phones ?? beforeDto.phones.slice(1).map((p) => p.phone_number);
    const repeated = repeatedPhones(first, extras);
    if (repeated.length) {
      throw ApiError.badRequest("Validation failed: repeated phone numbers", Object.fromEntries(repeated.map((r) => [`phones.${r.index}`, [repeatedPhoneMessage(r.phone)]])));
    }
    if (first !== before.phoneNumber && (await findLeadByPhone(tx, before, first))) throw ApiError.conflict(`Number ${first} is already in this list`);
    const numbers = [first, ...extras];
    const barred = await dncNumbersAmong(tx, before.campaignId, numbers);
    const after = await updateLeadPhonesRow(tx, id, editLeadPhones(before, numbers, barred));
    const afterDto = toLeadDto(after);
    await recordAudit(tx, caller, {
      action: "number.update",
      entityType: "number",
      entityId: id,
      details: { changes: { phones: { from: beforeDto.phones.map((p) => p.phone_number), to: afterDto.phones.map((p) => p.phone_number) } }, ...via },
    });
    return afterDto;
  });
  publish({ type: "campaign.update", campaign_id: lead.campaign_id, status: null, change: "numbers", ts: new Date().toISOString() });
  return lead;
}

export async function deleteLead(caller: Caller, id: number) {
  const db = await getDb();
  const lead = await db.transaction(async (tx) => {
    const lead = await findLead(tx, id, { forUpdate: true });
    if (!lead) throw ApiError.notFound("Number");
    if (lead.status === "calling") throw ApiError.conflict("Cannot delete a number that is being called");
    await deleteLeadRow(tx, id);
    await recordAudit(tx, caller, { action: "number.delete", entityType: "number", entityId: id, details: toLeadDto(lead) });
    return lead;
  });
  publish({ type: "campaign.update", campaign_id: lead.campaignId, status: null, change: "numbers", ts: new Date().toISOString() });
}

function locationOf(n: { timezone?: string | null; state?: string | null; zip?: string | null }) {
  return { timezone: n.timezone ?? null, state: n.state ? n.state.toUpperCase() : null, zip: n.zip ?? null };
}
