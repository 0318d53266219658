import type { IvrAction } from "@/db/schema";
import { addDncNumber } from "../dnc/queries";
import { findIvrMenu, listIvrActionRows } from "../ivr/queries";
import { logger } from "../logger";
import { seekAgent } from "./agent-bridging";
import { control, hangup, playThenHangup } from "./call-control";
import { DIALPLAN_CONTEXT, QUEUE_WAIT_SEC, type DialerContext } from "./dialer-context";
import { dialplanTarget } from "./dial-string";
import type { LiveCall } from "./live-call";
import { publishCall } from "./live-updates";

/** An answered call in an IVR menu: the menu plays, a digit (or silence) picks the branch, the branch acts. */

export async function startIvr(ctx: DialerContext, call: LiveCall, menuId: number) {
  const menu = Number.isInteger(menuId) ? await findIvrMenu(ctx.db, menuId) : undefined;
  if (!menu) {
    logger.warn({ campaign: call.campaignId, menuId }, "IVR menu not found; hanging up");
    return hangup(ctx, call);
  }
  if (call.ivr?.timer) clearTimeout(call.ivr.timer);
  call.ivr = { menu, actions: await listIvrActionRows(ctx.db, menu.id), timer: null, replays: call.ivr?.replays ?? 0 };
  call.phase = "ivr";
  call.agentName = `ivr:${menu.id}`;
  publishCall(ctx, call, "Connected");
  const ok = await control(ctx, call, "play menu", () => call.pbx.driver.play(call.attempt.channelId, menu.audioFile || "pacer/menu"));
  if (!ok) hangup(ctx, call);
}

/** The menu has played: wait `timeout` seconds for a digit, then take the `t` branch. */
export function ivrListen(ctx: DialerContext, call: LiveCall) {
  const ivr = call.ivr!;
  if (ivr.timer) clearTimeout(ivr.timer);
  ivr.timer = setTimeout(() => ivrChoose(ctx, call, "t"), ivr.menu.timeout * 1000);
}

export function ivrDigit(ctx: DialerContext, call: LiveCall, digit: string) {
  if (call.phase !== "ivr") return;
  ivrChoose(ctx, call, digit);
}

function ivrChoose(ctx: DialerContext, call: LiveCall, key: string) {
  const ivr = call.ivr;
  if (!ivr || call.phase !== "ivr") return;
  if (ivr.timer) clearTimeout(ivr.timer);
  ivr.timer = null;
  const action = ivr.actions.find((a) => a.dtmfDigit === key) ?? (key !== "t" ? ivr.actions.find((a) => a.dtmfDigit === "i") : undefined);
  if (!action) {
    // No branch for silence or a wrong key: play the menu again, twice at most.
    if (ivr.replays >= 2) return hangup(ctx, call);
    ivr.replays += 1;
    void startIvr(ctx, call, ivr.menu.id);
    return;
  }
  void ivrAct(ctx, call, action);
}

async function ivrAct(ctx: DialerContext, call: LiveCall, action: IvrAction) {
  const rt = ctx.campaigns.get(call.campaignId);
  const value = action.actionValue ?? "";
  switch (action.actionType) {
    case "exten":
    case "custom": {
      const target = dialplanTarget(value, DIALPLAN_CONTEXT);
      if (!target) return hangup(ctx, call);
      call.phase = "destination";
      call.agentName = value;
      await control(ctx, call, "send to extension", () => call.pbx.driver.redirect(call.attempt.channelId, target));
      return;
    }
    case "queue":
      if (!rt) return hangup(ctx, call);
      call.ivr = null;
      seekAgent(ctx, rt, call, QUEUE_WAIT_SEC, false);
      return;
    case "ivr":
      call.ivr!.replays = 0;
      return startIvr(ctx, call, Number(value));
    case "hangup":
      return hangup(ctx, call);
    case "playback":
      return playThenHangup(ctx, call, value || "pacer/goodbye");
    case "dnc":
      call.leadDisposition = "DNC";
      await addDncNumber(ctx.db, { campaignId: call.campaignId, phoneNumber: call.attempt.phoneNumber, source: "ivr", note: "opted out in the IVR" });
      return playThenHangup(ctx, call, value || "pacer/dnc-confirmed");
    case "callback": {
      const minutes = Number(value) > 0 ? Number(value) : 60;
      call.leadDisposition = "CALLBACK";
      call.callbackAt = new Date(Date.now() + minutes * 60_000);
      return playThenHangup(ctx, call, "pacer/callback-confirmed");
    }
  }
}
