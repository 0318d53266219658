import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, insertRow, rowsInIdOrder, updateById } from "@/db/rows";
import { campaigns, ivrActions, ivrMenus, type IvrAction, type IvrMenu } from "@/db/schema";
import { formatTime } from "../api/format";

export function toIvrMenuDto(m: IvrMenu) {
  return {
    id: m.id,
    campaign_id: m.campaignId,
    name: m.name,
    audio_file: m.audioFile,
    timeout: m.timeout,
    max_digits: m.maxDigits,
    created_at: formatTime(m.createdAt)!,
    updated_at: formatTime(m.updatedAt),
  };
}

export function toIvrActionDto(a: IvrAction) {
  return {
    id: a.id,
    ivr_menu_id: a.ivrMenuId,
    dtmf_digit: a.dtmfDigit,
    action_type: a.actionType,
    action_value: a.actionValue,
    created_at: formatTime(a.createdAt)!,
  };
}

export async function listIvrMenuRows(db: DbOrTx, campaignId?: number): Promise<IvrMenu[]> {
  return rowsInIdOrder(db, ivrMenus, campaignId ? eq(ivrMenus.campaignId, campaignId) : undefined);
}

export const findIvrMenu = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<IvrMenu | undefined> => findById(db, ivrMenus, id, opts);

export async function listIvrActionRows(db: DbOrTx, menuId: number): Promise<IvrAction[]> {
  return db.select().from(ivrActions).where(eq(ivrActions.ivrMenuId, menuId)).orderBy(asc(ivrActions.dtmfDigit));
}

export const insertIvrMenu = (db: DbOrTx, values: typeof ivrMenus.$inferInsert): Promise<IvrMenu> => insertRow(db, ivrMenus, values);

export const updateIvrMenuRow = async (db: DbOrTx, id: number, set: Partial<typeof ivrMenus.$inferInsert>): Promise<IvrMenu> => (await updateById(db, ivrMenus, id, set))!;

export type NewIvrAction = { dtmfDigit: string; actionType: IvrAction["actionType"]; actionValue: string | null };

export async function replaceIvrActions(db: DbOrTx, menuId: number, actions: NewIvrAction[]): Promise<void> {
  await db.delete(ivrActions).where(eq(ivrActions.ivrMenuId, menuId));
  if (actions.length) await db.insert(ivrActions).values(actions.map((a) => ({ ...a, ivrMenuId: menuId })));
}

export const deleteIvrMenuRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, ivrMenus, id);

/** Campaigns that send answered calls to this menu. */
export async function campaignsUsingIvr(db: DbOrTx, menuId: number) {
  return db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.agentDestType, "ivr"), eq(campaigns.agentDestValue, String(menuId))));
}
