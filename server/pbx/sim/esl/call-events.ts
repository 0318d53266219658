import { access, writeFile } from "node:fs/promises";
import path from "node:path";
import { EngineListeners, type EngineEvents, type SimChannel, type SimEngine, type SimPlayback, type SimRecording } from "../engine";
import { nowUs } from "./clock";
import type { EventBus } from "./events";
import { causeOf, causeOfHangup, setCdr, setSipHangup } from "./hangup";
import type { JsonCdrLog } from "./json-cdr";
import type { Leg, Pair, SessionTable } from "./sessions";

/**
 * What FreeSWITCH fires as the engine's calls go: CHANNEL_CREATE … CHANNEL_DESTROY for each
 * session in the order the captures show (the loopback far half first when it hangs up, media
 * and bridge teardown after CHANNEL_HANGUP), mod_amd's verdict, DTMF, playback and recording
 * events, the BACKGROUND_JOB or blocking reply of the originate that placed the call, and
 * park_after_bridge when a uuid_bridge breaks.
 */

/** mod_amd's names for the verdict's reason; the engine reports Asterisk's (MAXWORDS-3-2…). */
const AMD_CAUSE: Record<string, string> = {
  MAXWORDS: "MAX_WORDS", MAXWORDLENGTH: "MAX_WORD_LENGTH", LONGGREETING: "LONG_GREETING", INITIALSILENCE: "INITIAL_SILENCE",
  HUMAN: "SILENCE_AFTER_GREETING", TOOLONG: "TOOLONG",
};

export class CallEventReporter {
  private readonly listeners: EngineListeners;

  constructor(
    private readonly engine: SimEngine,
    private readonly sessions: SessionTable,
    private readonly bus: EventBus,
    private readonly cdrs: JsonCdrLog,
  ) {
    this.listeners = new EngineListeners(engine);
    this.listeners.on("created", (ch) => this.onCreated(ch));
    this.listeners.on("ringing", (ch) => this.onRinging(ch));
    this.listeners.on("answered", (ch) => this.onAnswered(ch));
    this.listeners.on("controlled", (ch) => this.onControlled(ch));
    this.listeners.on("released", (ch) => this.onReleased(ch));
    this.listeners.on("amd", (ch, verdict, detail) => this.onAmd(ch, verdict, detail));
    this.listeners.on("dtmf", (ch, digit, ms) => this.onDtmf(ch, digit, ms));
    this.listeners.on("playbackStarted", (pb) => this.onPlaybackStarted(pb));
    this.listeners.on("playbackFinished", (pb) => this.onPlaybackFinished(pb));
    this.listeners.on("recordingStarted", (rec) => this.onRecordingStarted(rec));
    this.listeners.on("recordingFinished", (rec) => this.onRecordingFinished(rec));
    this.listeners.on("leftBridge", (bridge, ch) => this.onLeftBridge(bridge.id, ch));
    this.listeners.on("hangup", (ch, how) => this.onHangup(ch, how));
  }

  detach() {
    this.listeners.detach();
  }

  private onCreated(ch: SimChannel) {
    const a = this.sessions.open(ch);
    if (!a) return;
    const b = a.peer;
    this.bus.fireOn("CHANNEL_CREATE", a);
    if (b) {
      this.bus.fireOn("CHANNEL_CREATE", b);
      Object.assign(b, { state: "CS_EXECUTE", stateNumber: 4, callState: "RINGING" });
    }
    Object.assign(a, { state: "CS_CONSUME_MEDIA", stateNumber: 7 });
  }
  /** Refused calls hang up without ringing, as in the captures (on the wire, a straight 486 or 503). */
  private onRinging(ch: SimChannel) {
    const a = this.sessions.of(ch);
    const fate = ch.fate;
    if (!a || ((fate.kind === "busy" || fate.kind === "congestion") && fate.ringSec < ch.ringTimeoutSec)) return;
    a.times.progress = nowUs();
    this.bus.fireOn("CHANNEL_PROGRESS", a);
    a.callState = "RINGING";
    const b = a.peer;
    if (b) {
      b.times.progress = a.times.progress;
      b.vars.set("current_application", "ring_ready");
      this.bus.fireOn("CHANNEL_PROGRESS", b);
      this.bus.execComplete(b, "ring_ready");
    }
  }

