import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { insertFromJson, jsonRecords, rowsOf } from "@/db/rows";
import { callAttempts, campaignRate, leads, type AttemptEvidence, type AttemptState, type CallAttempt, type LeadPhone } from "@/db/schema";
import { RATE_WINDOW_MS, type RateState } from "./campaign-rate";
import { countAttempt, currentPhone, settleAttempt, type LeadNext } from "./lead-phones";
import { inActiveList, iso } from "./queries";

/**
 * The claim's SQL, one step per function: room on the trunks → lock the candidates → record the
 * ones the screen passed over → write the attempts → lease the leads. `claimLeads` runs them in
 * one transaction.
 */

export type Candidate = {
  id: number;
  /** The number to call now: the lead's number at `phonePosition`. */
  phoneNumber: string;
  phonePosition: number;
  /** The lead's own number (phone 1) and all its numbers, as claimed. */
  leadPhone: string;
  phones: LeadPhone[] | null;
  attempts: number;
  timezone: string | null;
  state: string | null;
  zip: string | null;
  data: Record<string, unknown> | null;
};

export type Screened = {
  dial: Candidate[];
  /** Leads whose number to call now is on a do-not-call list. */
  dnc: Candidate[];
  later: { lead: Candidate; reason: string; retryAt: Date }[];
  /** The compliance evidence of each lead let out, by lead id: written with its attempt. */
  evidence?: Map<number, AttemptEvidence>;
};

export type NewAttempt = {
  leadId: number;
  phoneNumber: string;
  phonePosition: number;
  attemptNo: number;
  channelId: string;
  pbxKey: string;
  dialString: string;
  trunk: string | null;
  /** `claimed` unless said otherwise; preview mode claims a lead to show an agent (`preview`). */
  state?: Extract<AttemptState, "claimed" | "preview">;
  trunkId?: number | null;
  dialedAt?: Date | null;
  dialedNumber?: string | null;
};

/**
 * Decides, inside the claim's transaction, how many calls the campaign's trunks have room for and
 * which trunk each takes. null: the campaign dials through its own trunk_type/trunk_value.
 */
export type ClaimRouter<S> = { limit: number; assign: () => S | null; done: (tx: DbOrTx) => Promise<void> };

/** The campaign's call rate, inside the claim's transaction: how many may start now, and the record of those that did. */
export type ClaimRate = { room: number; done: (tx: DbOrTx, started: number) => Promise<void> };

export type ClaimOptions<S> = {
  campaignId: number;
  limit: number;
  owner: string;
  now: Date;
  leaseSec: number;
  screen: (tx: DbOrTx, candidates: Candidate[]) => Promise<Screened>;
  /** The campaign's call rate, when it has one: taken first, so a campaign at its rate locks no trunk. */
  rate?: (tx: DbOrTx) => Promise<ClaimRate | null>;
  /** Trunk routing, when the campaign has trunks: claims no more leads than they have room for. */
  route?: (tx: DbOrTx) => Promise<ClaimRouter<S> | null>;
  attemptFor: (lead: Candidate, slot: S | null) => Omit<NewAttempt, "leadId" | "phoneNumber" | "phonePosition" | "attemptNo">;
};

export type ClaimedAttempt = CallAttempt & { lead: Candidate };
export type Claim = { attempts: ClaimedAttempt[]; dnc: number; later: number; trunksFull?: boolean; rateFull?: boolean };

/**
 * Claims up to `limit` dialable leads of a campaign and writes their attempts, in one transaction:
 * `FOR UPDATE SKIP LOCKED` lets several dialers claim from one list without waiting on or taking
 * each other's rows; the lease (owner + expiry) says who holds a lead once the transaction is over.
 * `screen` sorts the candidates (DNC, calling hours) inside the same transaction, so a lead passed
 * over is marked with why, and nothing is claimed that it rejects.
 */
