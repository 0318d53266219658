/**
 * Who hears whom on the simulated switch: the audio paths that bridges, snoop channels (Asterisk)
 * and eavesdroppers (FreeSWITCH) make, so a test can ask what a person on a call would hear.
 *
 * Each channel has two streams, as a PBX's media layer sees them: `up`, what comes from the
 * channel's far end into the switch (its phone's microphone, in the switch's words "read" or
 * "in"), and `down`, what the switch sends to that far end (the phone's earpiece, "write" or
 * "out"). A person's voice enters at `up` of their channel and is heard wherever it reaches a
 * `down`. What joins the streams:
 *
 * - a bridge: every member's `up` reaches every other member's `down`;
 * - an Asterisk snoop channel on a target: it spies `in` (the target's `up`), `out` (the target's
 *   `down`) or both, and says that into its own `up` (so a bridge it is in hears it); what it is
 *   sent (its `down`) it whispers `out` (into the target's `down`: the target's phone plays it)
 *   or `in` (into the target's `up`: as if the target said it);
 * - a FreeSWITCH eavesdropper on a target: it hears the target's `up` and `down` (the target and
 *   whoever the target hears); with mux write it speaks into the target's `down` (the target
 *   hears it), with mux read into the target's `up` (the target's partner hears it).
 *
 * Snoop channels have no far end: nobody's voice starts there and nobody listens there.
 */
export type SnoopDirection = "none" | "in" | "out" | "both";

export type AudioChannel = {
  id: string;
  bridgeId: string | null;
  /** Set on a snoop channel: what it spies on and whispers into. */
  snoop: { targetId: string; spy: SnoopDirection; whisper: SnoopDirection } | null;
};

export type AudioEavesdrop = { eavesdropperId: string; targetId: string; toTarget: boolean; toPartner: boolean };

type Stream = `${"up" | "down"}:${string}`;

const covers = (direction: SnoopDirection, side: "in" | "out") => direction === "both" || direction === side;

/** Where audio in each stream goes next. */
function audioGraph(channels: Iterable<AudioChannel>, eavesdrops: Iterable<AudioEavesdrop>): Map<Stream, Stream[]> {
  const next = new Map<Stream, Stream[]>();
  const link = (from: Stream, to: Stream) => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  const members = new Map<string, string[]>();
  for (const ch of channels) {
    if (ch.bridgeId) members.set(ch.bridgeId, [...(members.get(ch.bridgeId) ?? []), ch.id]);
    const s = ch.snoop;
    if (!s) continue;
    if (covers(s.spy, "in")) link(`up:${s.targetId}`, `up:${ch.id}`);
    if (covers(s.spy, "out")) link(`down:${s.targetId}`, `up:${ch.id}`);
    if (covers(s.whisper, "out")) link(`down:${ch.id}`, `down:${s.targetId}`);
    if (covers(s.whisper, "in")) link(`down:${ch.id}`, `up:${s.targetId}`);
  }
  for (const ids of members.values()) {
    for (const a of ids) for (const b of ids) if (a !== b) link(`up:${a}`, `down:${b}`);
  }
  for (const e of eavesdrops) {
    link(`up:${e.targetId}`, `down:${e.eavesdropperId}`);
    link(`down:${e.targetId}`, `down:${e.eavesdropperId}`);
    if (e.toTarget) link(`up:${e.eavesdropperId}`, `down:${e.targetId}`);
    if (e.toPartner) link(`up:${e.eavesdropperId}`, `up:${e.targetId}`);
  }
  return next;
}

/** The streams audio entering at `from` reaches. */
function reach(graph: Map<Stream, Stream[]>, from: Stream): Set<Stream> {
  const seen = new Set<Stream>([from]);
  const queue: Stream[] = [from];
  while (queue.length) {
    for (const to of graph.get(queue.shift()!) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/** The people (channels with a far end) who hear `speakerId`'s voice, besides the speaker. */
export function hearersOf(speakerId: string, channels: AudioChannel[], eavesdrops: Iterable<AudioEavesdrop>): string[] {
  const reached = reach(audioGraph(channels, eavesdrops), `up:${speakerId}`);
  return channels.filter((c) => !c.snoop && c.id !== speakerId && reached.has(`down:${c.id}`)).map((c) => c.id);
}

/** The people whose voices reach `listenerId`'s phone. */
export function heardBy(listenerId: string, channels: AudioChannel[], eavesdrops: Iterable<AudioEavesdrop>): string[] {
  const graph = audioGraph(channels, eavesdrops);
  return channels.filter((c) => !c.snoop && c.id !== listenerId && reach(graph, `up:${c.id}`).has(`down:${listenerId}`)).map((c) => c.id);
}
