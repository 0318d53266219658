import type { Event as EslMessage } from "modesl";
import { causeByCode, causeByName, outcomeOfCause } from "../causes";
import type { CallEvent } from "../driver";

/** A playback started with uuid_broadcast, until its CHANNEL_EXECUTE_COMPLETE says how it went. */
export type Playback = { id: string; path: string; stopped: boolean };

/** What the driver remembers about a call it follows, until it hangs up. */
/** A play_and_get_digits broadcast, until its CHANNEL_EXECUTE_COMPLETE brings the answer in `variable`. */
export type Prompt = { id: string; variable: string };

export type CallState = { jobId: string | null; created: boolean; ringing: boolean; progress: boolean; answered: boolean; playbacks: Playback[]; prompts: Prompt[] };

/** A channel's place in a bridge; `leaving` once it was asked out and FreeSWITCH has yet to confirm. */
export type Membership = { bridgeId: string; entered: boolean; leaving: boolean };

export type Recording = { channelId: string; path: string; bridgeId: string | null };

/** How a call ended, in FreeSWITCH's terms. */
type Ending = { name: string; code: number | null; sipCode: number | null; answered: boolean };

/**
 * What the ESL driver knows of FreeSWITCH's channels, and the FreeSWITCH events that change it
 * turned into normalised call events. Only the calls the driver follows produce events (Pacer's
 * `origination_uuid` is their Unique-ID; the far half of a loopback call is FreeSWITCH's business).
 *
 * FreeSWITCH has no bridge objects, so a Pacer bridge is kept here as the list of its channels
 * and each channel's membership; the driver's bridge commands change it, CHANNEL_BRIDGE and
 * CHANNEL_UNBRIDGE confirm it.
 */
export class EslChannels {
  readonly calls = new Map<string, CallState>();
  /** bgapi Job-UUID → the channel it originates. */
  readonly jobs = new Map<string, string>();
  readonly bridges = new Map<string, string[]>();
  readonly memberships = new Map<string, Membership>();
  readonly recordings = new Map<string, Recording>();

  constructor(private readonly emit: (event: CallEvent) => void) {}

  follow(channelId: string, state: Omit<CallState, "playbacks" | "prompts">): void {
    this.calls.set(channelId, { ...state, playbacks: [], prompts: [] });
    if (state.jobId) this.jobs.set(state.jobId, channelId);
  }

