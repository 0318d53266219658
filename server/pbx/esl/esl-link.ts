import type { Socket } from "node:net";
import modesl, { type Connection, type Event as EslMessage } from "modesl";
import { PbxError } from "../driver";

export type EslLinkOptions = {
  host: string;
  port: number;
  password: string;
  /** How long a command may wait for its reply. */
  commandTimeoutMs?: number;
  /** How long connecting (TCP, auth, subscription) may take. */
  connectTimeoutMs?: number;
};

/**
 * The events the driver follows. modesl adds BACKGROUND_JOB and CHANNEL_EXECUTE_COMPLETE anyway;
 * CUSTOM comes last because the words after it name the subclasses (mod_amd's verdict).
 */
const EVENTS = [
  "CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE",
  "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "DTMF", "PLAYBACK_STOP", "RECORD_STOP",
  "BACKGROUND_JOB", "CUSTOM", "mod_amd::info",
];

type Pending = { reject: (err: PbxError) => void; timer: NodeJS.Timeout };

/**
 * One event-socket connection to FreeSWITCH, with modesl: the connection attempt (TCP, `auth`,
 * the event subscription) and commands with their replies, each within a timeout. modesl never
 * reconnects (the connection keeper does) and reports failures as `error` events; both are
 * handled here, so nothing rejects unhandled or throws into the event loop.
 */
export class EslLink {
  private conn: Connection | null = null;
  private socket: Socket | null = null;
  /** The socket of a connection attempt still under way (closed at once by close()). */
  private attempting: Socket | null = null;
  private closed = false;
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly opts: EslLinkOptions,
    private readonly hooks: {
      onEvent(message: EslMessage): void;
      /** A socket error on an established connection (its close follows). */
      onError(reason: string): void;
      /** The established connection is gone; commands waiting for replies have been failed. */
      onLost(reason: string): void;
    },
  ) {}

  /** One connection attempt: TCP, `auth`, then the event subscription. */
  attach(): Promise<void> {
    this.closed = false;
    return new Promise((resolve, reject) => {
      let settled = false;
      let conn: Connection | null = null;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.attempting = null;
        conn?.socket?.destroy();
        reject(err);
      };
      const timeoutMs = this.opts.connectTimeoutMs ?? 5000;
      const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      try {
        conn = new modesl.Connection(this.opts.host, this.opts.port, this.opts.password, () => subscribe());
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const connection = conn;
      // modesl drops its socket reference when the peer ends the stream; keep ours to see the close.
      const socket = connection.socket!;
      this.attempting = socket;
      // modesl writes a command in pieces; without this, Nagle holds the tail back for an ACK.
      socket.setNoDelay(true);
      // A socket error comes before its close, and says why it closed.
      let lastError: string | null = null;
      connection.on("error", (err) => {
        lastError = err.message;
        if (!settled) fail(err);
        else this.hooks.onError(err.message);
      });
      connection.on("esl::event::auth::fail", () => fail(new Error("authentication refused (wrong ESL password?)")));
      // modesl also emits its own notices here (auth::success…) without frame headers. Events may
      // come before the subscription is confirmed (a BACKGROUND_JOB goes to every listener).
      connection.on("esl::event::**", (message, headers) => {
        if (headers?.["Content-Type"] === "text/event-json" && (this.conn === connection || !settled)) this.hooks.onEvent(message);
      });
      socket.once("close", () => {
        if (!settled) fail(new Error(lastError ?? "connection closed"));
        else this.lost(connection, lastError ?? "connection closed by FreeSWITCH");
      });
      const subscribe = () =>
        connection.events("json", [...EVENTS], (reply) => {
          const text = String(reply.getHeader("Reply-Text") ?? "");
          if (!text.startsWith("+OK")) return fail(new Error(`event subscription refused: ${text}`));
          if (settled) return;
          if (this.closed) return fail(new Error("driver closed"));
          settled = true;
          clearTimeout(timer);
          this.attempting = null;
          this.conn = connection;
          this.socket = socket;
          resolve();
        });
    });
  }

  private lost(conn: Connection, reason: string) {
    if (this.conn !== conn) return;
    this.conn = null;
    this.socket = null;
    this.failPending(`connection lost: ${reason}`);
    this.hooks.onLost(reason);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failPending("driver closed");
    this.attempting?.destroy();
    this.attempting = null;
    const socket = this.socket;
    this.conn = null;
    this.socket = null;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve());
        socket.end("exit\n\n");
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    }
  }

  failPending(reason: string) {
    for (const p of this.pending) {
      clearTimeout(p.timer);
      p.reject(new PbxError("not_connected", reason));
    }
    this.pending.clear();
  }

  /** Sends a command and waits for its reply, within the timeout; rejects at once when disconnected. */
  request(what: string, send: (conn: Connection, done: (reply: EslMessage) => void) => void): Promise<EslMessage> {
    const conn = this.conn;
    if (!conn) return Promise.reject(new PbxError("not_connected", `${what}: FreeSWITCH is not connected`, true));
    const timeoutMs = this.opts.commandTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        reject,
        timer: setTimeout(() => {
          if (this.pending.delete(entry)) reject(new PbxError("timeout", `${what}: no reply within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      entry.timer.unref();
      this.pending.add(entry);
      send(conn, (reply) => {
        if (!this.pending.delete(entry)) return;
        clearTimeout(entry.timer);
        resolve(reply);
      });
    });
  }

  /** `api <command>`: the response body, whatever it says. */
  async api(command: string): Promise<string> {
    const reply = await this.request(command.split(" ", 1)[0], (conn, done) => conn.api(command, done));
    return reply.getBody();
  }

  /** `api <command>`, turning a `-ERR …`/`-USAGE …` answer into a PbxError. */
  async run(what: string, command: string): Promise<string> {
    const body = await this.api(command);
    if (body.startsWith("-")) throw toPbxError(what, body);
    return body;
  }
}

/** FreeSWITCH's refusals: `-ERR No such channel!`, `-ERR Invalid uuid`, `-ERROR`, `-USAGE: …`. */
export function toPbxError(what: string, reply: string): PbxError {
  const text = reply.trim();
  const code = /no such channel|cannot locate session|invalid uuid|^-ERROR$/i.test(text)
    ? "not_found"
    : /command not found|^-USAGE/i.test(text)
      ? "bad_request"
      : "pbx_error";
  return new PbxError(code, `${what}: ${text}`);
}
