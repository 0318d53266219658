import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import { lockCampaignRoutes, rerouteAttempts, saveTrunkUsage, type Reroute } from "../trunks/queries";
import { finishOffPbx } from "./call-end";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import { trunkLeg } from "./dial-string";
import type { LiveCall } from "./live-call";
import { sendInSlot } from "./originate";
import { releaseUnplaced } from "./queries";
import { TrunkPicker } from "./trunk-picker";
import { pickFrom, usableRoutes } from "./trunk-routes";

/** A call whose trunk failed waits this long for room on another before it takes the failure as its outcome. */
const FAILOVER_WAIT_MS = 15_000;

/** The campaign's trunks as they are now, reachable from `pbxKey`; false when it has none (it dials through its own trunk_value). */
export async function refreshRoutes(ctx: DialerContext, rt: CampaignRuntime, pbxKey: string): Promise<boolean> {
  const { routes } = await ctx.db.transaction((tx) => lockCampaignRoutes(tx, rt.row.id));
  rt.routes = usableRoutes(routes, pbxKey);
  return routes.length > 0;
}

/**
 * Calls waiting for a trunk get one: a preview call its first, a call whose trunk failed another,
 * a call that missed its start slot a new one. In one transaction under the trunks' locks as new calls do. A call with no trunk left to try, or
 * that waited too long for room, ends with its last failure.
 */
export async function reroute(ctx: DialerContext, rt: CampaignRuntime) {
  const waiting = rt.rerouting.splice(0);
  const moved: { call: LiveCall; move: Reroute }[] = [];
  const keep: LiveCall[] = [];
  const giveUp: LiveCall[] = [];
  try {
    await ctx.db.transaction(async (tx) => {
      const { routes, loads } = await lockCampaignRoutes(tx, rt.row.id);
      const picker = new TrunkPicker(routes.filter((r) => r.enabled), loads, Date.now(), rt.wrr);
      for (const call of waiting) {
        const usable = usableRoutes(routes, call.pbx.key);
        const tried = call.triedTrunks ?? new Set<number>();
        const candidates = usable.filter((r) => !tried.has(r.trunkId));
        // Its open attempt is counted on its current trunk; it is leaving it (or taking a new slot there).
        picker.release(call.attempt.trunkId);
        const slot = candidates.length ? pickFrom(picker, usable, tried) : null;
        if (!slot) picker.occupy(call.attempt.trunkId);
        if (slot) {
          const move: Reroute = {
            attemptId: call.attempt.id,
            channelId: randomUUID(),
            ...trunkLeg(call.pbx.kind, slot.route, call.attempt.phoneNumber),
            trunk: slot.route.name,
            trunkId: slot.route.trunkId,
            dialedAt: new Date(slot.at),
            failover: call.reroute?.failure != null,
          };
          moved.push({ call, move });
        } else if (candidates.length === 0 || Date.now() - (call.reroute?.since ?? 0) > FAILOVER_WAIT_MS) giveUp.push(call);
        else keep.push(call);
      }
      await rerouteAttempts(tx, moved.map((m) => m.move));
      await saveTrunkUsage(tx, picker.usage());
    });
  } catch (err) {
    logger.warn({ err, campaign: rt.row.id }, "could not move calls to another trunk; trying again");
    rt.rerouting.push(...waiting);
    return;
  }
  rt.rerouting.push(...keep);
  // A call that failed on a trunk ends with that failure; one never sent (it waited for a slot) gives its lead back untouched.
  const unsent = giveUp.filter((c) => !c.reroute?.failure);
  for (const call of giveUp) if (call.reroute?.failure) finishOffPbx(ctx, call, call.reroute.failure);
  if (unsent.length) {
    try {
      await releaseUnplaced(ctx.db, unsent.map((c) => c.attempt), { ownCalls: true });
      for (const call of unsent) {
        rt.calls.delete(call);
        // A preview call's agent was waiting for it: free for the next lead.
        if (call.agent) ctx.agents.callEnded(call.agent, 0);
      }
      logger.info({ campaign: rt.row.id, leads: unsent.length }, "gave back leads that found no room on the campaign's trunks");
    } catch (err) {
      logger.warn({ err }, "could not give back leads that found no trunk room; trying again");
      rt.rerouting.push(...unsent);
    }
  }
  for (const { call, move } of moved) {
    call.attempt = { ...call.attempt, channelId: move.channelId, dialString: move.dialString, dialedNumber: move.dialedNumber, trunk: move.trunk, trunkId: move.trunkId, dialedAt: move.dialedAt, failovers: call.attempt.failovers + (move.failover ? 1 : 0) };
    call.reroute = null;
    call.phase = "dialing";
    ctx.calls.set(move.channelId, call);
    sendInSlot(ctx, rt, call);
  }
}