  private onAnswered(ch: SimChannel) {
    const a = this.sessions.of(ch);
    if (!a) return;
    a.times.answered = nowUs();
    a.answerState = "answered";
    this.bus.fireOn("CHANNEL_ANSWER", a);
    a.callState = "ACTIVE";
    const b = a.peer;
    if (b) {
      b.times.answered = a.times.answered;
      b.answerState = "answered";
      this.bus.fireOn("CHANNEL_ANSWER", b);
      b.callState = "ACTIVE";
      b.vars.set("endpoint_disposition", "ANSWER");
      this.bus.execComplete(b, "answer");
    }
    a.vars.set("endpoint_disposition", "ANSWER");
    this.finishJob(a, `+OK ${a.uuid}\n`);
    if (b) {
      // mod_loopback hands the far side's identity to our half once the originate completes.
      a.vars.set("pre_transfer_caller_id_number", a.caller.number).set("channel_cid_flipped", "yes");
      [a.caller, a.callee] = [{ ...a.callee }, { name: "", number: a.caller.number }];
    }
    Object.assign(a, { state: "CS_EXECUTE", stateNumber: 4, hitDialplan: true });
  }

  private onControlled(ch: SimChannel) {
    const a = this.sessions.of(ch);
    if (!a) return;
    Object.assign(a, { app: "park", appData: "", state: "CS_EXECUTE", stateNumber: 4 });
    a.vars.set("current_application", "park");
    this.bus.fireOn("CHANNEL_PARK", a);
  }

  private onReleased(ch: SimChannel) {
    const a = this.sessions.of(ch);
    if (!a) return;
    if (a.app === "park") this.bus.execComplete(a, "park");
    a.app = "";
  }

  private onAmd(ch: SimChannel, verdict: "HUMAN" | "MACHINE", detail: string) {
    const a = this.sessions.of(ch);
    if (!a) return;
    a.vars.set("amd_result", verdict).set("amd_cause", AMD_CAUSE[detail.split("-")[0]] ?? "TOOLONG");
    this.bus.fireOn("CUSTOM", a, { subclass: "mod_amd::info" });
  }

  private onDtmf(ch: SimChannel, digit: string, ms: number) {
    const a = this.sessions.of(ch);
    if (!a) return;
    const samples = Math.round((ms * Number(a.codec[1])) / 1000);
    this.bus.fireOn("DTMF", a, { variables: false, tail: { "DTMF-Digit": digit, "DTMF-Duration": String(samples), "DTMF-Source": a.sip ? "RTP" : "UNKNOWN" } });
  }

  private onPlaybackStarted(pb: SimPlayback) {
    const a = this.sessions.ourLeg(pb.channelId);
    if (!a) return;
    a.vars.set("current_application", "playback").set("current_application_data", pb.media);
    this.bus.fireOn("PLAYBACK_START", a, { tail: { "Playback-File-Path": pb.media } });
  }

  /** A playback cut by uuid_break reports "break"; one cut by a hang-up still says "done" but fails. */
  private onPlaybackFinished(pb: SimPlayback) {
    const a = this.sessions.legOfEngineChannel(pb.channelId);
    if (!a) return;
    const hungUp = a.ch.ended;
    const send = () => {
      this.bus.fireOn("PLAYBACK_STOP", a, { tail: { "Playback-File-Path": pb.media, "Playback-Status": pb.state === "stopped" && !hungUp ? "break" : "done" } });
      this.bus.execComplete(a, "playback", pb.media, hungUp ? "PLAYBACK ERROR" : "FILE PLAYED");
    };
    if (hungUp) a.teardown.playbacks.push(send);
    else send();
  }

  private onRecordingStarted(rec: SimRecording) {
    if (!("channelId" in rec.target)) return;
    const a = this.sessions.ourLeg(rec.target.channelId);
    if (!a) return;
    this.bus.fireOn("RECORD_START", a, { tail: { "Record-File-Path": rec.name } });
  }

  /**
   * FreeSWITCH writes a recording to the path it was given, on its own disk. The simulator shares
   * this machine's: it writes the audio there when the directory exists (it never creates one).
   */
  private async storeRecordingFile(rec: SimRecording) {
    if (!path.isAbsolute(rec.name)) return;
    try {
      await access(path.dirname(rec.name));
      await writeFile(rec.name, this.engine.recordingAudio(rec.name));
    } catch {
      // No such directory here: the recording stays in the simulator's memory only.
    }
  }

  private onRecordingFinished(rec: SimRecording) {
    void this.storeRecordingFile(rec);
    if (!("channelId" in rec.target)) return;
    const a = this.sessions.legOfEngineChannel(rec.target.channelId);
    if (!a) return;
    const send = () => {
      const ms = Math.max(0, Date.now() - rec.startedAt.getTime());
      a.vars
        .set("record_ms", String(ms))
        .set("record_seconds", String(Math.floor(ms / 1000)))
        .set("record_completion_cause", "success-silence");
      this.bus.fireOn("RECORD_STOP", a, { tail: { "Record-File-Path": rec.name, "Record-Completion-Cause": "success-silence" } });
    };
    if (a.ch.ended) a.teardown.records.push(send);
    else send();
  }

