import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { deleteById, findById, pageOf, rowsOf } from "@/db/rows";
import { leads, type Lead, type LeadPhone, type LeadStatus } from "@/db/schema";
import { formatTime } from "../api/format";
import { newPhone, phonesOf } from "../dialer/lead-phones";

export function toLeadDto(l: Lead) {
  return {
    id: l.id,
    campaign_id: l.campaignId,
    phone_number: l.phoneNumber,
    status: l.status,
    attempts: l.attempts,
    last_attempt: formatTime(l.lastAttempt),
    data: l.data == null ? null : JSON.stringify(l.data),
    list_id: l.listId,
    phone_position: l.phonePosition,
    phones: phonesOf(l).map((p, i) => ({
      position: i + 1,
      phone_number: p.number,
      status: p.state,
      attempts: p.attempts,
      last_outcome: p.outcome,
      last_attempt: p.lastAttempt ? formatTime(new Date(p.lastAttempt)) : null,
    })),
    timezone: l.timezone,
    state: l.state,
    zip: l.zip,
    next_attempt_at: formatTime(l.nextAttemptAt),
    skip_reason: l.skipReason,
    disposition: l.disposition,
    created_at: formatTime(l.createdAt)!,
    updated_at: formatTime(l.updatedAt),
  };
}

export async function listLeadRows(
  db: DbOrTx,
  opts: { campaignId: number; status?: LeadStatus; page: number; perPage: number },
): Promise<{ rows: Lead[]; total: number }> {
  const where = and(eq(leads.campaignId, opts.campaignId), opts.status ? eq(leads.status, opts.status) : undefined);
  return pageOf(db, leads, where, opts, (limit, offset) =>
    db.select().from(leads).where(where).orderBy(asc(leads.id)).limit(limit).offset(offset),
  );
}

export const findLead = (db: DbOrTx, id: number, opts?: { forUpdate?: boolean }): Promise<Lead | undefined> => findById(db, leads, id, opts);

/** Another lead of the same list (or, for a lead from before lists, the same campaign) with this phone 1. */
export async function findLeadByPhone(db: DbOrTx, lead: Pick<Lead, "listId" | "campaignId">, phoneNumber: string): Promise<Lead | undefined> {
  const scope = lead.listId === null ? and(eq(leads.campaignId, lead.campaignId), isNull(leads.listId)) : eq(leads.listId, lead.listId);
  const [row] = await db.select().from(leads).where(and(scope, eq(leads.phoneNumber, phoneNumber)));
  return row;
}

export type NewLead = {
  phoneNumber: string;
  /** Numbers after phone 1, tried in order. */
  extraPhones?: string[];
  /** Numbers (of phone 1 and the extras) never to call: on a do-not-call list when imported. */
  dncPhones?: ReadonlySet<string>;
  data: Record<string, unknown> | null;
  timezone?: string | null;
  state?: string | null;
  zip?: string | null;
};

const INSERT_CHUNK = 1000;

export function leadPhonesOf(r: NewLead): LeadPhone[] {
  return [r.phoneNumber, ...(r.extraPhones ?? [])].map((n) => newPhone(n, r.dncPhones?.has(n) ? "dnc" : "pending"));
}

/** A lead whose every number is barred is on the do-not-call list from the start. */
function initialState(phones: LeadPhone[]): { status: LeadStatus; phonePosition: number } {
  const first = phones.findIndex((p) => p.state === "pending");
  return first === -1 ? { status: "dnc", phonePosition: 1 } : { status: "pending", phonePosition: first + 1 };
}

/**
 * Inserts leads into a list, skipping numbers the list already has. Returns the phone numbers
 * that were skipped, so the caller can reject the whole request (and roll back) or report them.
 */
export async function insertLeads(
  db: DbOrTx,
  target: { campaignId: number; listId: number },
  rows: NewLead[],
): Promise<{ inserted: number; existing: Set<string> }> {
  let inserted = 0;
  const existing = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const payload = chunk.map((r) => {
      const phones = leadPhonesOf(r);
      const { status, phonePosition } = initialState(phones);
      return {
        campaign_id: target.campaignId,
        list_id: target.listId,
        phone_number: r.phoneNumber,
        phones,
        status,
        phone_position: phonePosition,
        data: r.data,
        timezone: r.timezone ?? null,
        state: r.state ?? null,
        zip: r.zip ?? null,
      };
    });
    // One JSON parameter rather than ten per row: building a thousand-row insert value by value
    // costs more CPU than the database spends on it (imports of 100,000 rows go through here).
    const result = await db.execute(sql`
      insert into leads (campaign_id, list_id, phone_number, phones, status, phone_position, data, timezone, state, zip)
      select x.campaign_id, x.list_id, x.phone_number, x.phones, x.status, x.phone_position, x.data, x.timezone, x.state, x.zip
      from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(campaign_id int, list_id int, phone_number text, phones jsonb,
        status text, phone_position int, data jsonb, timezone text, state text, zip text)
      on conflict (list_id, phone_number) do nothing
      returning phone_number`);
    const done = rowsOf<{ phone_number: string }>(result);
    inserted += done.length;
    if (done.length < chunk.length) {
      const ok = new Set(done.map((d) => d.phone_number));
      for (const r of chunk) if (!ok.has(r.phoneNumber)) existing.add(r.phoneNumber);
    }
  }
  return { inserted, existing };
}

