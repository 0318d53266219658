import type { AriEvent } from "ari-client";
import { causeByCode, outcomeOfCause, outcomeOfDialStatus } from "../causes";
import type { CallEvent, HangupOutcome } from "../driver";

/** What the driver remembers about a call it follows, until the channel is destroyed. */
type CallState = { created: boolean; ringing: boolean; answered: boolean; dialOutcome: HangupOutcome | null; peerCause: number | null };

const DIAL_STATUS_CAUSE: Partial<Record<HangupOutcome, number>> = { busy: 17, congestion: 34, no_answer: 19, unavailable: 1, cancelled: 16 };

/**
 * ARI events → normalised call events, for the channels the driver follows (those it originated
 * or adopted). Asterisk's events can beat the originate reply, and through a `Local/…` dial
 * string come for both halves (`<id>` and `<id>;2`): `created` still comes first, and the far
 * half only lends its cause.
 */
export class AriCallEvents {
  private readonly calls = new Map<string, CallState>();

  constructor(private readonly emit: (event: CallEvent) => void) {}

  follow(channelId: string, known: { created: boolean; answered: boolean } = { created: false, answered: false }): void {
    this.calls.set(channelId, { created: known.created, ringing: known.created, answered: known.answered, dialOutcome: null, peerCause: null });
  }

  unfollow(channelId: string): void {
    this.calls.delete(channelId);
  }

  follows(channelId: string): boolean {
    return this.calls.has(channelId);
  }

  followed(): IterableIterator<string> {
    return this.calls.keys();
  }

  /** The originate reply came: the channel exists, whatever events said so far. */
  exists(channelId: string): void {
    const call = this.calls.get(channelId);
    if (call) this.created(channelId, call, new Date());
  }

  onEvent(e: AriEvent): void {
    const at = e.timestamp ? new Date(e.timestamp.replace(/([+-]\d\d)(\d\d)$/, "$1:$2")) : new Date();
    const channelId = e.channel?.id ?? e.peer?.id;
    if (channelId?.endsWith(";2")) {
      // The far half of a Local channel: only its cause matters (it carries the real one).
      const base = this.calls.get(channelId.slice(0, -2));
      if (base && e.type === "ChannelDestroyed" && typeof e.cause === "number") base.peerCause = e.cause;
      return;
    }
    switch (e.type) {
      case "Dial": {
        const call = this.calls.get(e.peer!.id);
        if (!call) return;
        if (e.dialstatus === "RINGING") this.ringing(e.peer!.id, call, at);
        else if (e.dialstatus === "PROGRESS") this.emit({ type: "progress", channelId: e.peer!.id, at });
        else if (e.dialstatus === "ANSWER") this.answered(e.peer!.id, call, at);
        else {
          const outcome = outcomeOfDialStatus(e.dialstatus ?? "");
          if (outcome) call.dialOutcome = outcome;
        }
        return;
      }
      case "ChannelStateChange": {
        const call = channelId ? this.calls.get(channelId) : undefined;
        if (!call || !channelId) return;
        if (e.channel!.state === "Ringing") this.ringing(channelId, call, at);
        else if (e.channel!.state === "Up") this.answered(channelId, call, at);
        return;
      }
      case "StasisStart": {
        const call = channelId ? this.calls.get(channelId) : undefined;
        if (!call || !channelId) return;
        this.answered(channelId, call, at);
        const [tag, verdict, detail] = e.args ?? [];
        if (tag === "amd" && (verdict === "HUMAN" || verdict === "MACHINE" || verdict === "NOTSURE")) {
          this.emit({ type: "amd", channelId, at, result: verdict, detail: detail ?? "" });
        }
        return;
      }
      case "ChannelDtmfReceived":
        if (channelId && this.calls.has(channelId)) this.emit({ type: "dtmf", channelId, at, digit: e.digit ?? "", durationMs: e.duration_ms ?? 0 });
        return;
      case "ChannelEnteredBridge":
      case "ChannelLeftBridge":
        if (channelId && this.calls.has(channelId)) {
          this.emit({ type: e.type === "ChannelEnteredBridge" ? "bridge_entered" : "bridge_left", channelId, at, bridgeId: e.bridge!.id });
        }
        return;
      case "PlaybackFinished": {
        const target = e.playback!.target_uri.replace(/^channel:/, "");
        this.emit({ type: "playback_finished", channelId: target, at, playbackId: e.playback!.id, status: e.playback!.state === "failed" ? "failed" : "done" });
        return;
      }
      case "RecordingFinished":
      case "RecordingFailed": {
        const target = e.recording!.target_uri.replace(/^(channel|bridge):/, "");
        this.emit({ type: "recording_finished", channelId: target, at, recordingName: e.recording!.name });
        return;
      }
      case "ChannelDestroyed":
        if (channelId && this.calls.has(channelId)) this.finish(channelId, e.cause ?? 0, at);
        return;
    }
  }

  /**
   * The channel is gone. Through Local channels a refused call ends with cause 0 on our half while
   * the Dial status (and the far half) say what happened, so those win over a zero cause.
   */
  finish(channelId: string, rawCause: number, at = new Date(), causeText?: string): void {
    const call = this.calls.get(channelId);
    if (!call) return;
    this.created(channelId, call, at);
    this.calls.delete(channelId);
    let code = rawCause;
    if (code === 0) code = call.peerCause ?? (call.dialOutcome ? (DIAL_STATUS_CAUSE[call.dialOutcome] ?? 0) : 0);
    let outcome: HangupOutcome = call.answered ? "answered" : (call.dialOutcome ?? outcomeOfCause(code, false));
    // Asterisk reports an unallocated number as Dial NOANSWER with cause 1.
    if (outcome === "no_answer" && [1, 3, 28].includes(code)) outcome = "unavailable";
    const cause = causeByCode(code);
    this.emit({ type: "hangup", channelId, at, outcome, cause: cause.code, causeText: causeText ?? cause.text, sipCode: null });
  }

  private created(channelId: string, call: CallState, at: Date) {
    if (call.created) return;
    call.created = true;
    this.emit({ type: "created", channelId, at });
  }

  private ringing(channelId: string, call: CallState, at: Date) {
    this.created(channelId, call, at);
    if (call.ringing || call.answered) return;
    call.ringing = true;
    this.emit({ type: "ringing", channelId, at });
  }

  private answered(channelId: string, call: CallState, at: Date) {
    this.created(channelId, call, at);
    if (call.answered) return;
    call.answered = true;
    this.emit({ type: "answered", channelId, at });
  }
}
