import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { EventSubscription } from "./subscription";
import { afterSpace, apiResponseFrame, authRequestFrame, commandReplyFrame, disconnectNoticeFrame, eventFrame, FrameReader, type Frame, type FsEvent } from "./wire";

/** What a connection asks of the switch behind it. */
export type EslSwitch = {
  readonly password: string;
  /**
   * Runs an API command: its reply, a promise of it (a blocking `api originate`), or null when a
   * bgapi job will answer with its BACKGROUND_JOB.
   */
  api(command: string, arg: string, job: { uuid: string; raw: string } | null): string | Promise<string> | null;
  fireJob(uuid: string, command: string, arg: string, body: string): void;
};

/** One client of the event socket: authentication, then commands in order, events as subscribed. */
export class EslConnection {
  private readonly reader = new FrameReader();
  private readonly queue: Frame[] = [];
  private readonly subscription = new EventSubscription();
  private authed = false;
  /**
   * FreeSWITCH runs a connection's commands on its one listener thread: events fired meanwhile
   * (by the command itself, or while a blocking api such as originate waits) go out after the reply.
   */
  private busy = false;
  private held: string[] = [];
  private closing = false;

  constructor(
    readonly socket: Socket,
    private readonly freeswitch: EslSwitch,
  ) {
    // As mod_event_socket does (TCP_NODELAY): replies go out at once.
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", () => socket.destroy());
    this.write(authRequestFrame());
  }

  private write(text: string) {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
  }

  private reply(text: string) {
    this.write(commandReplyFrame(text));
  }

  /** Says goodbye the way FreeSWITCH does, then closes. */
  private hangUp() {
    this.closing = true;
    this.write(disconnectNoticeFrame());
    this.socket.end();
  }

  private receive(chunk: Buffer) {
    if (this.closing) return;
    const { frames, error } = this.reader.push(chunk);
    if (error) {
      // Input the connection cannot get back in step with: answer, then close.
      this.queue.length = 0;
      this.reply(error);
      this.hangUp();
      return;
    }
    this.queue.push(...frames);
    this.drain();
  }

  private drain() {
    while (!this.busy && !this.closing && this.queue.length) {
      this.busy = true;
      const pending = this.handle(this.queue.shift()!);
      if (pending) {
        pending.then((body) => {
          this.write(apiResponseFrame(body));
          this.release();
          this.drain();
        });
        return;
      }
      this.release();
    }
  }

  private release() {
    this.busy = false;
    for (const text of this.held) this.write(text);
    this.held = [];
  }

  private handle(frame: Frame): Promise<string> | null {
    const cmd = frame.command;
    const lower = cmd.toLowerCase();
    if (lower.startsWith("exit") || lower.startsWith("...")) {
      this.reply("+OK bye");
      this.hangUp();
      return null;
    }
    if (!this.authed) {
      this.authenticate(cmd);
      return null;
    }
    if (lower.startsWith("api ")) return this.runApi(cmd.slice(4), null);
    if (lower.startsWith("bgapi ")) {
      const jobUuid = frame.headers.get("job-uuid") || randomUUID();
      this.write(commandReplyFrame(`+OK Job-UUID: ${jobUuid}`, `Job-UUID: ${jobUuid}\n`));
      this.runApi(cmd.slice(6), jobUuid);
      return null;
    }
    const s = this.subscription;
    if (lower.startsWith("event")) this.reply(s.subscribe(afterSpace(cmd.slice(5))));
    else if (lower.startsWith("nixevent")) this.reply(s.unsubscribe(afterSpace(cmd.slice(8))));
    else if (lower.startsWith("noevents")) this.reply(s.noEvents());
    else if (lower.startsWith("filter ")) this.reply(s.filter(cmd.slice(7)));
    else if (lower.startsWith("myevents")) this.reply(s.myEventsFor(cmd.slice(8)));
    else if (lower.startsWith("nolog")) this.reply("-ERR not loging");
    else if (lower.startsWith("log")) this.reply(`+OK log level ${cmd.slice(3).trim() || "debug"} [7]`);
    else if (lower.startsWith("linger") || lower.startsWith("nolinger")) this.reply("-ERR not controlling a session");
    else this.reply("-ERR command not found");
    return null;
  }

  private authenticate(cmd: string) {
    if (!cmd.toLowerCase().startsWith("auth ")) return this.reply("-ERR command not found");
    if (cmd.slice(5) === this.freeswitch.password) {
      this.authed = true;
      this.reply("+OK accepted");
    } else {
      this.reply("-ERR invalid");
      this.hangUp();
    }
  }

  /** `api` blocks this connection until done; `bgapi` answers with a BACKGROUND_JOB event. */
  private runApi(line: string, jobUuid: string | null): Promise<string> | null {
    const space = line.indexOf(" ");
    const command = space < 0 ? line : line.slice(0, space);
    const arg = space < 0 ? "" : line.slice(space + 1);
    let result: ReturnType<EslSwitch["api"]>;
    try {
      result = this.freeswitch.api(command, arg, jobUuid ? { uuid: jobUuid, raw: arg } : null);
    } catch (err) {
      // A fault of the simulator itself: report it to this client rather than take the server down.
      result = `-ERR ${err instanceof Error ? err.message : String(err)}\n`;
    }
    if (typeof result !== "string") return result;
    if (jobUuid) setImmediate(() => this.freeswitch.fireJob(jobUuid, command, arg, result));
    else this.write(apiResponseFrame(result));
    return null;
  }

  /** Subscribed to this kind of event? Lets the switch skip building events nobody asked for. */
  listensTo(name: string, subclass?: string): boolean {
    return this.authed && !this.closing && this.subscription.listensTo(name, subclass);
  }

  offer(event: FsEvent) {
    if (!this.listensTo(event.name, event.headers["Event-Subclass"]) || !this.subscription.wants(event)) return;
    const frame = eventFrame(event, this.subscription.format);
    if (this.busy) this.held.push(frame);
    else this.write(frame);
  }
}
