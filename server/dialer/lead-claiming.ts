import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import type { Campaign } from "@/db/schema";
import { dncScreen } from "../dnc/queries";
import type { DialablePbx } from "../pbx/manager";
import { lockCampaignRoutes, saveTrunkUsage } from "../trunks/queries";
import { attemptEvidence, evidenceBasis } from "./attempt-evidence";
import { callableAt } from "./compliance";
import { LEASE_SEC, type CampaignRuntime, type DialerContext } from "./dialer-context";
import { rateRoom } from "./campaign-rate";
import { customerDialString, trunkLeg } from "./dial-string";
import { claimLeads, lockCampaignRate, saveCampaignRate, type Candidate, type ClaimRate, type Screened } from "./claim-queries";
import { TrunkPicker, type TrunkSlot } from "./trunk-picker";
import { usableRoutes } from "./trunk-routes";

/**
 * Which leads a campaign dials next, and the attempts written for them: the claim (see
 * `claimLeads`) with the compliance gate (DNC, calling hours, schedule) and, for a campaign with
 * trunks, the trunk router deciding how many calls fit and which trunk and start slot each takes.
 */

/**
 * The compliance gate: sorts claimed candidates into on the do-not-call list, outside their calling
 * hours (later), or dialable now; each lead let out gets its evidence (see attempt-evidence).
 */
export async function screenLeads(tx: DbOrTx, ctx: DialerContext, rt: CampaignRuntime, candidates: Candidate[], now: Date): Promise<Screened> {
  const c = rt.row;
  const window = { start: c.callingHoursStart, end: c.callingHoursEnd };
  const { barred: dncSet, lists } = await dncScreen(tx, c.id, candidates.map((l) => l.phoneNumber));
  const basis = evidenceBasis(rt, c, lists, ctx.agents.counts(c.id).available, now);
  const out: Screened = { dial: [], dnc: [], later: [], evidence: new Map() };
  for (const lead of candidates) {
    if (dncSet.has(lead.phoneNumber)) {
      out.dnc.push(lead);
      continue;
    }
    const verdict = callableAt({ lead, campaignZone: c.timezone, callingHours: window, schedule: c.schedule, at: now });
    if (verdict.ok) {
      out.dial.push(lead);
      out.evidence!.set(lead.id, attemptEvidence(basis, verdict.zone, verdict.source, now));
    } else out.later.push({ lead, reason: verdict.reason, retryAt: verdict.retryAt ?? new Date(now.getTime() + 3600_000) });
  }
  return out;
}

/** What every claim of this process for campaign `c` says: who claims, how many, for how long, through the compliance gate. */
function claimBasics(ctx: DialerContext, rt: CampaignRuntime, limit: number, now: Date) {
  return { campaignId: rt.row.id, limit, owner: ctx.nodeId, now, leaseSec: LEASE_SEC, screen: (tx: DbOrTx, candidates: Candidate[]) => screenLeads(tx, ctx, rt, candidates, now) };
}

/** The campaign's call rate (`frequency`) inside the claim: room now under its rate row's lock; null without one. */
async function campaignRate(tx: DbOrTx, c: Campaign, limit: number, now: Date): Promise<ClaimRate | null> {
  if (c.frequency === null) return null;
  const state = await lockCampaignRate(tx, c.id, now);
  const { room } = rateRoom(c.frequency, state, now.getTime(), limit);
  return {
    room,
    // The schedule moves on by the calls that really started (the screen may have passed some over).
    done: (t, started) => saveCampaignRate(t, c.id, rateRoom(c.frequency, state, now.getTime(), started).last),
  };
}

/** Claims up to `limit` leads to dial now through `pbx`, each on a trunk with room (or the campaign's own trunk_value when it has no trunks). */
export function claimToDial(ctx: DialerContext, rt: CampaignRuntime, pbx: DialablePbx, limit: number, now: Date) {
  const c = rt.row;
  return claimLeads<TrunkSlot>(ctx.db, {
    ...claimBasics(ctx, rt, limit, now),
    rate: (tx) => campaignRate(tx, c, limit, now),
    route: async (tx) => {
      const { routes, loads } = await lockCampaignRoutes(tx, c.id);
      if (routes.length === 0) {
        rt.routes = [];
        return null;
      }
      rt.routes = usableRoutes(routes, pbx.key);
      const picker = new TrunkPicker(rt.routes, loads, Date.now(), rt.wrr);
      return { limit: picker.room(limit), assign: () => picker.take(), done: (t) => saveTrunkUsage(t, picker.usage()) };
    },
    attemptFor: (lead, slot) => ({
      channelId: randomUUID(),
      pbxKey: pbx.key,
      ...(slot ? trunkLeg(pbx.kind, slot.route, lead.phoneNumber) : { dialString: customerDialString(pbx.kind, c.trunkType, c.trunkValue, lead.phoneNumber), dialedNumber: lead.phoneNumber }),
      trunk: slot ? slot.route.name : c.trunkValue,
      trunkId: slot?.route.trunkId ?? null,
      dialedAt: slot ? new Date(slot.at) : null,
    }),
  });
}

/** Claims up to `limit` leads to show agents before dialing (preview mode). */
export function claimToPreview(ctx: DialerContext, rt: CampaignRuntime, pbx: DialablePbx, limit: number, now: Date) {
  const c = rt.row;
  return claimLeads(ctx.db, {
    ...claimBasics(ctx, rt, limit, now),
    attemptFor: (lead) => ({
      channelId: randomUUID(),
      pbxKey: pbx.key,
      dialString: customerDialString(pbx.kind, c.trunkType, c.trunkValue, lead.phoneNumber),
      dialedNumber: lead.phoneNumber,
      trunk: c.trunkValue,
      state: "preview",
    }),
  });
}
