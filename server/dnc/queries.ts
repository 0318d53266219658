import { and, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, pageOf, rowsOf } from "@/db/rows";
import { campaigns, dncNumbers, type DncNumber, type DncSource } from "@/db/schema";
import { formatTime } from "../api/format";

export type DncRow = DncNumber & { campaignName: string | null };

export function toDncDto(r: DncRow) {
  return {
    id: r.id,
    campaign_id: r.campaignId,
    campaign_name: r.campaignName,
    phone_number: r.phoneNumber,
    source: r.source,
    note: r.note,
    created_by: r.createdBy,
    created_at: formatTime(r.createdAt)!,
  };
}

/** Which list: one campaign's, the system-wide one, or every list (undefined). */
export type DncScope = number | "global" | undefined;

const scopeWhere = (scope: DncScope): SQL | undefined =>
  scope === "global" ? isNull(dncNumbers.campaignId) : scope !== undefined ? eq(dncNumbers.campaignId, scope) : undefined;

const likeOf = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listDncRows(
  db: DbOrTx,
  opts: { scope: DncScope; search?: string; page: number; perPage: number },
): Promise<{ rows: DncRow[]; total: number }> {
  // A number is searched as it is stored (normalised); the note as typed.
  const digits = opts.search?.replace(/[\s().-]/g, "");
  const where = and(
    scopeWhere(opts.scope),
    opts.search
      ? or(digits ? ilike(dncNumbers.phoneNumber, likeOf(digits)) : undefined, ilike(dncNumbers.note, likeOf(opts.search)))
      : undefined,
  );
  const { rows, total } = await pageOf(db, dncNumbers, where, opts, (limit, offset) =>
    db
      .select({ entry: dncNumbers, campaignName: campaigns.name })
      .from(dncNumbers)
      .leftJoin(campaigns, eq(campaigns.id, dncNumbers.campaignId))
      .where(where)
      .orderBy(desc(dncNumbers.id))
      .limit(limit)
      .offset(offset),
  );
  return { rows: rows.map((r) => ({ ...r.entry, campaignName: r.campaignName })), total };
}

export async function findDncNumber(db: DbOrTx, id: number, opts: { forUpdate?: boolean } = {}): Promise<DncRow | undefined> {
  const q = db
    .select({ entry: dncNumbers, campaignName: campaigns.name })
    .from(dncNumbers)
    .leftJoin(campaigns, eq(campaigns.id, dncNumbers.campaignId))
    .where(eq(dncNumbers.id, id));
  const [row] = opts.forUpdate ? await q.for("update", { of: dncNumbers }) : await q;
  return row && { ...row.entry, campaignName: row.campaignName };
}

export const deleteDncRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, dncNumbers, id);

export type NewDncNumber = {
  campaignId: number | null;
  phoneNumber: string;
  source: DncSource;
  note?: string | null;
  createdBy?: number | null;
};

const toValues = (e: NewDncNumber) => ({
  campaignId: e.campaignId,
  phoneNumber: e.phoneNumber,
  source: e.source,
  note: e.note ?? null,
  createdBy: e.createdBy ?? null,
});

/**
 * Idempotent: a number already on that list is left as it is (`added: false`). The unique index
 * is on (coalesce(campaign_id, 0), phone_number), so system-wide entries are unique too.
 */
export async function addDncNumber(db: DbOrTx, entry: NewDncNumber): Promise<{ added: boolean }> {
  const rows = await db.insert(dncNumbers).values(toValues(entry)).onConflictDoNothing().returning({ id: dncNumbers.id });
  return { added: rows.length > 0 };
}

/** Like addDncNumber, returning the new row (undefined when the number was already listed). */
export async function insertDncNumber(db: DbOrTx, entry: NewDncNumber): Promise<DncNumber | undefined> {
  const [row] = await db.insert(dncNumbers).values(toValues(entry)).onConflictDoNothing().returning();
  return row;
}

const INSERT_CHUNK = 1000;