export async function claimLeads<S = never>(db: Db, opts: ClaimOptions<S>): Promise<Claim> {
  if (opts.limit <= 0) return { attempts: [], dnc: 0, later: 0 };
  return db.transaction(async (tx) => {
    const rate = opts.rate ? await opts.rate(tx) : null;
    // At its call rate: nothing is claimed, every lead stays as it was.
    if (rate && rate.room <= 0) return { attempts: [], dnc: 0, later: 0, rateFull: true };
    const router = opts.route ? await opts.route(tx) : null;
    // No room on any trunk: nothing is claimed, every lead stays as it was.
    if (router && router.limit <= 0) return { attempts: [], dnc: 0, later: 0, trunksFull: true };
    const limit = Math.min(opts.limit, router?.limit ?? opts.limit, rate?.room ?? opts.limit);
    const candidates = await lockCandidates(tx, opts.campaignId, opts.now, limit);
    if (candidates.length === 0) return { attempts: [], dnc: 0, later: 0 };
    const screened = await opts.screen(tx, candidates);
    await recordPassedOver(tx, screened, opts.now);
    const passedOver = { dnc: screened.dnc.length, later: screened.later.length };
    if (screened.dial.length === 0) return { attempts: [], ...passedOver };
    const rows = attemptRows(screened, router, opts);
    if (router) await router.done(tx);
    if (rate && rows.length) await rate.done(tx, rows.length);
    if (rows.length === 0) return { attempts: [], ...passedOver };
    const attempts = await insertAttempts(tx, rows, screened.dial);
    await leaseLeads(tx, attempts, opts.owner, opts.now, opts.leaseSec);
    return { attempts, ...passedOver };
  });
}

/**
 * The campaign's rate row, locked until the transaction ends (made on its first claim), with its
 * calls started in the last minute. The lock is what makes the rate hold across processes: whoever
 * holds it sees every start handed out before it.
 */
export async function lockCampaignRate(tx: DbOrTx, campaignId: number, now: Date): Promise<RateState> {
  await tx.insert(campaignRate).values({ campaignId }).onConflictDoNothing();
  const [row] = await tx.select().from(campaignRate).where(eq(campaignRate.campaignId, campaignId)).for("update");
  return { last: row?.lastStart ?? 0, recent: await startsSince(tx, campaignId, now) };
}

/** The same read without the lock, for a look that places no call (the wallboard). */
export async function campaignRateState(db: DbOrTx, campaignId: number, now: Date): Promise<RateState> {
  const [row] = await db.select().from(campaignRate).where(eq(campaignRate.campaignId, campaignId));
  return { last: row?.lastStart ?? 0, recent: await startsSince(db, campaignId, now) };
}

async function startsSince(db: DbOrTx, campaignId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(callAttempts)
    .where(and(eq(callAttempts.campaignId, campaignId), gt(callAttempts.startedAt, since)));
  return r?.n ?? 0;
}

export async function saveCampaignRate(tx: DbOrTx, campaignId: number, last: number): Promise<void> {
  await tx.update(campaignRate).set({ lastStart: Math.round(last) }).where(eq(campaignRate.campaignId, campaignId));
}

/** The campaign's next dialable leads (pending, due, in an active list), locked, skipping those another dialer holds; each with its number to call now. */
async function lockCandidates(tx: DbOrTx, campaignId: number, now: Date, limit: number): Promise<Candidate[]> {
  const rows = await tx
    .select({
      id: leads.id,
      leadPhone: leads.phoneNumber,
      phones: leads.phones,
      phonePosition: leads.phonePosition,
      attempts: leads.attempts,
      timezone: leads.timezone,
      state: leads.state,
      zip: leads.zip,
      data: leads.data,
    })
    .from(leads)
    .where(and(eq(leads.campaignId, campaignId), eq(leads.status, "pending"), or(isNull(leads.nextAttemptAt), lte(leads.nextAttemptAt, now)), inActiveList(campaignId)))
    .orderBy(asc(leads.id))
    .limit(limit)
    .for("update", { of: leads, skipLocked: true });
  return rows.map((r) => {
    const { position, phone } = currentPhone({ phoneNumber: r.leadPhone, attempts: r.attempts, phones: r.phones, phonePosition: r.phonePosition });
    return { ...r, phoneNumber: phone.number, phonePosition: position };
  });
}

/** Leads the screen passed over say why: a barred number moves the lead on to its next number (or ends it); one outside its hours waits until they open. */
async function recordPassedOver(tx: DbOrTx, screened: Screened, now: Date) {
  if (screened.dnc.length) {
    await setLeadNext(
      tx,
      screened.dnc.map((l) => ({ id: l.id, next: skipPhone(l), skipReason: "dnc" })),
      now,
    );
  }
  if (screened.later.length) {
    const values = screened.later.map((l) => sql`(${l.lead.id}::int, ${l.retryAt.toISOString()}::timestamptz, ${l.reason}::text)`);
    await tx.execute(sql`
      update leads as l set next_attempt_at = v.at, skip_reason = v.reason, updated_at = ${now.toISOString()}::timestamptz
      from (values ${sql.join(values, sql`, `)}) as v(id, at, reason) where l.id = v.id`);
  }
}

/**
 * One attempt row per lead to dial, each on the trunk slot the router gives it and with the
 * screen's evidence; a lead beyond the router's room is left unclaimed.
 */
