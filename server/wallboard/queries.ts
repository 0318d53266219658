import { and, asc, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { agents, callAttempts, campaigns, leads, type Campaign } from "@/db/schema";
import { RETRIED_ENDINGS } from "../dialer/outcomes";
import { inActiveList } from "../dialer/queries";

/** Every SQL touch of the wallboard: the campaigns it shows, their leads by why they wait, agents and calls. */

/** Campaigns on the board: running or paused (stopped and completed ones are not dialing by choice). */
export function boardCampaigns(db: DbOrTx): Promise<Campaign[]> {
  return db.select().from(campaigns).where(inArray(campaigns.status, ["running", "paused"])).orderBy(asc(campaigns.id));
}

/** The number the dialer calls next: the one at the lead's position, else phone 1 (see currentPhone). */
const currentNumber = sql`coalesce(leads.phones -> (leads.phone_position - 1) ->> 'number', leads.phone_number)`;

export type LeadWaitCounts = {
  /** Final: a number (or the lead, by disposition) barred. */
  dncFinal: number;
  /** Final without reaching anybody: every number tried as often as the retry rules allow. */
  usedUp: number;
  /** Pending, not due yet, by why the dialer put them off. */
  laterHours: number;
  laterSchedule: number;
  laterRetry: number;
  /** Pending and due, but the number to call now is on a do-not-call list. */
  dueOnDnc: number;
};

/**
 * A campaign's leads (in its active lists) by why they wait, in one pass over the campaign's rows
 * (`leads_campaign_status_idx`): final statuses, leads the dialer put off until later (and why), and
 * due leads whose number is on a do-not-call list (`dnc_phone_idx`).
 */
export async function leadWaitCounts(db: DbOrTx, campaignId: number, now: Date): Promise<LeadWaitCounts> {
  const at = now.toISOString();
  const due = sql`(leads.next_attempt_at is null or leads.next_attempt_at <= ${at}::timestamptz)`;
  const later = sql`leads.status = 'pending' and leads.next_attempt_at > ${at}::timestamptz`;
  // Final with nobody reached, its last number ended the way a retry rule governs.
  const lastEnding = sql`coalesce(leads.phones -> (leads.phone_position - 1) ->> 'outcome', '')`;
  const usedUp = sql`leads.status in ('no_answer', 'busy', 'failed') and ${lastEnding} in (${sql.join(RETRIED_ENDINGS.map((e) => sql`${e}`), sql`, `)})`;
  const result = await db.execute(sql`
    select
      (count(*) filter (where leads.status = 'dnc'))::int as dnc_final,
      (count(*) filter (where ${usedUp}))::int as used_up,
      (count(*) filter (where ${later} and leads.skip_reason = 'outside_hours'))::int as later_hours,
      (count(*) filter (where ${later} and leads.skip_reason = 'schedule'))::int as later_schedule,
      (count(*) filter (where ${later} and coalesce(leads.skip_reason, '') not in ('outside_hours', 'schedule')))::int as later_retry,
      (count(*) filter (where leads.status = 'pending' and ${due} and ${onDnc(campaignId)}))::int as due_on_dnc
    from ${leads}
    where leads.campaign_id = ${campaignId} and leads.status <> 'calling' and ${inActiveList(campaignId)}`);
  const [r] = rowsOf<Record<string, number>>(result);
  return {
    dncFinal: r?.dnc_final ?? 0,
    usedUp: r?.used_up ?? 0,
    laterHours: r?.later_hours ?? 0,
    laterSchedule: r?.later_schedule ?? 0,
    laterRetry: r?.later_retry ?? 0,
    dueOnDnc: r?.due_on_dnc ?? 0,
  };
}

/**
 * The due leads not on a do-not-call list, grouped by what decides their time zone (see
 * zoneForLead): the zone, state and ZIP as given, and the number to call reduced to what the
 * number rule reads (an international prefix, the leading digits, the length). Calling hours are
 * then judged once per group by the dialer's own rule instead of once per lead.
 */
export type ZoneGroup = { timezone: string | null; state: string | null; zip: string | null; phone: string; leads: number };

export async function dueLeadZoneGroups(db: DbOrTx, campaignId: number, now: Date): Promise<ZoneGroup[]> {
  const at = now.toISOString();
  const digits = sql`regexp_replace(${currentNumber}, '[[:space:]().-]', '', 'g')`;
  const result = await db.execute(sql`
    select timezone, state, zip, phone, count(*)::int as leads from (
      select leads.timezone,
        upper(trim(leads.state)) as state,
        case when trim(leads.zip) ~ '^[0-9]{5}(-?[0-9]{4})?$' then left(trim(leads.zip), 3) || '00' end as zip,
        case when ${digits} ~ '^(\\+|00)?[0-9]+$' then left(${digits}, 8) || repeat('0', greatest(length(${digits}) - 8, 0)) else 'x' end as phone
      from ${leads}
      where leads.campaign_id = ${campaignId} and leads.status = 'pending'
        and (leads.next_attempt_at is null or leads.next_attempt_at <= ${at}::timestamptz)
        and ${inActiveList(campaignId)} and not ${onDnc(campaignId)}
    ) g
    group by timezone, state, zip, phone`);
  return rowsOf<ZoneGroup>(result);
}

/** The lead's number to call now is on the system-wide list or the campaign's (as dncNumbersAmong reads them). */
const onDnc = (campaignId: number) =>
  sql`exists (select 1 from dnc_numbers d where d.phone_number = ${currentNumber} and (d.campaign_id is null or d.campaign_id = ${campaignId}))`;

export type AgentCount = { campaignId: number; state: string; n: number };

/** Logged-in agents per campaign and state (`agents_campaign_idx`). */
export async function agentCounts(db: DbOrTx, campaignIds: number[]): Promise<AgentCount[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .select({ campaignId: agents.campaignId, state: agents.state, n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(inArray(agents.campaignId, campaignIds), ne(agents.state, "logged_out")))
    .groupBy(agents.campaignId, agents.state);
  return rows.map((r) => ({ campaignId: r.campaignId!, state: r.state, n: r.n }));
}

/** Logged-in agents, for the snapshot. */
export function loggedInAgents(db: DbOrTx) {
  return db
    .select({ id: agents.id, name: agents.name, campaignId: agents.campaignId, state: agents.state, since: agents.stateSince })
    .from(agents)
    .where(ne(agents.state, "logged_out"))
    .orderBy(asc(agents.id));
}

/** Calls in flight (`call_attempts_live_idx`), with what the board needs to place them. */
export function openCalls(db: DbOrTx) {
  return db
    .select({
      channelId: callAttempts.channelId,
      campaignId: callAttempts.campaignId,
      state: callAttempts.state,
      agentId: callAttempts.agentId,
      amdResult: callAttempts.amdResult,
      startedAt: callAttempts.startedAt,
      answeredAt: callAttempts.answeredAt,
    })
    .from(callAttempts)
    .where(and(ne(callAttempts.state, "ended"), ne(callAttempts.state, "preview")))
    .orderBy(asc(callAttempts.id));
}
