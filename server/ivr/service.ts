import type { z } from "zod";
import { getDb, inTransaction, type DbOrTx } from "@/db/client";
import type { IvrMenu } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { recordAudit } from "../audit/queries";
import { findCampaign } from "../campaigns/queries";
import {
  campaignsUsingIvr,
  deleteIvrMenuRow,
  findIvrMenu,
  insertIvrMenu,
  listIvrActionRows,
  listIvrMenuRows,
  replaceIvrActions,
  toIvrActionDto,
  toIvrMenuDto,
  updateIvrMenuRow,
} from "./queries";
import type { createIvrBody, updateIvrBody } from "./validation";

async function withActions(db: DbOrTx, menu: IvrMenu) {
  return { ...toIvrMenuDto(menu), actions: (await listIvrActionRows(db, menu.id)).map(toIvrActionDto) };
}

async function checkCampaign(db: DbOrTx, campaignId: number | null | undefined) {
  if (campaignId && !(await findCampaign(db, campaignId))) {
    throw ApiError.badRequest("Validation failed: campaign_id: no such campaign", { campaign_id: [`no campaign with id ${campaignId}`] });
  }
}

type ActionInput = z.output<typeof createIvrBody>["actions"][number];
const toActions = (list: ActionInput[]) =>
  list.map((a) => ({ dtmfDigit: a.dtmf_digit, actionType: a.action_type, actionValue: a.action_value ?? null }));

export async function listIvrMenus(campaignId?: number) {
  return (await listIvrMenuRows(await getDb(), campaignId)).map(toIvrMenuDto);
}

export async function getIvrMenu(id: number) {
  const db = await getDb();
  const menu = orNotFound(await findIvrMenu(db, id), "IVR menu");
  return withActions(db, menu);
}

export async function createIvrMenu(caller: Caller, input: z.output<typeof createIvrBody>) {
  return inTransaction(async (tx) => {
    await checkCampaign(tx, input.campaign_id);
    const menu = await insertIvrMenu(tx, {
      campaignId: input.campaign_id ?? null,
      name: input.name,
      audioFile: input.audio_file ?? null,
      timeout: input.timeout,
      maxDigits: input.max_digits,
    });
    await replaceIvrActions(tx, menu.id, toActions(input.actions));
    const dto = await withActions(tx, menu);
    await recordAudit(tx, caller, { action: "ivr.create", entityType: "ivr_menu", entityId: menu.id, details: dto });
    return dto;
  });
}

export async function updateIvrMenu(caller: Caller, id: number, input: z.output<typeof updateIvrBody>) {
  return inTransaction(async (tx) => {
    const before = orNotFound(await findIvrMenu(tx, id, { forUpdate: true }), "IVR menu");
    await checkCampaign(tx, input.campaign_id);
    const beforeDto = await withActions(tx, before);
    const menu = await updateIvrMenuRow(tx, id, {
      campaignId: input.campaign_id,
      name: input.name,
      audioFile: input.audio_file,
      timeout: input.timeout,
      maxDigits: input.max_digits,
    });
    if (input.actions) await replaceIvrActions(tx, id, toActions(input.actions));
    const dto = await withActions(tx, menu);
    await recordAudit(tx, caller, { action: "ivr.update", entityType: "ivr_menu", entityId: id, details: { before: beforeDto, after: dto } });
    return dto;
  });
}

export async function deleteIvrMenu(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const menu = orNotFound(await findIvrMenu(tx, id, { forUpdate: true }), "IVR menu");
    const users = await campaignsUsingIvr(tx, id);
    if (users.length) {
      throw ApiError.conflict(
        `IVR menu is the destination of campaign(s) ${users.map((c) => `${c.id} (${c.name})`).join(", ")}; change them first`,
      );
    }
    const dto = await withActions(tx, menu);
    await deleteIvrMenuRow(tx, id);
    await recordAudit(tx, caller, { action: "ivr.delete", entityType: "ivr_menu", entityId: id, details: dto });
  });
}
