import type { SimBridge, SimPlayback, SimRecording } from "../engine";

/** Asterisk's JSON models of bridges, playbacks and recordings, as REST replies and events carry them. */
export const ASTERISK_ID = "02:fc:00:00:00:01";

/** Asterisk's timestamp format: 2026-11-22T05:57:14.234+0000 */
export const ts = (d: Date = new Date()) => d.toISOString().replace("Z", "+0000");

export const bridgeSnapshot = (b: SimBridge) => ({
  id: b.id,
  technology: "simple_bridge",
  bridge_type: "mixing",
  bridge_class: "stasis",
  creator: "Stasis",
  name: "",
  channels: [...b.channels],
  creationtime: ts(b.createdAt),
  video_mode: "talker",
});

export const playbackSnapshot = (pb: SimPlayback) => ({
  id: pb.id,
  media_uri: pb.media,
  target_uri: `channel:${pb.channelId}`,
  language: "en",
  state: pb.state === "stopped" ? "done" : pb.state,
});

export const recordingSnapshot = (rec: SimRecording) => ({
  name: rec.name,
  format: rec.format,
  state: rec.state === "done" ? "done" : "recording",
  target_uri: "channelId" in rec.target ? `channel:${rec.target.channelId}` : `bridge:${rec.target.bridgeId}`,
  ...(rec.state === "done" ? { duration: Math.round((Date.now() - rec.startedAt.getTime()) / 1000), talking_duration: 0, silence_duration: 0 } : {}),
});
