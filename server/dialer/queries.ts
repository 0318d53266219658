import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { countRows, insertFromJson, jsonRecords, rowsOf } from "@/db/rows";
import { callAttempts, campaigns, cdr, dialerNodes, leads, lists, type AttemptState, type CallAttempt, type Campaign, type EarlyDisposition } from "@/db/schema";
import { toCdrDto } from "../cdr/queries";
import { addDncNumber } from "../dnc/queries";
import { emitCampaignStatusChanged, emitWebhookEvents, webhookWanted } from "../webhooks/outbox";
import { settleAttempt, uncountAttempt, type AttemptEnd } from "./lead-phones";
import type { AbandonWindow } from "./pacing";

/** Every SQL touch of the dialer's live state: leases, attempts, closing calls into CDRs (the claim itself is in claim-queries.ts). */

export async function runningCampaigns(db: DbOrTx): Promise<Campaign[]> {
  return db.select().from(campaigns).where(eq(campaigns.status, "running")).orderBy(asc(campaigns.id));
}

export async function campaignStatuses(db: DbOrTx, ids: number[]): Promise<Map<number, Campaign["status"]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: campaigns.id, status: campaigns.status }).from(campaigns).where(inArray(campaigns.id, ids));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Attempts nobody has been called for yet: safe to give back after a crash. */
export const UNPLACED_STATES: AttemptState[] = ["claimed", "preview"];

/**
 * Leads the campaign dials: those in its active lists (and any from before lists existed, which
 * the boot moves into default lists).
 */
export function inActiveList(campaignId: number) {
  return or(
    isNull(leads.listId),
    inArray(leads.listId, sql`(select ${lists.id} from ${lists} where ${lists.campaignId} = ${campaignId} and ${lists.active})`),
  );
}

/**
 * The originates are about to go out: from here a crash may have called these people. A last look
 * at the do-not-call lists in the same statement (a number put on one since the claim is not
 * called): its attempt stays unplaced, and its number is in the set returned.
 */
export async function markOriginating(db: DbOrTx, campaignId: number, attempts: { id: number; phoneNumber: string }[]): Promise<Set<string>> {
  if (attempts.length === 0) return new Set();
  const numbers = sql.join([...new Set(attempts.map((a) => a.phoneNumber))].map((n) => sql`${n}`), sql`, `);
  const ids = sql.join(attempts.map((a) => sql`${a.id}::int`), sql`, `);
  const rows = rowsOf<{ phone: string }>(
    await db.execute(sql`
      with barred as (select distinct phone_number from dnc_numbers where phone_number in (${numbers}) and (campaign_id is null or campaign_id = ${campaignId})),
      marked as (update call_attempts set state = 'originating' where id in (${ids}) and state in ('claimed', 'preview') and phone_number not in (select phone_number from barred) returning id)
      select phone_number as phone from barred`),
  );
  return new Set(rows.map((r) => r.phone));
}

/**
 * A preview lead goes back to the list uncalled: the attempt row goes away and the attempt is not
 * counted. `retryAt` (a skip) keeps it out of the next claims until then; without it (the agent
 * left, the campaign stopped) it is dialable again at once.
 */
export async function returnPreviewLead(db: Db, attempt: CallAttempt, opts: { retryAt: Date | null; reason: string | null }): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(and(eq(leads.id, attempt.leadId), eq(leads.currentAttemptId, attempt.id))).for("update");
    if (lead) {
      await tx
        .update(leads)
        .set({
          status: "pending",
          attempts: sql`greatest(${leads.attempts} - 1, 0)`,
          // The number shown gives its attempt back too.
          phones: uncountAttempt(lead, attempt.phonePosition),
          currentAttemptId: null,
          leaseOwner: null,
          leaseUntil: null,
          ...(opts.retryAt ? { nextAttemptAt: opts.retryAt } : {}),
          skipReason: opts.reason,
          updatedAt: now,
        })
        .where(and(eq(leads.id, attempt.leadId), eq(leads.currentAttemptId, attempt.id), eq(leads.status, "calling")));
    }
    await tx.delete(callAttempts).where(and(eq(callAttempts.id, attempt.id), eq(callAttempts.state, "preview")));
  });
}

/**
 * Attempts claimed by a dialer that died before asking the PBX: nobody was called, so the lead
 * goes back to the list as it was and the attempt row goes away.
 */
