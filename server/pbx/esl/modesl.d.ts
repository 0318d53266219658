/**
 * The parts of modesl 1.2 (which ships no types) that Pacer uses. modesl is callback-based and
 * reports socket and parser failures as `error` events on the connection (an EventEmitter2 that
 * throws when nobody listens), so a listener must always be attached.
 */
declare module "modesl" {
  import type { Socket } from "node:net";

  /** A message from FreeSWITCH: a command reply, an API response or an event. */
  export class Event {
    /** Event-Name for events; undefined for replies. */
    type: string | undefined;
    body: string;
    headers: { name: string; value: string | number }[];
    getHeader(name: string): string | null;
    getBody(): string;
  }

  /** Raw headers of the frame the message came in (Content-Type, Reply-Text, …). */
  export type FrameHeaders = Record<string, string | number | undefined>;

  export class Connection {
    /**
     * Inbound connection: connects at once, answers `auth/request` with the password, subscribes
     * to BACKGROUND_JOB and CHANNEL_EXECUTE_COMPLETE, then emits `esl::ready` (and calls `onReady`).
     * A refused password emits `esl::event::auth::fail` instead.
     */
    constructor(host: string, port: number, password: string, onReady?: () => void);
    /** Set to null by modesl when the peer ends the stream. */
    socket: Socket | null;
    /** Sends `api <command>`; the callback gets the `api/response` (replies are matched in order). */
    api(command: string, cb: (response: Event) => void): void;
    /** Sends a command with optional header lines; the callback gets its `command/reply`. */
    sendRecv(command: string, headers: Record<string, string> | null, cb: (reply: Event) => void): void;
    /** `event <format> <names…>`; BACKGROUND_JOB and CHANNEL_EXECUTE_COMPLETE are always added. */
    events(format: "json" | "plain" | "xml", names: string[], cb: (reply: Event) => void): void;

    on(event: "error", listener: (err: Error) => void): this;
    on(event: "esl::event::auth::fail", listener: (reply: Event) => void): this;
    /** Every message, as `esl::event::<kind>…`; the frame headers (absent on modesl's own notices) tell replies from events. */
    on(event: "esl::event::**", listener: (message: Event, headers?: FrameHeaders, body?: string) => void): this;
  }

  const modesl: { Connection: typeof Connection; Event: typeof Event };
  export default modesl;
}