  /** FreeSWITCH events → normalised call events, for the channels the driver follows. */
  onEvent(e: EslMessage): void {
    const name = e.getHeader("Event-Name");
    const at = eventTime(e);
    if (name === "BACKGROUND_JOB") return this.onJob(e, at);
    if (name === "CHANNEL_BRIDGE") return this.onBridged(e, at);
    if (name === "CHANNEL_UNBRIDGE") return this.onUnbridged(e, at);
    if (name === "RECORD_STOP") return this.onRecordStop(e, at);
    const channelId = e.getHeader("Unique-ID") ?? "";
    const call = this.calls.get(channelId);
    if (!call) return;
    switch (name) {
      case "CHANNEL_CREATE":
        return this.created(channelId, call, at);
      case "CHANNEL_PROGRESS":
        this.created(channelId, call, at);
        if (call.ringing || call.answered) return;
        call.ringing = true;
        return this.emit({ type: "ringing", channelId, at });
      case "CHANNEL_PROGRESS_MEDIA":
        this.created(channelId, call, at);
        if (call.progress || call.answered) return;
        call.progress = true;
        return this.emit({ type: "progress", channelId, at });
      case "CHANNEL_ANSWER":
        this.created(channelId, call, at);
        if (call.answered) return;
        call.answered = true;
        return this.emit({ type: "answered", channelId, at });
      case "CUSTOM": {
        if (e.getHeader("Event-Subclass") !== "mod_amd::info") return;
        const result = AMD_RESULTS[e.getHeader("variable_amd_result") ?? ""];
        if (result) this.emit({ type: "amd", channelId, at, result, detail: e.getHeader("variable_amd_cause") ?? "" });
        return;
      }
      case "DTMF": {
        const rate = Number(e.getHeader("Channel-Read-Codec-Rate")) || 8000;
        const samples = Number(e.getHeader("DTMF-Duration")) || 0;
        return this.emit({ type: "dtmf", channelId, at, digit: e.getHeader("DTMF-Digit") ?? "", durationMs: Math.round((samples * 1000) / rate) });
      }
      case "PLAYBACK_STOP": {
        const playback = call.playbacks.find((p) => p.path === e.getHeader("Playback-File-Path") && !p.stopped);
        if (!playback) return;
        playback.stopped = true;
        if (e.getHeader("Playback-Status") === "break") this.playbackFinished(channelId, call, playback, "stopped", at);
        return;
      }
      case "CHANNEL_EXECUTE_COMPLETE": {
        if (e.getHeader("Application") === "play_and_get_digits") return this.promptAnswered(channelId, call, e, at);
        if (e.getHeader("Application") !== "playback") return;
        const playback = call.playbacks.find((p) => p.path === e.getHeader("Application-Data"));
        if (!playback) return;
        // FILE PLAYED; PLAYBACK ERROR when cut (by a hang-up); FILE NOT FOUND when it never started.
        const status = e.getHeader("Application-Response") === "FILE PLAYED" ? "done" : playback.stopped ? "stopped" : "failed";
        return this.playbackFinished(channelId, call, playback, status, at);
      }
      case "CHANNEL_HANGUP_COMPLETE": {
        const q850 = Number.parseInt(e.getHeader("variable_hangup_cause_q850") ?? "", 10);
        const sip = Number.parseInt(e.getHeader("variable_sip_term_status") ?? (e.getHeader("variable_proto_specific_hangup_cause") ?? "").replace(/^sip:/, ""), 10);
        const answered = call.answered || (e.getHeader("Caller-Channel-Answered-Time") ?? "0") !== "0";
        this.created(channelId, call, at);
        return this.finish(channelId, call, at, {
          name: e.getHeader("Hangup-Cause") ?? "NONE",
          code: Number.isNaN(q850) ? null : q850,
          sipCode: Number.isNaN(sip) ? null : sip,
          answered,
        });
      }
    }
  }

  /** `+OK <uuid>` needs nothing; `-ERR <CAUSE>` for a call that never got a channel is its hang-up. */
  private onJob(e: EslMessage, at: Date) {
    const channelId = this.jobs.get(e.getHeader("Job-UUID") ?? "");
    if (!channelId) return;
    this.jobs.delete(e.getHeader("Job-UUID")!);
    const call = this.calls.get(channelId);
    if (!call) return;
    call.jobId = null;
    const body = e.getBody().trim();
    // A channel that exists reports its own hang-up, with the Q.850 code and SIP status.
    if (body.startsWith("+OK") || call.created) return;
    const name = /^-ERR\s+(\S+)/.exec(body)?.[1] ?? body;
    this.finish(channelId, call, at, { name, code: null, sipCode: null, answered: false });
  }

  private onBridged(e: EslMessage, at: Date) {
    for (const id of [e.getHeader("Bridge-A-Unique-ID"), e.getHeader("Bridge-B-Unique-ID")]) {
      const m = id ? this.memberships.get(id) : undefined;
      if (id && m && !m.entered) this.enter(id, m, at);
    }
  }

  /** Only channels asked out leave; the one staying behind is still in the (now one-channel) bridge. */
  private onUnbridged(e: EslMessage, at: Date) {
    for (const id of [e.getHeader("Bridge-A-Unique-ID"), e.getHeader("Bridge-B-Unique-ID")]) {
      const m = id ? this.memberships.get(id) : undefined;
      if (id && m?.leaving) this.leave(id, m, at);
    }
  }

  private onRecordStop(e: EslMessage, at: Date) {
    const path = e.getHeader("Record-File-Path");
    for (const [name, rec] of this.recordings) {
      if (rec.path !== path) continue;
      this.recordings.delete(name);
      this.emit({ type: "recording_finished", channelId: e.getHeader("Unique-ID") ?? rec.channelId, at, recordingName: name });
      return;
    }
  }