function attemptRows<S>(screened: Screened, router: ClaimRouter<S> | null, opts: ClaimOptions<S>) {
  const rows = [];
  for (const l of screened.dial) {
    const slot = router ? router.assign() : null;
    if (router && !slot) continue;
    const evidence = screened.evidence?.get(l.id) ?? null;
    rows.push({ campaignId: opts.campaignId, leadId: l.id, phoneNumber: l.phoneNumber, phonePosition: l.phonePosition, attemptNo: l.attempts + 1, owner: opts.owner, startedAt: opts.now, evidence, ...opts.attemptFor(l, slot) });
  }
  return rows;
}

/** What an attempt row holds that the claim does not set: the table's defaults. */
const ATTEMPT_DEFAULTS = { dialedNumber: null, trunkId: null, dialedAt: null, failovers: 0, agentId: null, amdResult: null, abandoned: false, answeredAt: null, endedAt: null, outcome: null, agentDisposition: null, connectedAt: null } as const;
const ATTEMPT_COLUMNS = ["campaignId", "leadId", "phoneNumber", "phonePosition", "attemptNo", "channelId", "pbxKey", "owner", "state", "dialString", "dialedNumber", "trunk", "trunkId", "startedAt", "dialedAt", "evidence"] as const;

/**
 * The attempts in one statement bound as one JSON value (see insertFromJson); only their ids come
 * back, the rest (evidence included, which is large) is what was written.
 */
async function insertAttempts(tx: DbOrTx, rows: ReturnType<typeof attemptRows>, dial: Candidate[]): Promise<ClaimedAttempt[]> {
  const byLead = new Map(dial.map((l) => [l.id, l]));
  const written = rows.map((r) => ({ ...ATTEMPT_DEFAULTS, ...r, state: r.state ?? "claimed" }));
  const ids = rowsOf<{ id: number; lead_id: number }>(await tx.execute(insertFromJson(callAttempts, [...ATTEMPT_COLUMNS], written, sql`returning id, lead_id`)));
  const byLeadRow = new Map(written.map((r) => [r.leadId, r]));
  return ids.map(({ id, lead_id }): ClaimedAttempt => ({ ...byLeadRow.get(Number(lead_id))!, id: Number(id), lead: byLead.get(Number(lead_id))! }));
}

/** The claimed leads are this dialer's until the lease runs out: `calling`, their attempt counted on the number called. */
async function leaseLeads(tx: DbOrTx, attempts: ClaimedAttempt[], owner: string, now: Date, leaseSec: number) {
  const leaseUntil = new Date(now.getTime() + leaseSec * 1000).toISOString();
  const values = attempts.map((a) => ({ lead_id: a.leadId, attempt_id: a.id, phones: countAttempt(asPhonesRow(a.lead), a.lead.phonePosition, now) }));
  await tx.execute(sql`
    update leads as l set status = 'calling', attempts = l.attempts + 1, last_attempt = ${now.toISOString()}::timestamptz,
      phones = v.phones, current_attempt_id = v.attempt_id, lease_owner = ${owner}, lease_until = ${leaseUntil}::timestamptz,
      skip_reason = null, updated_at = ${now.toISOString()}::timestamptz
    from ${jsonRecords("v", values, "lead_id int, attempt_id int, phones jsonb")} where l.id = v.lead_id`);
}

const asPhonesRow = (l: Candidate) => ({ phoneNumber: l.leadPhone, attempts: l.attempts, phones: l.phones, phonePosition: l.phonePosition });

function skipPhone(l: Candidate): LeadNext {
  return settleAttempt(asPhonesRow(l), l.phonePosition, { outcome: "cancelled", rules: { retryTimes: 0, retryDelaySec: 0, rules: null }, now: new Date(), phoneOnDnc: true });
}

/** Writes leads' next state (status, numbers, position, next attempt) in one statement. */
async function setLeadNext(tx: DbOrTx, rows: { id: number; next: LeadNext; skipReason?: string | null }[], now: Date) {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      sql`(${r.id}::int, ${r.next.status}::text, ${JSON.stringify(r.next.phones)}::jsonb, ${r.next.phonePosition}::int, ${iso(r.next.nextAttemptAt)}::timestamptz, ${r.skipReason ?? null}::text)`,
  );
  await tx.execute(sql`
    update leads as l set status = v.status, phones = v.phones, phone_position = v.position, next_attempt_at = v.next_at,
      skip_reason = v.reason, updated_at = ${now.toISOString()}::timestamptz
    from (values ${sql.join(values, sql`, `)}) as v(id, status, phones, position, next_at, reason) where l.id = v.id`);
}
