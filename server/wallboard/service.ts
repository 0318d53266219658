import type { DbOrTx } from "@/db/client";
import type { Campaign } from "@/db/schema";
import type { HoldReason, LiveCallState, WallboardCall, WallboardCampaign, WallboardSnapshot } from "@/lib/wallboard";
import { callableAt, scheduleOpen } from "../dialer/compliance";
import { rateRoom } from "../dialer/campaign-rate";
import { campaignRateState } from "../dialer/claim-queries";
import { agentsLetDial } from "../dialer/lines-wanted";
import { budgetFactor } from "../dialer/pacing";
import { abandonWindows } from "../dialer/queries";
import { trunksHaveRoom } from "../dialer/trunk-routes";
import { campaignRoutes } from "../trunks/queries";
import { agentCounts, boardCampaigns, dueLeadZoneGroups, leadWaitCounts, loggedInAgents, openCalls, type AgentCount } from "./queries";

/**
 * The wallboard's figures, and above all "why isn't it dialing?": each campaign's leads by what
 * holds them back, judged by the dialer's own rules (calling hours and zones from compliance, the
 * agent rule from lines-wanted, the abandonment budget from pacing, trunk room from the trunk
 * picker, the call rate from campaign-rate), read from the database so that any Pacer process can answer for every dialer.
 */

type Pool = { available: number; onCall: number; wrapup: number };

function poolsOf(counts: AgentCount[]): Map<number, Pool> {
  const pools = new Map<number, Pool>();
  for (const c of counts) {
    const pool = pools.get(c.campaignId) ?? { available: 0, onCall: 0, wrapup: 0 };
    if (c.state === "available") pool.available += c.n;
    else if (c.state === "on_call") pool.onCall += c.n;
    else if (c.state === "wrapup") pool.wrapup += c.n;
    pools.set(c.campaignId, pool);
  }
  return pools;
}

/** Due leads not on a do-not-call list, split by whether calling hours allow them now where they are. */
async function callingHoursSplit(db: DbOrTx, c: Campaign, now: Date): Promise<{ dialable: number; outsideHours: number }> {
  const callingHours = { start: c.callingHoursStart, end: c.callingHoursEnd };
  let dialable = 0;
  let outsideHours = 0;
  for (const g of await dueLeadZoneGroups(db, c.id, now)) {
    // The schedule is the campaign's, judged once below; here only the lead's own hours.
    const verdict = callableAt({ lead: { timezone: g.timezone, state: g.state, zip: g.zip, phoneNumber: g.phone }, campaignZone: c.timezone, callingHours, schedule: null, at: now });
    if (verdict.ok) dialable += g.leads;
    else outsideHours += g.leads;
  }
  return { dialable, outsideHours };
}

/** The campaign-wide reasons that stop it placing calls now, in the order a supervisor would look. */
async function campaignHolds(db: DbOrTx, c: Campaign, pool: Pool, abandon: Awaited<ReturnType<typeof abandonWindows>>, now: Date): Promise<HoldReason[]> {
  const reasons: HoldReason[] = [];
  if (c.status === "paused") reasons.push("paused");
  if (!scheduleOpen(c.schedule, c.timezone, now)) reasons.push("schedule");
  if (!agentsLetDial(c.dialMode, pool)) reasons.push("no_agent");
  const { routes, loads } = await campaignRoutes(db, c.id);
  if (routes.length > 0 && !trunksHaveRoom(routes, loads, now.getTime())) reasons.push("trunk_cap");
  if (c.frequency !== null && rateRoom(c.frequency, await campaignRateState(db, c.id, now), now.getTime(), 1).room === 0) reasons.push("rate_cap");
  // Only predictive pacing spends the abandonment budget; once it is spent pacing dials no further ahead.
  if (c.dialMode === "predictive" && budgetFactor({ ...abandon, cap: c.abandonCap }) <= 0) reasons.push("abandon_cap");
  return reasons;
}

