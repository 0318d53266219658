import type { Db } from "@/db/client";
import type { IvrAction, Reminder } from "@/db/schema";
import { withinWindow } from "../dialer/compliance/calling-hours";
import { customerDialString, dialplanTarget } from "../dialer/dial-string";
import { dncScopesOf } from "../dnc/queries";
import { findIvrMenu, listIvrActionRows } from "../ivr/queries";
import { logger } from "../logger";
import { errorText, PbxError, type CallEvent, type HangupOutcome, type PbxDriver } from "../pbx/driver";
import { controlWithRetry } from "../pbx/control-retry";
import type { DialablePbx, PbxManager } from "../pbx/manager";
import { planReminderCall, planRetry } from "./call-time";
import { claimDueReminders, expirePassedReminders, releaseReminder, renewReminderLeases, settleInterruptedReminders } from "./queries";

/**
 * The reminder scheduler: runs in each dialer process beside the dialer. Every second it claims
 * the reminders that are due (one UPDATE … RETURNING: `scheduled` → `calling`, with a lease it
 * renews while the call lasts), places each call through a PBX this process holds, asks the
 * question (1 confirm, 2 cancel, 0 transfer) and writes the result. A process that dies mid-call
 * leaves its reminders `calling`: once their lease runs out (at once on PGlite, which has one
 * process) they become `interrupted` and are never dialed again.
 */

const TICK_MS = 1000;
const LEASE_SEC = 20;
const CLAIM_LIMIT = 20;
/** The question is asked twice at most when nothing (or a key with no meaning) is pressed. */
const ASKS = 2;
const DEFAULT_PROMPT_TIMEOUT_SEC = 6;
const DIALPLAN_CONTEXT = "from-internal";
/** Whatever the PBX says about the closing prompt, the call does not outlive it by much. */
const CLOSING_MAX_MS = 30_000;

export const REMINDER_CHANNEL_PREFIX = "pacer-rem-";
export const REMINDER_PROMPTS = { confirmed: "pacer/reminder-confirmed", cancelled: "pacer/reminder-cancelled" } as const;

type Result = "confirmed" | "cancelled" | "transferred";

type ReminderCall = {
  reminder: Reminder;
  pbx: DialablePbx;
  media: string;
  timeoutSec: number;
  /** The menu's branches for keys other than 1, 2 and 0 (a reminder with an IVR menu). */
  actions: IvrAction[];
  answered: boolean;
  asks: number;
  promptId: string | null;
  result: Result | null;
  digits: string | null;
  ending: boolean;
};

export class ReminderCaller {
  private readonly calls = new Map<string, ReminderCall>();
  private readonly listening = new WeakSet<PbxDriver>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private next = 0;

  constructor(
    private readonly db: Db,
    private readonly pbx: PbxManager,
    private readonly opts: { nodeId: string; singleProcess: boolean },
  ) {}

  async start(): Promise<void> {
    // PGlite has one process: any call another run of it left is over, lease or not.
    if (this.opts.singleProcess) await this.settleInterrupted(true);
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    await this.tick();
  }