export async function releaseUnplaced(db: Db, attempts: CallAttempt[], opts: { ownCalls?: boolean } = {}): Promise<void> {
  if (attempts.length === 0) return;
  await db.transaction(async (tx) => {
    for (const a of attempts) {
      const [lead] = await tx.select().from(leads).where(and(eq(leads.id, a.leadId), eq(leads.currentAttemptId, a.id))).for("update");
      if (!lead) continue;
      await tx
        .update(leads)
        .set({ status: "pending", attempts: sql`greatest(${leads.attempts} - 1, 0)`, phones: uncountAttempt(lead, a.phonePosition), currentAttemptId: null, leaseOwner: null, leaseUntil: null, updatedAt: new Date() })
        .where(eq(leads.id, lead.id));
    }
    // ownCalls: this dialer knows it never sent them (waiting for a start slot), whatever the row says.
    await tx.delete(callAttempts).where(and(inArray(callAttempts.id, attempts.map((a) => a.id)), opts.ownCalls ? ne(callAttempts.state, "ended") : inArray(callAttempts.state, UNPLACED_STATES)));
  });
}

/** An attempt's progress, written behind the call (batched; see AttemptWriter); `connected` stamps when an agent took it. */
export type AttemptProgress = { attemptId: number; state: "answered" | "connected"; at: Date; agentId?: number | null; amdResult?: string | null };

export type FinishedAttempt = {
  attempt: CallAttempt;
  outcome: string;
  endedAt: Date;
  answeredAt: Date | null;
  amdResult: string | null;
  abandoned: boolean;
  agentId: number | null;
  agentName: string | null;
  cause: number | null;
  causeText: string | null;
  sipCode: number | null;
  disposition: "answered" | "no_answer" | "busy" | "failed" | "cancelled";
  callerid: string | null;
  recordingFile: string | null;
  leadDisposition: string | null;
  /** Milliseconds from the last leg's originate to its first ring; null when it never rang (or was adopted after a restart). */
  postDialDelayMs: number | null;
  /** How the attempt ends for its lead; the lead's next state is worked out from its numbers when written. */
  settle: AttemptEnd;
};

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * An agent's disposition of a call still up, kept on its attempt for when it ends (see
 * writeAttempts). false: the call ended meanwhile (its attempt row is closed), and the
 * disposition is for an ended call.
 */
export async function holdDisposition(db: DbOrTx, attemptId: number, early: EarlyDisposition): Promise<boolean> {
  const rows = await db
    .update(callAttempts)
    .set({ agentDisposition: early })
    .where(and(eq(callAttempts.id, attemptId), ne(callAttempts.state, "ended")))
    .returning({ id: callAttempts.id });
  return rows.length > 0;
}

/**
 * Finished attempts with the dispositions their agents gave while the calls were up: the agent's
 * word settles the lead and goes on the CDR, as it would had it come after the hang-up; DNC puts
 * the number on the campaign's list. `closed`: what the statement closing the attempts returned,
 * under this transaction's row locks, so a disposition saved just before is seen and one just
 * after finds the call ended.
 */
async function withEarlyDispositions(tx: DbOrTx, finished: FinishedAttempt[], closed: { id: number; early: EarlyDisposition | null }[]): Promise<FinishedAttempt[]> {
  const rows = closed.filter((r) => r.early !== null);
  if (rows.length === 0) return finished;
  // A raw statement's jsonb: parsed by both drivers, a string should one not.
  const early = new Map(rows.map((r) => [Number(r.id), (typeof r.early === "string" ? JSON.parse(r.early) : r.early) as EarlyDisposition]));
  const out: FinishedAttempt[] = [];
  for (const f of finished) {
    const e = early.get(f.attempt.id);
    if (!e) {
      out.push(f);
      continue;
    }
    if (e.disposition === "DNC") await addDncNumber(tx, { campaignId: f.attempt.campaignId, phoneNumber: f.attempt.phoneNumber, source: "agent", note: e.notes ?? `agent ${f.agentName ?? ""}`.trim(), createdBy: e.userId });
    out.push({ ...f, leadDisposition: e.disposition, settle: { ...f.settle, disposition: e.disposition, callbackAt: e.callbackAt ? new Date(e.callbackAt) : null } });
  }
  return out;
}

/** The CDR's columns the dialer writes when a call ends. */
const CDR_COLUMNS: (keyof typeof cdr.$inferInsert & string)[] = [
  "campaignId", "campaignNumberId", "channelId", "uniqueid", "callerid", "destination", "dialedNumber", "phonePosition", "agent", "startTime", "answerTime", "endTime", "duration", "billsec",
  "disposition", "hangupCause", "hangupCauseText", "sipCode", "amdResult", "trunk", "trunkId", "recordingFile", "attemptId", "abandoned", "agentId", "leadDisposition", "postDialDelayMs",
];

