import { and, asc, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { countRows, deleteById, findById, insertRow, pageOf, rowsInIdOrder, updateById } from "@/db/rows";
import {
  campaigns,
  LEAD_STATUSES,
  leads,
  listImportErrors,
  listImports,
  lists,
  type Lead,
  type LeadStatus,
  type List,
  type ListImport,
  type ListImportError,
} from "@/db/schema";
import { bit, formatTime } from "../api/format";
import { toLeadDto } from "../leads/queries";

/** Every SQL touch of lists and their imports. */

export type ListStats = Record<"total" | LeadStatus, number>;
export const emptyListStats = (): ListStats => Object.fromEntries(["total", ...LEAD_STATUSES].map((s) => [s, 0])) as ListStats;

export type ListRow = List & { campaignName: string | null; campaignStatus: string | null };

export function toListDto(l: ListRow, stats: ListStats) {
  return {
    id: l.id,
    name: l.name,
    description: l.description,
    campaign_id: l.campaignId,
    campaign_name: l.campaignName,
    campaign_status: l.campaignStatus,
    active: bit(l.active),
    is_default: bit(l.isDefault),
    created_at: formatTime(l.createdAt)!,
    updated_at: formatTime(l.updatedAt),
    stats,
  };
}

export function toListLeadDto(l: Lead) {
  return { ...toLeadDto(l), custom: l.data ?? null };
}

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const withCampaign = { list: lists, campaignName: campaigns.name, campaignStatus: campaigns.status };
const flat = (r: { list: List; campaignName: string | null; campaignStatus: string | null }): ListRow => ({ ...r.list, campaignName: r.campaignName, campaignStatus: r.campaignStatus });

export async function listListRows(
  db: DbOrTx,
  opts: { campaignId?: number; search?: string; page: number; perPage: number },
): Promise<{ rows: ListRow[]; total: number }> {
  const where = and(
    opts.campaignId ? eq(lists.campaignId, opts.campaignId) : undefined,
    opts.search ? or(ilike(lists.name, likeOf(opts.search)), ilike(lists.description, likeOf(opts.search))) : undefined,
  );
  const { rows, total } = await pageOf(db, lists, where, opts, (limit, offset) =>
    db
      .select(withCampaign)
      .from(lists)
      .leftJoin(campaigns, eq(campaigns.id, lists.campaignId))
      .where(where)
      .orderBy(desc(lists.id))
      .limit(limit)
      .offset(offset),
  );
  return { rows: rows.map(flat), total };
}

export async function findList(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<ListRow | undefined> {
  const q = db.select(withCampaign).from(lists).leftJoin(campaigns, eq(campaigns.id, lists.campaignId)).where(eq(lists.id, id));
  const [row] = opts.forUpdate ? await q.for("update", { of: lists }) : await q;
  return row && flat(row);
}

export async function listStatsFor(db: DbOrTx, ids: number[]): Promise<Map<number, ListStats>> {
  const out = new Map(ids.map((id) => [id, emptyListStats()]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ listId: leads.listId, status: leads.status, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(inArray(leads.listId, ids))
    .groupBy(leads.listId, leads.status);
  for (const r of rows) {
    const s = out.get(r.listId!)!;
    s.total += r.n;
    if (r.status in s) s[r.status] += r.n;
  }
  return out;
}

export const insertList = (db: DbOrTx, values: typeof lists.$inferInsert): Promise<List> => insertRow(db, lists, values);

export const updateListRow = (db: DbOrTx, id: number, set: Partial<typeof lists.$inferInsert>): Promise<List | undefined> => updateById(db, lists, id, set);

/** A list moves with its leads: they are dialed by the campaign the list belongs to. */
export async function moveListLeads(db: DbOrTx, listId: number, campaignId: number): Promise<number> {
  const rows = await db.update(leads).set({ campaignId, updatedAt: new Date() }).where(eq(leads.listId, listId)).returning({ id: leads.id });
  return rows.length;
}

export const deleteListRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, lists, id);

export async function countCallingLeads(db: DbOrTx, listId: number): Promise<number> {
  return countRows(db, leads, and(eq(leads.listId, listId), eq(leads.status, "calling")));
}

/**
 * The campaign's default list (where the contract's numbers go), created the first time it is
 * needed. The caller holds the campaign's row lock, so two requests cannot both create it; the
 * partial unique index is the backstop.
 */
export async function ensureDefaultList(db: DbOrTx, campaign: { id: number; name: string }): Promise<List> {
  const [found] = await db.select().from(lists).where(and(eq(lists.campaignId, campaign.id), eq(lists.isDefault, true)));
  if (found) return found;
  const [created] = await db
    .insert(lists)
    .values({ name: `${campaign.name} — numbers`, description: "Numbers added to the campaign directly (the campaign numbers API).", campaignId: campaign.id, isDefault: true })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  const [again] = await db.select().from(lists).where(and(eq(lists.campaignId, campaign.id), eq(lists.isDefault, true)));
  return again;
}

/** Leads from before lists existed go into their campaign's default list (run at boot; idempotent). */
export async function adoptUnlistedLeads(db: DbOrTx): Promise<number> {
  const orphans = await db.selectDistinct({ campaignId: leads.campaignId }).from(leads).where(isNull(leads.listId));
  let moved = 0;
  for (const { campaignId } of orphans) {
    const [campaign] = await db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(eq(campaigns.id, campaignId));
    if (!campaign) continue;
    const list = await ensureDefaultList(db, campaign);
    // Before lists, a campaign held each number once, so each fits its default list; one that a
    // default list already has (added since) stays where it is.
    const rows = await db
      .update(leads)
      .set({ listId: list.id })
      .where(
        and(
          eq(leads.campaignId, campaignId),
          isNull(leads.listId),
          sql`not exists (select 1 from leads d where d.list_id = ${list.id} and d.phone_number = ${leads.phoneNumber})`,
        ),
      )
      .returning({ id: leads.id });
    moved += rows.length;
  }
  return moved;
}

export async function findListLead(db: DbOrTx, listId: number, phoneNumber: string): Promise<Lead | undefined> {
  const [row] = await db.select().from(leads).where(and(eq(leads.listId, listId), eq(leads.phoneNumber, phoneNumber)));
  return row;
}

export async function listListLeadRows(
  db: DbOrTx,
  opts: { listId: number; status?: LeadStatus; search?: string; page: number; perPage: number },
): Promise<{ rows: Lead[]; total: number }> {
  const digits = opts.search?.replace(/[\s().-]/g, "");
  const where = and(
    eq(leads.listId, opts.listId),
    opts.status ? eq(leads.status, opts.status) : undefined,
    opts.search
      ? or(
          digits ? ilike(leads.phoneNumber, likeOf(digits)) : undefined,
          digits ? sql`${leads.phones}::text ilike ${likeOf(digits)}` : undefined,
          sql`${leads.data}::text ilike ${likeOf(opts.search)}`,
        )
      : undefined,
  );
  return pageOf(db, leads, where, opts, (limit, offset) =>
    db.select().from(leads).where(where).orderBy(asc(leads.id)).limit(limit).offset(offset),
  );
}

// ---------------------------------------------------------------------------------------------
// Imports

export function toImportDto(j: ListImport) {
  return {
    id: j.id,
    list_id: j.listId,
    status: j.status,
    file_name: j.fileName,
    has_header: bit(j.hasHeader),
    header: j.header,
    mapping: j.mapping as Record<string, unknown>,
    dnc_mode: j.dncMode,
    delimiter: j.delimiter,
    total_rows: j.totalRows,
    rows_done: j.rowsDone,
    progress: j.totalRows ? Math.min(1, Math.round((j.rowsDone / j.totalRows) * 10_000) / 10_000) : j.status === "completed" ? 1 : 0,
    inserted: j.inserted,
    duplicates: j.duplicates,
    dnc: j.dncRows,
    errors: j.errorRows,
    message: j.message,
    created_at: formatTime(j.createdAt)!,
    started_at: formatTime(j.startedAt),
    finished_at: formatTime(j.finishedAt),
  };
}

export const toImportErrorDto = (e: ListImportError) => ({ row: e.rowNo, kind: e.kind, field: e.field, message: e.message, raw: e.raw });

export const insertImport = (db: DbOrTx, values: typeof listImports.$inferInsert): Promise<ListImport> => insertRow(db, listImports, values);

export const findImport = (db: DbOrTx, id: number): Promise<ListImport | undefined> => findById(db, listImports, id);

export async function updateImport(db: DbOrTx, id: number, set: Partial<typeof listImports.$inferInsert>): Promise<ListImport | undefined> {
  const [row] = await db.update(listImports).set(set).where(eq(listImports.id, id)).returning();
  return row;
}

/** One committed batch: its counts are added to the job's in the same transaction as its rows. */
export async function addImportProgress(
  db: DbOrTx,
  id: number,
  add: { rows: number; inserted: number; duplicates: number; dnc: number; errors: number },
): Promise<ListImport> {
  const [row] = await db
    .update(listImports)
    .set({
      rowsDone: sql`${listImports.rowsDone} + ${add.rows}`,
      inserted: sql`${listImports.inserted} + ${add.inserted}`,
      duplicates: sql`${listImports.duplicates} + ${add.duplicates}`,
      dncRows: sql`${listImports.dncRows} + ${add.dnc}`,
      errorRows: sql`${listImports.errorRows} + ${add.errors}`,
    })
    .where(eq(listImports.id, id))
    .returning();
  return row;
}

export async function insertImportErrors(db: DbOrTx, rows: (typeof listImportErrors.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(listImportErrors).values(rows.slice(i, i + 1000));
}

export async function listImportRows(db: DbOrTx, listId: number, limit = 20): Promise<ListImport[]> {
  return db.select().from(listImports).where(eq(listImports.listId, listId)).orderBy(desc(listImports.id)).limit(limit);
}

export async function unfinishedImports(db: DbOrTx): Promise<ListImport[]> {
  return rowsInIdOrder(db, listImports, inArray(listImports.status, ["queued", "running"]));
}

export async function listImportErrorRows(db: DbOrTx, importId: number, page: number, perPage: number): Promise<{ rows: ListImportError[]; total: number }> {
  const where = eq(listImportErrors.importId, importId);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(listImportErrors).where(where).orderBy(asc(listImportErrors.rowNo), asc(listImportErrors.id)).limit(perPage).offset((page - 1) * perPage),
    db.select({ total: sql<number>`count(*)::int` }).from(listImportErrors).where(where),
  ]);
  return { rows, total };
}

/** Every error of an import, a page at a time (for the CSV report). */
export async function* allImportErrors(db: DbOrTx, importId: number): AsyncGenerator<ListImportError[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(listImportErrors)
      .where(and(eq(listImportErrors.importId, importId), sql`${listImportErrors.id} > ${after}`))
      .orderBy(asc(listImportErrors.id))
      .limit(2000);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

/** How many imports there are in each status (for /metrics). */
export async function importCountsByStatus(db: DbOrTx): Promise<{ status: string; count: number }[]> {
  return db.select({ status: listImports.status, count: sql<number>`count(*)::int` }).from(listImports).groupBy(listImports.status);
}