  private onLeftBridge(bridgeId: string, ch: SimChannel) {
    const pair = this.sessions.pairs.get(bridgeId);
    if (!pair || pair.broken) return;
    pair.broken = true;
    const leaving = this.sessions.of(ch);
    const survivor = leaving === pair.first ? pair.second : pair.first;
    const send = () => {
      for (const leg of [pair.first, pair.second]) leg.vars.set("last_bridge_role", leg === pair.first ? "originator" : "originatee");
      pair.first.vars.delete("bridge_to");
      if (leaving?.hangupCause) pair.first.vars.set("bridge_hangup_cause", leaving.hangupCause);
      this.bus.fireOn("CHANNEL_UNBRIDGE", pair.first, { pre: { "Bridge-A-Unique-ID": pair.first.uuid, "Bridge-B-Unique-ID": pair.second.uuid } });
    };
    if (ch.ended && leaving === pair.first) leaving.teardown.unbridge = send;
    else send();
    // The bridge thread ends after the hang-up is under way; then the other side is dealt with.
    setImmediate(() => this.afterBridge(pair, survivor));
  }

  private afterBridge(pair: Pair, survivor: Leg) {
    this.sessions.pairs.delete(pair.id);
    if (this.engine.bridges.has(pair.id)) this.engine.destroyBridge(pair.id);
    // Gone, bridged again or sent to the dialplan meanwhile: nothing left to decide.
    if (this.engine.channel(survivor.uuid) !== survivor.ch || survivor.ch.bridgeId !== null || !survivor.ch.inControl) return;
    const parkAfter = survivor.vars.get("park_after_bridge") ?? this.engine.getVar(survivor.uuid, "park_after_bridge");
    if (parkAfter === "true") {
      this.bus.firePark(survivor);
    } else {
      survivor.killCause = causeOf("NORMAL_CLEARING");
      this.engine.hangup(survivor.uuid, 16);
    }
  }

  private onHangup(ch: SimChannel, how: EngineEvents["hangup"][1]) {
    const a = this.sessions.of(ch);
    if (!a) return;
    const b = a.peer;
    const answered = ch.answeredAt !== null;
    const cause = causeOfHangup(a, how, answered);
    const byFarEnd = how.by === "remote";
    const us = nowUs();
    for (const leg of [a, b]) {
      if (!leg) continue;
      Object.assign(leg, { hangupCause: cause.name, answerState: "hangup", stateNumber: 10 });
      leg.times.hangup = us;
    }
    if (a.sip) setSipHangup(a, how.sipCode, byFarEnd, answered);

    const hangup = (leg: Leg) => this.bus.fireOn("CHANNEL_HANGUP", leg);
    const teardownA = () => {
      a.teardown.unbridge?.();
      if (a.teardown.records.length) a.state = "CS_HANGUP";
      for (const send of [...a.teardown.records, ...a.teardown.playbacks]) send();
      if (a.app === "park") this.bus.execComplete(a, "park");
      else if (a.app === "eavesdrop") this.bus.execComplete(a, "eavesdrop", a.appData);
    };
    const complete = (leg: Leg) => {
      Object.assign(leg, { state: "CS_REPORTING", stateNumber: 11, callState: "HANGUP" });
      setCdr(leg, cause);
      this.cdrs.record(leg);
      this.bus.fireOn("CHANNEL_HANGUP_COMPLETE", leg, { pre: { "Hangup-Cause": cause.name } });
    };
    const destroy = (leg: Leg) => {
      leg.stateNumber = 12;
      this.bus.fireOn("CHANNEL_DESTROY", leg);
    };
    const job = () => this.finishJob(a, `-ERR ${cause.name}\n`);

    try {
      if (b && byFarEnd) {
        // The far end (the loopback "-b" half) hangs up first and takes our half with it.
        hangup(b);
        this.bus.execComplete(b, "hangup", answered ? "" : cause.name);
        hangup(a);
        teardownA();
        complete(b);
        complete(a);
        if (answered) {
          destroy(a);
          destroy(b);
        } else {
          destroy(b);
          job();
          destroy(a);
        }
      } else if (b) {
        hangup(a);
        job();
        teardownA();
        hangup(b);
        complete(a);
        complete(b);
        destroy(b);
        destroy(a);
      } else {
        hangup(a);
        if (!byFarEnd) job();
        teardownA();
        complete(a);
        if (byFarEnd) job();
        destroy(a);
      }
    } finally {
      this.sessions.close(a);
    }
  }

  private finishJob(a: Leg, body: string) {
    const job = a.job;
    if (!job) return;
    a.job = null;
    if (job.kind === "api") job.reply(body);
    else this.bus.fireJob(job.uuid, job.command, job.arg, body);
  }
}