/**
 * One row per attempt: an UPDATE … FROM joined to two rows of one attempt (answered, then connected
 * in the same batch) applies only one of them, so a batch's steps are folded first. The earliest
 * step is when the person answered; a connected step gives the agent and when they met.
 */
function progressRows(progress: AttemptProgress[]) {
  const byAttempt = new Map<number, { id: number; state: AttemptProgress["state"]; answered_at: Date; connected_at: Date | null; agent_id: number | null; amd: string | null }>();
  for (const p of progress) {
    const row = byAttempt.get(p.attemptId) ?? { id: p.attemptId, state: p.state, answered_at: p.at, connected_at: null, agent_id: null, amd: null };
    if (p.at < row.answered_at) row.answered_at = p.at;
    if (p.state === "connected") {
      row.state = "connected";
      row.connected_at ??= p.at;
    }
    row.agent_id = p.agentId ?? row.agent_id;
    row.amd = p.amdResult ?? row.amd;
    byAttempt.set(p.attemptId, row);
  }
  return [...byAttempt.values()];
}

/** Applies progress and closes finished attempts in one transaction: attempt row, CDR, lead. */
export async function writeAttempts(db: Db, progress: AttemptProgress[], closing: FinishedAttempt[]): Promise<void> {
  if (progress.length === 0 && closing.length === 0) return;
  await db.transaction(async (tx) => {
    if (progress.length) {
      await tx.execute(sql`
        update call_attempts as a set state = v.state,
          answered_at = coalesce(a.answered_at, v.answered_at), connected_at = coalesce(a.connected_at, v.connected_at),
          agent_id = coalesce(v.agent_id, a.agent_id), amd_result = coalesce(v.amd, a.amd_result)
        from ${jsonRecords("v", progressRows(progress), "id int, state text, answered_at timestamptz, connected_at timestamptz, agent_id int, amd text")} where a.id = v.id and a.state <> 'ended'`);
    }
    if (closing.length === 0) return;
    const values = closing.map((f) => ({ id: f.attempt.id, outcome: f.outcome, ended_at: f.endedAt, answered_at: f.answeredAt, amd: f.amdResult, abandoned: f.abandoned, agent_id: f.agentId }));
    const closed = await tx.execute(sql`
      update call_attempts as a set state = 'ended', outcome = v.outcome, ended_at = v.ended_at, answered_at = coalesce(v.answered_at, a.answered_at),
        amd_result = coalesce(v.amd, a.amd_result), abandoned = v.abandoned, agent_id = coalesce(v.agent_id, a.agent_id)
      from ${jsonRecords("v", values, "id int, outcome text, ended_at timestamptz, answered_at timestamptz, amd text, abandoned boolean, agent_id int")} where a.id = v.id
      returning a.id, a.agent_disposition as early`);
    const finished = await withEarlyDispositions(tx, closing, rowsOf(closed));
    const rows = finished.map((f): typeof cdr.$inferInsert => {
      const start = f.attempt.startedAt;
      const duration = Math.max(0, Math.round((f.endedAt.getTime() - start.getTime()) / 1000));
      const billsec = f.answeredAt ? Math.max(0, Math.round((f.endedAt.getTime() - f.answeredAt.getTime()) / 1000)) : 0;
      return {
        campaignId: f.attempt.campaignId,
        campaignNumberId: f.attempt.leadId,
        channelId: f.attempt.channelId,
        uniqueid: f.attempt.channelId,
        callerid: f.callerid,
        destination: f.attempt.phoneNumber,
        dialedNumber: f.attempt.dialedNumber ?? f.attempt.phoneNumber,
        phonePosition: f.attempt.phonePosition,
        agent: f.agentName,
        startTime: start,
        answerTime: f.answeredAt,
        endTime: f.endedAt,
        duration,
        billsec,
        disposition: f.disposition,
        hangupCause: f.cause,
        hangupCauseText: f.causeText,
        sipCode: f.sipCode,
        amdResult: f.amdResult,
        trunk: f.attempt.trunk,
        trunkId: f.attempt.trunkId,
        recordingFile: f.recordingFile,
        attemptId: f.attempt.id,
        abandoned: f.abandoned,
        agentId: f.agentId,
        leadDisposition: f.leadDisposition,
        postDialDelayMs: f.postDialDelayMs,
      };
    });
    // The rows written come back only for the webhooks that want them (a batch is one JSON value otherwise: see insertFromJson).
    if (await webhookWanted(tx, "call.finished")) {
      const written = await tx.insert(cdr).values(rows).onConflictDoNothing({ target: cdr.attemptId }).returning();
      await emitWebhookEvents(tx, "call.finished", written.map(toCdrDto));
    } else await tx.execute(insertFromJson(cdr, CDR_COLUMNS, rows, sql`on conflict (attempt_id) do nothing`));
    // Only the attempt that holds the lead may settle it: a stop (which resets leads) or an agent's
    // disposition may have got there first.
    const held = await tx
      .select({ id: leads.id, phoneNumber: leads.phoneNumber, attempts: leads.attempts, phones: leads.phones, phonePosition: leads.phonePosition, currentAttemptId: leads.currentAttemptId })
      .from(leads)
      .where(inArray(leads.id, [...new Set(finished.map((f) => f.attempt.leadId))]))
      // Locked in id order, as every other multi-lead lock is, so two writers cannot deadlock.
      .orderBy(asc(leads.id))
      .for("update");
    const byId = new Map(held.map((l) => [l.id, l]));
    const leadValues = [];
    for (const f of finished) {
      const lead = byId.get(f.attempt.leadId);
      if (!lead || lead.currentAttemptId !== f.attempt.id) continue;
      const next = settleAttempt(lead, f.attempt.phonePosition, f.settle);
      leadValues.push({ lead_id: lead.id, status: next.status, next_at: next.nextAttemptAt, disposition: f.leadDisposition, phones: next.phones, position: next.phonePosition });
    }
    if (leadValues.length === 0) return;
    await tx.execute(sql`
      update leads as l set status = v.status, next_attempt_at = v.next_at, disposition = coalesce(v.disposition, l.disposition),
        phones = v.phones, phone_position = v.position, current_attempt_id = null, lease_owner = null, lease_until = null, updated_at = now()
      from ${jsonRecords("v", leadValues, "lead_id int, status text, next_at timestamptz, disposition text, phones jsonb, position int")}
      where l.id = v.lead_id`);
  });
}