async function campaignFigures(db: DbOrTx, c: Campaign, pool: Pool, now: Date): Promise<WallboardCampaign> {
  const [waits, split, abandon] = await Promise.all([
    leadWaitCounts(db, c.id, now),
    callingHoursSplit(db, c, now),
    abandonWindows(db, c.id, now, c.abandonRule === "uk" ? c.amdFalsePositiveRate : 0),
  ]);
  const held: Partial<Record<HoldReason, number>> = {};
  const blockers = await campaignHolds(db, c, pool, abandon, now);
  if (split.dialable > 0) for (const reason of blockers) held[reason] = split.dialable;
  // Leads the dialer already put off for the schedule wait for it as much as those it has not looked at.
  if (waits.laterSchedule > 0) held.schedule = (held.schedule ?? 0) + waits.laterSchedule;
  const lead: [HoldReason, number][] = [
    ["outside_hours", split.outsideHours + waits.laterHours],
    ["dnc", waits.dueOnDnc + waits.dncFinal],
    ["max_attempts", waits.usedUp],
    ["retry_wait", waits.laterRetry],
  ];
  for (const [reason, n] of lead) if (n > 0) held[reason] = n;
  return {
    id: c.id,
    name: c.name,
    status: c.status as WallboardCampaign["status"],
    dialMode: c.dialMode,
    abandonCap: c.abandonCap,
    abandon24h: abandon.window24h,
    abandon30d: abandon.window30d,
    dialable: split.dialable,
    blockers,
    held,
  };
}

/** Every running or paused campaign's figures (or those of `only`). */
export async function wallboardCampaigns(db: DbOrTx, only: ReadonlySet<number> | null = null, now = new Date()): Promise<WallboardCampaign[]> {
  return figuresOf(db, await boardCampaigns(db), only, now);
}

async function figuresOf(db: DbOrTx, all: Campaign[], only: ReadonlySet<number> | null, now: Date): Promise<WallboardCampaign[]> {
  const rows = all.filter((c) => !only || only.has(c.id));
  const pools = poolsOf(await agentCounts(db, rows.map((c) => c.id)));
  const out: WallboardCampaign[] = [];
  // One campaign after another: on PGlite (one connection) and under load, a burst of parallel
  // queries every few seconds would only queue up in front of the dialer's.
  for (const c of rows) out.push(await campaignFigures(db, c, pools.get(c.id) ?? { available: 0, onCall: 0, wrapup: 0 }, now));
  return out;
}

/**
 * Where an open attempt is, in the realtime words. The database knows less than the dialer's own
 * events (an answered call may be in AMD, waiting, or at its destination): this reads the likeliest,
 * and the next call.update for it says exactly.
 */
function liveStateOf(row: { state: string; agentId: number | null; amdResult: string | null }, c: Campaign | undefined): LiveCallState {
  if (row.state === "claimed" || row.state === "originating") return "Dialing";
  if (row.state === "ringing") return "Ringing";
  if (row.state === "connected" || row.agentId !== null) return "Connected";
  if (c?.amdEnabled && row.amdResult === null) return "Amd";
  return c && c.dialMode !== "agentless" ? "Waiting" : "Connected";
}

/** What a browser gets when it subscribes: campaigns, logged-in agents and calls in flight. */
export async function wallboardSnapshot(db: DbOrTx, only: ReadonlySet<number> | null = null, now = new Date()): Promise<WallboardSnapshot> {
  const rows = await boardCampaigns(db);
  const campaigns = await figuresOf(db, rows, only, now);
  const byId = new Map(rows.map((c) => [c.id, c]));
  const agents = (await loggedInAgents(db))
    .filter((a) => !only || (a.campaignId !== null && only.has(a.campaignId)))
    .map((a) => ({ id: a.id, name: a.name, campaignId: a.campaignId, state: a.state, since: a.since.getTime() }));
  const calls: WallboardCall[] = (await openCalls(db))
    .filter((r) => !only || only.has(r.campaignId))
    .map((r) => ({ uuid: r.channelId, campaignId: r.campaignId, state: liveStateOf(r, byId.get(r.campaignId)), agentId: r.agentId, since: (r.answeredAt ?? r.startedAt).getTime() }));
  return { campaigns, agents, calls, ts: now.getTime() };
}