/** Many numbers onto lists, skipping those already there. Returns how many were added. */
export async function insertDncNumbers(db: DbOrTx, entries: NewDncNumber[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const done = await db
      .insert(dncNumbers)
      .values(entries.slice(i, i + INSERT_CHUNK).map(toValues))
      .onConflictDoNothing()
      .returning({ id: dncNumbers.id });
    added += done.length;
  }
  return added;
}

/**
 * The dialer's check before it places calls: which of these (normalised) numbers are on the
 * system-wide list or on this campaign's. One query on the phone number index.
 */
export async function dncNumbersAmong(db: DbOrTx, campaignId: number, phoneNumbers: string[]): Promise<Set<string>> {
  if (phoneNumbers.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ phoneNumber: dncNumbers.phoneNumber })
    .from(dncNumbers)
    .where(
      and(
        inArray(dncNumbers.phoneNumber, [...new Set(phoneNumbers)]),
        or(isNull(dncNumbers.campaignId), eq(dncNumbers.campaignId, campaignId)),
      ),
    );
  return new Set(rows.map((r) => r.phoneNumber));
}

/** A do-not-call list a campaign's numbers are checked against, and when it last gained an entry. */
export type DncListState = { scope: "system" | "campaign"; campaign_id: number | null; updated_at: string | null };

/**
 * The claim's screen in one round trip: which of these numbers are barred for the campaign (as
 * `dncNumbersAmong`), and the lists it checks (the system-wide one and the campaign's own) each
 * with its newest entry's time, for the attempts' evidence (two lookups on dnc_scope_created_idx).
 */
export async function dncScreen(db: DbOrTx, campaignId: number, phoneNumbers: string[]): Promise<{ barred: Set<string>; lists: DncListState[] }> {
  const scope = sql`coalesce(${dncNumbers.campaignId}, 0)`;
  const newest = (id: number) => sql`(select max(${dncNumbers.createdAt}) from ${dncNumbers} where ${scope} = ${id})`;
  const numbers = [...new Set(phoneNumbers)];
  const barred = numbers.length
    ? sql`select distinct ${dncNumbers.phoneNumber} as phone, null::timestamptz as system, null::timestamptz as campaign from ${dncNumbers}
        where ${dncNumbers.phoneNumber} in (${sql.join(numbers.map((n) => sql`${n}`), sql`, `)}) and (${dncNumbers.campaignId} is null or ${dncNumbers.campaignId} = ${campaignId})
        union all `
    : sql``;
  const rows = rowsOf<{ phone: string | null; system: string | Date | null; campaign: string | Date | null }>(
    await db.execute(sql`${barred}select null as phone, ${newest(0)} as system, ${newest(campaignId)} as campaign`),
  );
  const states = rows.find((r) => r.phone === null);
  return { barred: new Set(rows.flatMap((r) => (r.phone === null ? [] : [r.phone]))), lists: listStates(campaignId, states?.system, states?.campaign) };
}

function listStates(campaignId: number, system: string | Date | null | undefined, campaign: string | Date | null | undefined): DncListState[] {
  const at = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString());
  return [
    { scope: "system", campaign_id: null, updated_at: at(system) },
    { scope: "campaign", campaign_id: campaignId, updated_at: at(campaign) },
  ];
}

/**
 * The lists one number is on: `null` for the system-wide list, else campaign ids. With a campaign,
 * only the system-wide list and that campaign's are looked at.
 */
export async function dncScopesOf(db: DbOrTx, phoneNumber: string, campaignId?: number): Promise<(number | null)[]> {
  const rows = await db
    .select({ campaignId: dncNumbers.campaignId })
    .from(dncNumbers)
    .where(
      and(
        eq(dncNumbers.phoneNumber, phoneNumber),
        campaignId !== undefined ? or(isNull(dncNumbers.campaignId), eq(dncNumbers.campaignId, campaignId)) : undefined,
      ),
    );
  return rows.map((r) => r.campaignId).sort((a, b) => (a ?? 0) - (b ?? 0));
}
