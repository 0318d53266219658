import { causeByCode } from "../../causes";
import { EngineListeners, type SimChannel, type SimEngine } from "../engine";
import type { AriChannels } from "./channels";
import type { EventStream } from "./event-stream";
import { bridgeSnapshot, playbackSnapshot, recordingSnapshot, ts } from "./snapshots";

/**
 * What Asterisk sends a Stasis application as the engine's calls go, in the order the captures
 * show: Dial progress, state changes, StasisStart/End, DTMF, hang-up requests and ChannelDestroyed
 * with their causes (the far half of a Local channel first), bridge, playback and recording
 * events. Returns the detach function.
 */
export function reportCallEvents(engine: SimEngine, channels: AriChannels, stream: EventStream, dialplanApp: string): () => void {
  const listeners = new EngineListeners(engine);
  const channelEvent = (type: string, ch: SimChannel, extra: Record<string, unknown> = {}, half: 1 | 2 = 1) =>
    stream.send({ type, timestamp: ts(), ...extra, channel: channels.snapshot(ch, half) }, channels.appsOf(ch.id), half === 2);
  const dialEvent = (ch: SimChannel, dialstatus: string) =>
    stream.send({ type: "Dial", timestamp: ts(), dialstatus, forward: "", dialstring: channels.get(ch.id)?.dialstring ?? "", peer: channels.snapshot(ch) }, channels.appsOf(ch.id));

  listeners.on("created", (ch) => {
    if (!channels.has(ch.id)) return;
    dialEvent(ch, "");
  });
  listeners.on("ringing", (ch) => {
    if (!channels.has(ch.id)) return;
    channelEvent("ChannelStateChange", ch);
    dialEvent(ch, "RINGING");
  });
  listeners.on("answered", (ch) => {
    if (!channels.has(ch.id)) return;
    if (ch.hasPeerLeg) channelEvent("ChannelStateChange", ch, {}, 2);
    channelEvent("ChannelStateChange", ch);
    dialEvent(ch, "ANSWER");
  });
  listeners.on("controlled", (ch, args) => {
    const i = channels.get(ch.id);
    if (!i) return;
    // Entering Stasis from the dialplan makes the channel the application's, subscribed or not.
    if (i.apps.size === 0) i.apps.add(dialplanApp);
    i.inStasis = true;
    i.appArgs = args;
    channelEvent("ChannelVarset", ch, { variable: "STASISSTATUS", value: "" });
    channelEvent("StasisStart", ch, { args });
  });
  listeners.on("released", (ch) => {
    const i = channels.get(ch.id);
    if (!i) return;
    i.inStasis = false;
    channelEvent("StasisEnd", ch);
  });
  listeners.on("dtmf", (ch, digit, durationMs) => {
    if (channels.get(ch.id)?.inStasis) channelEvent("ChannelDtmfReceived", ch, { digit, duration_ms: durationMs });
  });
  listeners.on("hangup", (ch, how) => {
    const i = channels.get(ch.id);
    if (!i) return;
    const answered = ch.answeredAt !== null;
    // Refusals end with a final Dial status; a ring timeout does not send one (as in the traces).
    if (!answered && how.dialStatus && (how.dialStatus !== "NOANSWER" || how.cause === 1)) dialEvent(ch, how.dialStatus);
    const cause = causeByCode(how.cause);
    // Through a Local channel the far half carries the real cause; the half we own ends with 0 when refused.
    const ownCause = ch.hasPeerLeg && !answered && (how.cause === 17 || how.cause === 34) ? causeByCode(0) : cause;
    if (ch.hasPeerLeg) {
      channelEvent("ChannelHangupRequest", ch, { cause: how.cause }, 2);
      channelEvent("ChannelDestroyed", ch, { cause: cause.code, cause_txt: cause.text }, 2);
    }
    if (how.by === "client") channelEvent("ChannelHangupRequest", ch, { cause: 32, soft: true });
    else if (answered) channelEvent("ChannelHangupRequest", ch, { cause: how.cause });
    if (i.inStasis) {
      channelEvent("StasisEnd", ch);
      channelEvent("ChannelVarset", ch, { variable: "STASISSTATUS", value: "SUCCESS" });
    }
    channelEvent("ChannelDestroyed", ch, { cause: ownCause.code, cause_txt: ownCause.text });
    channels.forget(ch.id);
  });
  listeners.on("enteredBridge", (b, ch) => stream.send({ type: "ChannelEnteredBridge", timestamp: ts(), bridge: bridgeSnapshot(b), channel: channels.snapshot(ch) }, channels.appsOf(ch.id)));
  listeners.on("leftBridge", (b, ch) => stream.send({ type: "ChannelLeftBridge", timestamp: ts(), bridge: bridgeSnapshot(b), channel: channels.snapshot(ch) }, channels.appsOf(ch.id)));
  listeners.on("bridgeDestroyed", (b) => stream.send({ type: "BridgeDestroyed", timestamp: ts(), bridge: bridgeSnapshot(b) }, null));
  listeners.on("playbackStarted", (pb) => stream.send({ type: "PlaybackStarted", timestamp: ts(), playback: playbackSnapshot(pb) }, channels.appsOf(pb.channelId)));
  listeners.on("playbackFinished", (pb) => stream.send({ type: "PlaybackFinished", timestamp: ts(), playback: playbackSnapshot(pb) }, channels.appsOf(pb.channelId)));
  listeners.on("recordingStarted", (rec) => stream.send({ type: "RecordingStarted", timestamp: ts(), recording: recordingSnapshot(rec) }, "channelId" in rec.target ? channels.appsOf(rec.target.channelId) : null));
  listeners.on("recordingFinished", (rec) => stream.send({ type: "RecordingFinished", timestamp: ts(), recording: recordingSnapshot(rec) }, "channelId" in rec.target ? channels.appsOf(rec.target.channelId) : null));
  return () => listeners.detach();
}