  private promptAnswered(channelId: string, call: CallState, e: EslMessage, at: Date) {
    const data = ` ${e.getHeader("Application-Data") ?? ""} `;
    const prompt = call.prompts.find((p) => data.includes(` ${p.variable} `));
    if (!prompt) return;
    call.prompts = call.prompts.filter((p) => p !== prompt);
    this.emit({ type: "digits", channelId, at, promptId: prompt.id, digits: e.getHeader(`variable_${prompt.variable}`) ?? "" });
  }

  /** `created` comes first, even when FreeSWITCH's CHANNEL_CREATE was missed. */
  private created(channelId: string, call: CallState, at: Date) {
    if (call.created) return;
    call.created = true;
    this.emit({ type: "created", channelId, at });
  }

  private playbackFinished(channelId: string, call: CallState, playback: Playback, status: "done" | "failed" | "stopped", at: Date) {
    call.playbacks = call.playbacks.filter((p) => p !== playback);
    this.emit({ type: "playback_finished", channelId, at, playbackId: playback.id, status });
  }

  enter(channelId: string, m: Membership, at: Date) {
    m.entered = true;
    this.emit({ type: "bridge_entered", channelId, at, bridgeId: m.bridgeId });
  }

  leave(channelId: string, m: Membership, at: Date) {
    this.memberships.delete(channelId);
    const members = this.bridges.get(m.bridgeId);
    if (members?.includes(channelId)) members.splice(members.indexOf(channelId), 1);
    if (m.entered) this.emit({ type: "bridge_left", channelId, at, bridgeId: m.bridgeId });
  }

  staying(members: string[]): string[] {
    return members.filter((id) => !this.memberships.get(id)?.leaving);
  }

  partnerOf(channelId: string, m: Membership): string | undefined {
    return this.staying(this.bridges.get(m.bridgeId) ?? []).find((id) => id !== channelId);
  }

  /** The call is over: what it was still doing ends first (playbacks, its bridge), then `hangup`. */
  finish(channelId: string, call: CallState, at: Date, how: Ending, causeTextOverride?: string) {
    for (const playback of [...call.playbacks]) this.playbackFinished(channelId, call, playback, "stopped", at);
    const m = this.memberships.get(channelId);
    if (m) this.leave(channelId, m, at);
    this.forget(channelId);
    const code = how.code ?? causeByName(how.name).code;
    const known = causeByCode(code);
    const causeText = known.name === `CAUSE_${code}` || code === 0 ? causeByName(how.name).text : known.text;
    this.emit({ type: "hangup", channelId, at, outcome: outcomeOfCause(code, how.answered), cause: code, causeText: causeTextOverride ?? causeText, sipCode: how.sipCode });
  }

  forget(channelId: string) {
    const call = this.calls.get(channelId);
    if (call?.jobId) this.jobs.delete(call.jobId);
    this.calls.delete(channelId);
    const m = this.memberships.get(channelId);
    if (m) {
      this.memberships.delete(channelId);
      const members = this.bridges.get(m.bridgeId);
      if (members?.includes(channelId)) members.splice(members.indexOf(channelId), 1);
    }
    for (const [name, rec] of this.recordings) if (rec.channelId === channelId) this.recordings.delete(name);
  }

  /** Ended while the link was down: its hang-up, with the cause unknown. */
  endedUnseen(channelId: string, causeText: string): void {
    const call = this.calls.get(channelId);
    if (!call) return;
    this.created(channelId, call, new Date());
    this.finish(channelId, call, new Date(), { name: "NONE", code: 0, sipCode: null, answered: call.answered }, causeText);
  }
}

const AMD_RESULTS: Record<string, "HUMAN" | "MACHINE" | "NOTSURE"> = { HUMAN: "HUMAN", MACHINE: "MACHINE", NOT_SURE: "NOTSURE", NOTSURE: "NOTSURE" };

/** FreeSWITCH call states in the words ARI uses for channel states. */
export const CALL_STATES: Record<string, string> = { DOWN: "Down", DIALING: "Down", RINGING: "Ringing", EARLY: "Ringing", RING_WAIT: "Ringing", ACTIVE: "Up", HELD: "Up", HANGUP: "Down" };

function eventTime(e: EslMessage): Date {
  const us = Number(e.getHeader("Event-Date-Timestamp"));
  return us > 0 ? new Date(us / 1000) : new Date();
}