/** What became of a staged row that did not simply go in: its numbers on a do-not-call list, skipped for them, or already in the list. */
export type StagedLeadOutcome = { row_no: number; hit: string[] | null; skipped: boolean; existing: boolean };

/**
 * Inserts the rows of the temporary table `import_stage` (row_no, phone, extra text[], phones jsonb with every
 * number pending, data, timezone, state, zip; one row per phone 1) into a list, in one statement: numbers on
 * the system's or the campaign's do-not-call list are marked `dnc` (a lead with every number barred is `dnc`,
 * or left out when `skipBarred`), and a phone 1 the list already has is skipped by the unique index. Returns
 * only the rows that were barred, left out or already there.
 */
export async function insertStagedLeads(db: DbOrTx, target: { campaignId: number; listId: number }, skipBarred: boolean): Promise<StagedLeadOutcome[]> {
  const result = await db.execute(sql`
    with hits as (
      select s.row_no, array_agg(u.n order by u.k) as hit
      from import_stage s cross join lateral unnest(array[s.phone] || s.extra) with ordinality as u(n, k)
      where exists (select 1 from dnc_numbers d where d.phone_number = u.n and (d.campaign_id is null or d.campaign_id = ${target.campaignId}))
      group by s.row_no
    ),
    staged as (
      select s.*, h.hit, h.hit is not null and cardinality(h.hit) = 1 + cardinality(s.extra) as all_barred
      from import_stage s left join hits h using (row_no)
    ),
    ins as (
      insert into leads (campaign_id, list_id, phone_number, phones, status, phone_position, data, timezone, state, zip)
      select ${target.campaignId}, ${target.listId}, r.phone,
        case when r.hit is null then r.phones else (
          select jsonb_agg(jsonb_build_object('number', u.n, 'attempts', 0, 'state', case when u.n = any(r.hit) then 'dnc' else 'pending' end,
            'outcome', null, 'lastAttempt', null) order by u.k)
          from unnest(array[r.phone] || r.extra) with ordinality as u(n, k)) end,
        case when r.all_barred then 'dnc' else 'pending' end,
        case when r.hit is null or r.all_barred then 1 else (
          select min(u.k) from unnest(array[r.phone] || r.extra) with ordinality as u(n, k) where u.n <> all(r.hit)) end,
        r.data, r.timezone, r.state, r.zip
      from staged r
      where not (${skipBarred} and r.all_barred)
      order by r.row_no
      on conflict (list_id, phone_number) do nothing
      returning phone_number
    )
    select r.row_no, r.hit, (${skipBarred} and r.all_barred) as skipped,
      (not (${skipBarred} and r.all_barred) and i.phone_number is null) as existing
    from staged r left join ins i on i.phone_number = r.phone
    where r.hit is not null or i.phone_number is null`);
  return rowsOf<StagedLeadOutcome>(result);
}

/** Sets a lead's numbers (phone 1 first) with the dialing state they lead to. */
export async function updateLeadPhonesRow(
  db: DbOrTx,
  id: number,
  next: { phones: LeadPhone[]; phonePosition: number; status: LeadStatus },
): Promise<Lead> {
  const [row] = await db
    .update(leads)
    .set({ phoneNumber: next.phones[0].number, phones: next.phones, phonePosition: next.phonePosition, status: next.status, updatedAt: new Date() })
    .where(eq(leads.id, id))
    .returning();
  return row;
}

export const deleteLeadRow = (db: DbOrTx, id: number): Promise<void> => deleteById(db, leads, id);

/**
 * The contract's stop rule: pending and calling numbers go back to pending with no attempts. The
 * leases go too: the calls in flight are hung up, and their results no longer settle these leads.
 */
export async function resetLeadsOnStop(db: DbOrTx, campaignId: number): Promise<number> {
  const rows = await db
    .update(leads)
    .set({
      status: "pending",
      attempts: 0,
      // Every number starts over too (those barred stay barred), from phone 1.
      phones: sql`(select jsonb_agg(e || jsonb_build_object('attempts', 0, 'outcome', null, 'lastAttempt', null,
        'state', case when e->>'state' = 'dnc' then 'dnc' else 'pending' end) order by n)
        from jsonb_array_elements(${leads.phones}) with ordinality as x(e, n))`,
      phonePosition: 1,
      nextAttemptAt: null,
      currentAttemptId: null,
      leaseOwner: null,
      leaseUntil: null,
      skipReason: null,
      updatedAt: new Date(),
    })
    .where(and(eq(leads.campaignId, campaignId), inArray(leads.status, ["pending", "calling"])))
    .returning({ id: leads.id });
  return rows.length;
}

export async function recentLeads(db: DbOrTx, campaignId: number, limit: number): Promise<Lead[]> {
  return db.select().from(leads).where(eq(leads.campaignId, campaignId)).orderBy(desc(leads.id)).limit(limit);
}