/** Attempts still open (not ended) on one PBX connection, or all of them. */
export async function openAttempts(db: DbOrTx, filter: { pbxKey?: string; notOwner?: string } = {}): Promise<CallAttempt[]> {
  return db
    .select()
    .from(callAttempts)
    .where(
      and(
        ne(callAttempts.state, "ended"),
        filter.pbxKey ? eq(callAttempts.pbxKey, filter.pbxKey) : undefined,
        filter.notOwner ? ne(callAttempts.owner, filter.notOwner) : undefined,
      ),
    );
}

export async function adoptAttempts(db: DbOrTx, ids: number[], owner: string, leaseSec: number): Promise<void> {
  if (ids.length === 0) return;
  await db.update(callAttempts).set({ owner }).where(inArray(callAttempts.id, ids));
  await db
    .update(leads)
    .set({ leaseOwner: owner, leaseUntil: new Date(Date.now() + leaseSec * 1000) })
    .where(and(inArray(leads.currentAttemptId, ids), eq(leads.status, "calling")));
}

/** Keeps this dialer's leases alive, and says it is alive. */
export async function heartbeat(db: DbOrTx, nodeId: string, leaseSec: number): Promise<void> {
  const now = new Date();
  await db
    .insert(dialerNodes)
    .values({ id: nodeId, startedAt: now, heartbeatAt: now })
    .onConflictDoUpdate({ target: dialerNodes.id, set: { heartbeatAt: now } });
  await db
    .update(leads)
    .set({ leaseUntil: new Date(now.getTime() + leaseSec * 1000) })
    .where(and(eq(leads.leaseOwner, nodeId), eq(leads.status, "calling")));
}

export async function liveNodes(db: DbOrTx, staleSec: number): Promise<string[]> {
  const rows = await db
    .select({ id: dialerNodes.id })
    .from(dialerNodes)
    .where(gte(dialerNodes.heartbeatAt, new Date(Date.now() - staleSec * 1000)));
  return rows.map((r) => r.id);
}

export async function forgetNode(db: DbOrTx, nodeId: string): Promise<void> {
  await db.delete(dialerNodes).where(eq(dialerNodes.id, nodeId));
}

export async function forgetStaleNodes(db: DbOrTx, staleSec: number): Promise<void> {
  await db.delete(dialerNodes).where(lt(dialerNodes.heartbeatAt, new Date(Date.now() - staleSec * 60 * 1000)));
}

