import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
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
  return db
    .select()
    .from(ivrMenus)
    .where(campaignId ? eq(ivrMenus.campaignId, campaignId) : undefined)
    .orderBy(asc(ivrMenus.id));
}

export async function findIvrMenu(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<IvrMenu | undefined> {
  const q = db.select().from(ivrMenus).where(eq(ivrMenus.id, id));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

export async function listIvrActionRows(db: DbOrTx, menuId: number): Promise<IvrAction[]> {
  return db.select().from(ivrActions).where(eq(ivrActions.ivrMenuId, menuId)).orderBy(asc(ivrActions.dtmfDigit));
}

export async function insertIvrMenu(db: DbOrTx, values: typeof ivrMenus.$inferInsert): Promise<IvrMenu> {
  const [row] = await db.insert(ivrMenus).values(values).returning();
  return row;
}

export async function updateIvrMenuRow(db: DbOrTx, id: number, set: Partial<typeof ivrMenus.$inferInsert>): Promise<IvrMenu> {
  const [row] = await db
    .update(ivrMenus)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(ivrMenus.id, id))
    .returning();
  return row;
}

export type NewIvrAction = { dtmfDigit: string; actionType: IvrAction["actionType"]; actionValue: string | null };

export async function replaceIvrActions(db: DbOrTx, menuId: number, actions: NewIvrAction[]): Promise<void> {
  await db.delete(ivrActions).where(eq(ivrActions.ivrMenuId, menuId));
  if (actions.length) await db.insert(ivrActions).values(actions.map((a) => ({ ...a, ivrMenuId: menuId })));
}

export async function deleteIvrMenuRow(db: DbOrTx, id: number): Promise<void> {
  await db.delete(ivrMenus).where(eq(ivrMenus.id, id));
}

/** Campaigns that send answered calls to this menu. */
export async function campaignsUsingIvr(db: DbOrTx, menuId: number) {
  return db
    .select({ id: campaigns.id, name: campaigns.name, status: campaigns.status })
    .from(campaigns)
    .where(and(eq(campaigns.agentDestType, "ivr"), eq(campaigns.agentDestValue, String(menuId))));
}
