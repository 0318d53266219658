/** The parts of ari-client (which ships no types) that Pacer uses. Calls return bluebird promises. */
declare module "ari-client" {
  import type { EventEmitter } from "node:events";

  export type AriChannel = {
    id: string;
    name: string;
    state: string;
    caller: { name: string; number: string };
    connected: { name: string; number: string };
    dialplan?: { context: string; exten: string; priority: number };
    creationtime: string;
  };

  export type AriEvent = {
    type: string;
    application: string;
    timestamp?: string;
    channel?: AriChannel;
    peer?: AriChannel;
    dialstatus?: string;
    cause?: number;
    cause_txt?: string;
    args?: string[];
    digit?: string;
    duration_ms?: number;
    bridge?: { id: string; channels: string[] };
    playback?: { id: string; target_uri: string; state: string };
    recording?: { name: string; target_uri: string; state: string };
  };

  type Op<A, R = void> = (args: A) => Promise<R>;

  export interface AriClient extends EventEmitter {
    channels: {
      originate: Op<Record<string, unknown>, AriChannel>;
      list: () => Promise<AriChannel[]>;
      hangup: Op<{ channelId: string; reason?: string; reason_code?: string }>;
      answer: Op<{ channelId: string }>;
      play: Op<{ channelId: string; media: string; playbackId?: string }, { id: string }>;
      record: Op<{ channelId: string; name: string; format: string; ifExists?: string; maxDurationSeconds?: number }>;
      startMoh: Op<{ channelId: string; mohClass?: string }>;
      stopMoh: Op<{ channelId: string }>;
      continueInDialplan: Op<{ channelId: string; context?: string; extension?: string; priority?: number }>;
      getChannelVar: Op<{ channelId: string; variable: string }, { value: string }>;
      snoopChannelWithId: Op<{ channelId: string; snoopId: string; spy?: string; whisper?: string; app: string; appArgs?: string }, AriChannel>;
    };
    bridges: {
      create: Op<{ bridgeId?: string; type?: string; name?: string }>;
      addChannel: Op<{ bridgeId: string; channel: string }>;
      removeChannel: Op<{ bridgeId: string; channel: string }>;
      destroy: Op<{ bridgeId: string }>;
      record: Op<{ bridgeId: string; name: string; format: string; ifExists?: string; maxDurationSeconds?: number }>;
    };
    recordings: { stop: Op<{ recordingName: string }> };
    playbacks: { stop: Op<{ playbackId: string }> };
    applications: { subscribe: Op<{ applicationName: string; eventSource: string }> };
    asterisk: { getInfo: () => Promise<unknown> };
  }

  const ari: { connect(url: string, user: string, pass: string): Promise<AriClient> };
  export default ari;
}