/** Leads held by a lease that has run out: their dialer is gone. */
export async function expiredLeaseAttemptIds(db: DbOrTx, now: Date): Promise<number[]> {
  const rows = await db
    .select({ attemptId: leads.currentAttemptId })
    .from(leads)
    .where(and(eq(leads.status, "calling"), lt(leads.leaseUntil, now)));
  return rows.map((r) => r.attemptId).filter((x): x is number => x !== null);
}

/** A lead stuck in `calling` with no open attempt (an attempt closed by a stop, say) goes back to the list. */
export async function releaseOrphanLeads(db: DbOrTx, now: Date): Promise<number> {
  const rows = await db
    .update(leads)
    .set({ status: "pending", leaseOwner: null, leaseUntil: null, currentAttemptId: null, updatedAt: now })
    .where(and(eq(leads.status, "calling"), lt(leads.leaseUntil, now), or(isNull(leads.currentAttemptId), notInArray(leads.currentAttemptId, db.select({ id: callAttempts.id }).from(callAttempts).where(ne(callAttempts.state, "ended"))))))
    .returning({ id: leads.id });
  return rows.length;
}

/** Nothing left to dial and nothing in flight: the campaign is done. Pending leads waiting for a retry keep it running. */
export async function completeIfDone(db: DbOrTx, campaignId: number): Promise<boolean> {
  const open = await countRows(db, leads, and(eq(leads.campaignId, campaignId), inArray(leads.status, ["pending", "calling"]), or(eq(leads.status, "calling"), inActiveList(campaignId))));
  if (open > 0) return false;
  const live = await countRows(db, callAttempts, and(eq(callAttempts.campaignId, campaignId), ne(callAttempts.state, "ended")));
  if (live > 0) return false;
  return db.transaction(async (tx) => {
    const done = await tx
      .update(campaigns)
      .set({ status: "completed", updatedAt: new Date() })
      .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, "running")))
      .returning({ id: campaigns.id, name: campaigns.name });
    if (done.length === 0) return false;
    await emitCampaignStatusChanged(tx, { id: campaignId, name: done[0].name }, "running", "completed", "completed");
    return true;
  });
}

/** Live answers (a person, not a machine) and abandoned calls over the windows the law counts. */
/**
 * Live answers and abandoned calls per window, from the CDR. `amdFalsePositiveRate` (UK counting):
 * that share of the calls AMD called machines are taken for people hung up on, and added to both.
 */
export async function abandonWindows(
  db: DbOrTx,
  campaignId: number,
  now: Date,
  amdFalsePositiveRate = 0,
): Promise<{ window30d: AbandonWindow; window24h: AbandonWindow; lastHour: AbandonWindow }> {
  const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const live = sql`${cdr.disposition} = 'answered' and coalesce(${cdr.amdResult}, '') <> 'MACHINE'`;
  const machine = sql`${cdr.disposition} = 'answered' and ${cdr.amdResult} = 'MACHINE'`;
  const [row] = await db
    .select({
      live30: sql<number>`(count(*) filter (where ${live}))::int`,
      ab30: sql<number>`(count(*) filter (where ${cdr.abandoned}))::int`,
      live24: sql<number>`(count(*) filter (where ${live} and ${cdr.startTime} >= ${since(86_400_000)}::timestamptz))::int`,
      ab24: sql<number>`(count(*) filter (where ${cdr.abandoned} and ${cdr.startTime} >= ${since(86_400_000)}::timestamptz))::int`,
      live1: sql<number>`(count(*) filter (where ${live} and ${cdr.startTime} >= ${since(3_600_000)}::timestamptz))::int`,
      ab1: sql<number>`(count(*) filter (where ${cdr.abandoned} and ${cdr.startTime} >= ${since(3_600_000)}::timestamptz))::int`,
      m30: sql<number>`(count(*) filter (where ${machine}))::int`,
      m24: sql<number>`(count(*) filter (where ${machine} and ${cdr.startTime} >= ${since(86_400_000)}::timestamptz))::int`,
      m1: sql<number>`(count(*) filter (where ${machine} and ${cdr.startTime} >= ${since(3_600_000)}::timestamptz))::int`,
    })
    .from(cdr)
    .where(and(eq(cdr.campaignId, campaignId), gte(cdr.startTime, new Date(now.getTime() - 30 * 86_400_000))));
  const w = (live: number, abandoned: number, machines: number) => {
    const people = machines * amdFalsePositiveRate;
    return { liveAnswers: live + people, abandoned: abandoned + people };
  };
  return { window30d: w(row.live30, row.ab30, row.m30), window24h: w(row.live24, row.ab24, row.m24), lastHour: w(row.live1, row.ab1, row.m1) };
}
