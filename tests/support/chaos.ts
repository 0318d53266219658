import postgres from "postgres";
import { expect } from "vitest";
import type { Client } from "./api";
import { allPages, dialCounts, type DialerRig } from "./dialer";

/** What a campaign run through a failure left behind, for the report line each chaos test prints. */
export type Ledger = { leads: number; dialed: number; neverDialed: number; attempts: number; outcomes: Record<string, number> };

/**
 * The invariants every chaos test holds a finished campaign to, whatever was broken meanwhile:
 * - no number dialed twice, counted on the simulators' own call logs (what the switch was asked
 *   to place), not on Pacer's database;
 * - no lead lost: every lead has a final state (none left pending or calling), one attempt and one
 *   CDR;
 * - no attempt left in progress in the database (every row `ended`, with an outcome);
 * - a lead the switch never heard of is one whose call may have gone out when the failure struck
 *   (Pacer cannot tell, so it never sends it again): it ends failed, with an outcome saying so.
 */
export async function expectNothingLostNothingTwice(rig: DialerRig, api: Client, campaignId: number, numbers: string[]): Promise<Ledger> {
  const counts = dialCounts(rig.callLog());
  const twice = numbers.filter((n) => (counts.get(n) ?? 0) > 1).map((n) => ({ number: n, dialed: counts.get(n) }));
  expect(twice, "numbers the switch was asked to dial more than once").toEqual([]);

  const leads = await allPages(api, `/campaigns/${campaignId}/numbers`);
  expect(leads).toHaveLength(numbers.length);
  const unsettled = leads.filter((l) => l.status === "pending" || l.status === "calling" || l.attempts !== 1);
  expect(unsettled.map((l) => ({ phone: l.phone_number, status: l.status, attempts: l.attempts })), "leads without a final state").toEqual([]);

  const sql = postgres(rig.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const open = await sql`select id, state, phone_number from call_attempts where campaign_id = ${campaignId} and (state <> 'ended' or outcome is null)`;
    expect(open.map((a) => ({ ...a })), "attempts left in progress").toEqual([]);
    const perLead = await sql`select lead_id, count(*)::int as n from call_attempts where campaign_id = ${campaignId} group by lead_id having count(*) <> 1`;
    expect(perLead.map((r) => ({ ...r })), "leads with other than one attempt").toEqual([]);
    const cdrs = await sql`select count(*)::int as n, count(distinct campaign_number_id)::int as leads from cdr where campaign_id = ${campaignId}`;
    expect(cdrs[0]).toEqual({ n: numbers.length, leads: numbers.length });
    const outcomes = await sql`select outcome, count(*)::int as n from call_attempts where campaign_id = ${campaignId} group by outcome order by outcome`;
    const neverDialed = leads.filter((l) => !counts.has(l.phone_number));
    if (neverDialed.length) {
      const why = await sql`select outcome, count(*)::int as n from call_attempts where campaign_id = ${campaignId} and phone_number in ${sql(neverDialed.map((l) => l.phone_number))} group by outcome`;
      for (const l of neverDialed) expect(l.status, `${l.phone_number}: never reached the switch`).toBe("failed");
      for (const w of why) expect(["lost", "failed"], `outcome of calls that never reached the switch`).toContain(w.outcome);
    }
    return {
      leads: leads.length,
      dialed: numbers.filter((n) => counts.has(n)).length,
      neverDialed: neverDialed.length,
      attempts: leads.length,
      outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome, o.n])),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