  /** Stops claiming. Calls in flight keep their claim: the next start settles them as interrupted. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  liveCalls(): number {
    return this.calls.size;
  }

  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.work()
      .catch((err) => logger.warn({ err }, "reminder scheduler tick failed"))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async work() {
    const expired = await expirePassedReminders(this.db);
    if (expired.length) logger.info({ reminders: expired.map((r) => r.id) }, "reminders expired: their appointment passed before they could be called");
    await this.settleInterrupted(false);
    await renewReminderLeases(this.db, this.opts.nodeId, [...this.calls.values()].map((c) => c.reminder.id), LEASE_SEC);
    const pbxs = this.pbx.dialable().filter((p) => !p.draining);
    if (!pbxs.length) return;
    for (const reminder of await claimDueReminders(this.db, this.opts.nodeId, LEASE_SEC, CLAIM_LIMIT)) {
      const p = pbxs[this.next++ % pbxs.length];
      void this.place(reminder, p).catch((err) => logger.error({ err, reminder: reminder.id }, "reminder call failed to start"));
    }
  }

  private async settleInterrupted(anyOtherRun: boolean) {
    const settled = await settleInterruptedReminders(this.db, this.opts.nodeId, anyOtherRun);
    if (settled.length) logger.warn({ reminders: settled.map((r) => r.id) }, "reminder calls interrupted by a stop; they are not dialed again");
  }

  private async place(r: Reminder, p: DialablePbx) {
    const now = new Date();
    const window = { start: r.windowStart, end: r.windowEnd };
    // Due while Pacer was down, and calling hours have closed since: plan it again rather than call now.
    if (!withinWindow(r.timezone, now, window)) {
      const plan = planReminderCall({ appointmentAt: r.appointmentAt, callBeforeMin: r.callBeforeMin, zone: r.timezone, window, outsideHours: r.outsideHours, now });
      if (plan.kind === "call") await releaseReminder(this.db, r.id, this.opts.nodeId, { state: "scheduled", callAt: plan.at, attempts: r.attempts - 1, note: plan.note });
      else await this.final(r, plan.kind, { note: plan.reason });
      return;
    }
    if ((await dncScopesOf(this.db, r.phoneNumber)).includes(null)) {
      await this.final(r, "dnc", { note: "the number is on the do-not-call list", attempts: r.attempts - 1 });
      return;
    }
    const menu = r.ivrMenuId === null ? undefined : await findIvrMenu(this.db, r.ivrMenuId);
    const media = r.message ?? menu?.audioFile ?? null;
    if (!media) {
      await this.final(r, "failed", { note: "its IVR menu is gone or has no audio", attempts: r.attempts - 1 });
      return;
    }
    const call: ReminderCall = {
      reminder: r,
      pbx: p,
      media,
      timeoutSec: menu?.timeout ?? DEFAULT_PROMPT_TIMEOUT_SEC,
      actions: menu ? await listIvrActionRows(this.db, menu.id) : [],
      answered: false,
      asks: 0,
      promptId: null,
      result: null,
      digits: null,
      ending: false,
    };
    this.listen(p.driver);
    const channelId = r.channelId!;
    this.calls.set(channelId, call);
    try {
      await p.driver.originate({
        channelId,
        endpoint: customerDialString(p.kind, r.trunkType, r.trunkValue, r.phoneNumber),
        ...(r.callerId ? { callerId: r.callerId } : {}),
        ringTimeoutSec: r.ringTimeoutSec,
        variables: { PACER_REMINDER_ID: String(r.id) },
        onAnswer: { kind: "control" },
      });
    } catch (err) {
      logger.warn({ reminder: r.id, err: errorText(err) }, "reminder call could not be placed");
      if (this.calls.delete(channelId)) await this.ended(call, { outcome: "failed", cause: null });
    }
  }

  private listen(driver: PbxDriver) {
    if (this.listening.has(driver)) return;
    this.listening.add(driver);
    driver.on("call", (e: CallEvent) => {
      if (!e.channelId.startsWith(REMINDER_CHANNEL_PREFIX)) return;
      try {
        this.onEvent(e);
      } catch (err) {
        logger.error({ err, event: e.type }, "reminder call event failed");
      }
    });
  }

  private onEvent(e: CallEvent) {
    const call = this.calls.get(e.channelId);
    if (!call) return;
    switch (e.type) {
      case "answered":
        if (call.answered) return;
        call.answered = true;
        void this.ask(call);
        return;
      case "digits":
        if (call.promptId !== e.promptId) return;
        call.promptId = null;
        void this.choose(call, e.digits);
        return;
      case "playback_finished":
        if (call.ending) this.hangup(call);
        return;
      case "hangup":
        this.calls.delete(e.channelId);
        void this.ended(call, { outcome: e.outcome, cause: e.cause });
        return;
    }
  }

  /** A control request on the call, retried while Asterisk has not yet handed it to the application. */
  private control(call: ReminderCall, what: string, fn: () => Promise<unknown>): Promise<boolean> {
    return controlWithRetry(() => this.calls.has(call.reminder.channelId!), fn, (err) => logger.warn({ err, what, reminder: call.reminder.id }, "reminder call control failed"));
  }

