import { logger } from "../logger";
import { controlWithRetry } from "../pbx/control-retry";
import { PbxError } from "../pbx/driver";
import { finishOffPbx } from "./call-end";
import type { DialerContext } from "./dialer-context";
import type { LiveCall } from "./live-call";

/** Requests the dialer makes of the PBX on a live call: hang up, play, record, and the retry they share. */

/** Runs a control request on a call, retried while Asterisk has not yet handed it to the application. */
export function control(ctx: DialerContext, call: LiveCall, what: string, fn: () => Promise<unknown>): Promise<boolean> {
  return controlWithRetry(() => ctx.calls.has(call.attempt.channelId), fn, (err) => logger.warn({ err, what }, "call control failed"));
}

export function hangup(ctx: DialerContext, call: LiveCall) {
  if (!ctx.calls.has(call.attempt.channelId) || call.phase === "ending") return;
  if (call.sendTimer) {
    // Still waiting for its start slot: the PBX never heard of it.
    ctx.calls.delete(call.attempt.channelId);
    finishOffPbx(ctx, call, { outcome: "cancelled", cause: null, causeText: "ended before it was dialed", sipCode: null, at: new Date() });
    return;
  }
  call.phase = "ending";
  call.pbx.driver.hangup(call.attempt.channelId).catch((err) => {
    // Already gone (its hangup event is on the way) or the PBX is unreachable (reconciliation settles it).
    if (!(err instanceof PbxError && err.code === "not_found")) logger.debug({ err }, "hangup failed");
  });
}

export function playThenHangup(ctx: DialerContext, call: LiveCall, media: string) {
  call.phase = "message";
  void control(ctx, call, "play", () => call.pbx.driver.play(call.attempt.channelId, media)).then((ok) => {
    if (!ok) hangup(ctx, call);
  });
  // Whatever the PBX says about the playback, the call does not outlive its message by much.
  setTimeout(() => hangup(ctx, call), 60_000).unref();
}

export async function record(ctx: DialerContext, call: LiveCall) {
  const name = `pacer-${call.attempt.campaignId}-${call.attempt.id}`;
  const ok = await control(ctx, call, "record", () => call.pbx.driver.startRecording({ channelId: call.attempt.channelId }, name));
  if (ok) call.recordingFile = `${name}.wav`;
}
