import type { Campaign } from "@/db/schema";
import { logger } from "../logger";
import { pacerMetrics } from "../metrics/registry";
import { PbxError } from "../pbx/driver";
import { finish } from "./call-end";
import { ringTimeoutSec } from "./attempt-evidence";
import type { CampaignRuntime, DialerContext } from "./dialer-context";
import type { HangupHow, LiveCall } from "./live-call";
import { publishCall } from "./live-updates";

/**
 * A claimed call goes out: at its trunk's start slot, through the PBX's originate. A leg the trunk
 * itself failed (refused, congested, unreachable) is taken off the PBX to fail over to another
 * trunk (see trunk-reroute) before it gets an outcome.
 */

/**
 * Every call is placed into Pacer's control, so every event of it reaches us from the first
 * ring (a channel placed straight into the dialplan is only visible once subscribed to, and a
 * call refused within milliseconds would end unseen). Once answered it is sent on: to the AMD
 * step, or to the campaign's destination.
 */
function onAnswerTarget(c: Campaign) {
  return { kind: "control" as const, args: ["customer", String(c.id)] };
}

export async function originate(ctx: DialerContext, call: LiveCall, c: Campaign) {
  const onAnswer = onAnswerTarget(c);
  try {
    ctx.metrics.originated += 1;
    pacerMetrics().originates.inc({ campaign: String(c.id) });
    publishCall(ctx, call, "Dialing");
    call.sentAt = Date.now();
    call.ringingAt = null;
    await call.pbx.driver.originate({
      channelId: call.attempt.channelId,
      endpoint: call.attempt.dialString,
      callerId: c.callerid ?? undefined,
      ringTimeoutSec: ringTimeoutSec(c),
      variables: { PACER_CAMPAIGN: String(c.id), PACER_LEAD: String(call.attempt.leadId), PACER_ATTEMPT: String(call.attempt.id) },
      onAnswer,
    });
  } catch (err) {
    ctx.metrics.originateErrors += 1;
    pacerMetrics().originateErrors.inc({ campaign: String(c.id) });
    if (!ctx.calls.has(call.attempt.channelId)) return;
    const text = err instanceof Error ? err.message : String(err);
    const how: HangupHow = { outcome: "failed", cause: null, causeText: text.slice(0, 200), sipCode: null, at: new Date() };
    // The PBX refused to make the channel (no such endpoint, allocation failed): the trunk's
    // fault, not the number's. A timeout or lost connection may still have placed the call.
    if (err instanceof PbxError && err.unsent && giveBackUnsent(ctx, call)) return;
    const refused = err instanceof PbxError && (err.code === "pbx_error" || err.code === "bad_request");
    if (failOver(ctx, call, how, refused)) return;
    logger.warn({ campaign: c.id, number: call.attempt.phoneNumber, err: text }, "originate failed");
    finish(ctx, call, how);
  }
}

/**
 * The link stayed down through the originate's wait, so the request never left Pacer: nobody was
 * called, and the attempt must not be spent. The call joins those waiting for a trunk slot: with a
 * trunk free it goes out again (once the link is back: the dialer dials only through a connected
 * PBX), otherwise its lead is given back untouched (see trunk-reroute).
 */
function giveBackUnsent(ctx: DialerContext, call: LiveCall): boolean {
  const rt = ctx.campaigns.get(call.campaignId);
  if (!rt || call.adopted) return false;
  ctx.calls.delete(call.attempt.channelId);
  publishCall(ctx, call, "Hangup", null, new Date());
  // `since` long past: without a trunk slot it is given back at once rather than waiting for one.
  call.reroute = { failure: null, since: 0 };
  rt.rerouting.push(call);
  logger.info({ campaign: rt.row.id, number: call.attempt.phoneNumber }, "originate not sent (PBX link down); the call waits to go out again or gives its lead back");
  return true;
}

/**
 * A trunk call goes out at its start slot. One that could only go out after its slot's second
 * is over (a stalled event loop) would break the trunk's CPS cap in the next second: it waits
 * for a fresh slot instead.
 */
export function sendInSlot(ctx: DialerContext, rt: CampaignRuntime, call: LiveCall) {
  const trunkId = call.attempt.trunkId;
  const at = trunkId !== null && call.attempt.dialedAt ? call.attempt.dialedAt.getTime() : null;
  // Only a CPS cap ties a call to its slot's second; without one the slot is just "now".
  const timed = at !== null && rt.routes.some((r) => r.trunkId === trunkId && r.maxCps !== null);
  const go = () => {
    call.sendTimer = null;
    if (!ctx.calls.has(call.attempt.channelId)) return;
    if (timed && at !== null && Math.floor(Date.now() / 1000) > Math.floor(at / 1000)) {
      ctx.calls.delete(call.attempt.channelId);
      call.reroute = { failure: call.reroute?.failure ?? null, since: call.reroute?.since ?? Date.now() };
      rt.rerouting.push(call);
      return;
    }
    void originate(ctx, call, rt.row);
  };
  const wait = at === null ? 0 : at - Date.now();
  if (wait <= 1) go();
  else call.sendTimer = setTimeout(go, wait);
}

/**
 * The PBX says this leg failed on its trunk (congested, unreachable): the same attempt goes out
 * again through another of the campaign's trunks before it gets an outcome. Never for a call
 * someone answered, one Pacer itself ended, or a far-end answer (busy, no answer, no such number).
 */
export function failOver(ctx: DialerContext, call: LiveCall, how: HangupHow, trunkFault: boolean): boolean {
  const moved = moveToAnotherTrunk(ctx, call, how, trunkFault);
  // Every leg that ends passes here: its trunk's health counts it.
  ctx.trunkHealth.noteLeg(call, how, trunkFault, moved);
  return moved;
}

function moveToAnotherTrunk(ctx: DialerContext, call: LiveCall, how: HangupHow, trunkFault: boolean): boolean {
  const rt = ctx.campaigns.get(call.campaignId);
  const trunkId = call.attempt.trunkId;
  if (!rt || trunkId === null || !trunkFault || call.answeredAt || call.outcome || call.adopted || call.phase === "ending") return false;
  const tried = (call.triedTrunks ??= new Set());
  tried.add(trunkId);
  if (!rt.routes.some((r) => !tried.has(r.trunkId))) return false;
  ctx.calls.delete(call.attempt.channelId);
  publishCall(ctx, call, "Hangup", how.sipCode, how.at);
  call.reroute = { failure: how, since: Date.now() };
  rt.rerouting.push(call);
  logger.debug({ campaign: rt.row.id, attempt: call.attempt.id, trunk: call.attempt.trunk, cause: how.cause }, "trunk failed the call; failing over");
  return true;
}