  private async ask(call: ReminderCall) {
    call.asks += 1;
    const channelId = call.reminder.channelId!;
    // The id is set before asking: the answer may come back before the request's reply.
    const promptId = `${channelId}-ask${call.asks}`;
    call.promptId = promptId;
    const ok = await this.control(call, "ask reminder question", () => call.pbx.driver.getDigits(channelId, { media: call.media, maxDigits: 1, terminator: null, timeoutSec: call.timeoutSec, promptId }));
    if (!ok) this.hangup(call);
  }

  private async choose(call: ReminderCall, digits: string) {
    call.digits = digits || call.digits;
    if (digits === "1" || digits === "2") {
      call.result = digits === "1" ? "confirmed" : "cancelled";
      return this.close(call, digits === "1" ? REMINDER_PROMPTS.confirmed : REMINDER_PROMPTS.cancelled);
    }
    const action = digits ? call.actions.find((a) => a.dtmfDigit === digits) : undefined;
    const transferTo = digits === "0" && call.reminder.transferNumber ? call.reminder.transferNumber : action && (action.actionType === "exten" || action.actionType === "custom") ? action.actionValue : null;
    if (transferTo) return this.transfer(call, transferTo);
    if (action?.actionType === "hangup") return this.hangup(call);
    if (action?.actionType === "playback") return this.close(call, action.actionValue || "pacer/goodbye");
    if (call.asks < ASKS) return this.ask(call);
    this.hangup(call);
  }

  /** The person asked for someone: the call goes to the transfer number, out of Pacer's hands; the result is written at once. */
  private async transfer(call: ReminderCall, to: string) {
    const target = dialplanTarget(to, DIALPLAN_CONTEXT);
    const channelId = call.reminder.channelId!;
    if (!target || !(await this.control(call, "transfer reminder call", () => call.pbx.driver.redirect(channelId, target)))) return this.hangup(call);
    call.result = "transferred";
    if (this.calls.delete(channelId)) await this.ended(call, { outcome: "answered", cause: null });
  }

  private async close(call: ReminderCall, media: string) {
    call.ending = true;
    const channelId = call.reminder.channelId!;
    const ok = await this.control(call, "play reminder closing", () => call.pbx.driver.play(channelId, media, `${channelId}-close`));
    if (!ok) return this.hangup(call);
    setTimeout(() => this.hangup(call), CLOSING_MAX_MS).unref();
  }

  private hangup(call: ReminderCall) {
    const channelId = call.reminder.channelId!;
    if (!this.calls.has(channelId)) return;
    call.pbx.driver.hangup(channelId).catch((err) => {
      if (!(err instanceof PbxError && err.code === "not_found")) logger.debug({ err }, "reminder hangup failed");
    });
  }

  /** The call is over: its result, a retry, or the last unanswered outcome once the retries are spent. */
  private async ended(call: ReminderCall, end: { outcome: HangupOutcome; cause: number | null }) {
    const r = call.reminder;
    const common = { lastOutcome: end.outcome, lastCause: end.cause, digits: call.digits };
    try {
      if (call.result) return await this.final(r, call.result, { ...common, note: call.result === "transferred" ? `transferred to ${r.transferNumber ?? "the menu's extension"}` : null });
      if (call.answered || end.outcome === "answered") return await this.final(r, "answered", { ...common, note: "answered; no choice was keyed" });
      const retryAt = r.attempts <= r.retries ? planRetry({ appointmentAt: r.appointmentAt, zone: r.timezone, window: { start: r.windowStart, end: r.windowEnd }, now: new Date(), delaySec: r.retryDelaySec }) : null;
      if (retryAt) {
        await releaseReminder(this.db, r.id, this.opts.nodeId, { ...common, state: "scheduled", callAt: retryAt, note: `attempt ${r.attempts} of ${r.retries + 1}: ${end.outcome.replace("_", " ")}; retrying` });
        return;
      }
      const state = end.outcome === "busy" ? "busy" : end.outcome === "no_answer" ? "no_answer" : "failed";
      await this.final(r, state, { ...common, note: r.attempts > r.retries ? `${r.attempts} attempts, none answered` : "no retry can come before the appointment" });
    } catch (err) {
      logger.error({ err, reminder: r.id }, "reminder result not written");
    }
  }

  private async final(r: Reminder, state: Reminder["state"], set: Partial<Reminder>) {
    await releaseReminder(this.db, r.id, this.opts.nodeId, { ...set, state, callAt: null, resultAt: new Date() });
  }
}
