import type { EventFormat, FsEvent } from "./wire";

/**
 * What one event-socket client asked to hear: `event`, `nixevent`, `noevents`, `filter` and
 * `myevents`, each answered with FreeSWITCH's reply text, and the test an event passes to reach it.
 */

/** Event names `event`/`nixevent` accept (switch_event_types_t); anything else is ignored. */
const EVENT_NAMES = new Set(
  ("CUSTOM CLONE CHANNEL_CREATE CHANNEL_DESTROY CHANNEL_STATE CHANNEL_CALLSTATE CHANNEL_ANSWER CHANNEL_HANGUP " +
    "CHANNEL_HANGUP_COMPLETE CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_BRIDGE " +
    "CHANNEL_UNBRIDGE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA CHANNEL_OUTGOING CHANNEL_PARK CHANNEL_UNPARK " +
    "CHANNEL_APPLICATION CHANNEL_ORIGINATE CHANNEL_UUID API LOG INBOUND_CHAN OUTBOUND_CHAN STARTUP SHUTDOWN PUBLISH " +
    "UNPUBLISH TALK NOTALK SESSION_CRASH MODULE_LOAD MODULE_UNLOAD DTMF MESSAGE PRESENCE_IN NOTIFY_IN PRESENCE_OUT " +
    "PRESENCE_PROBE MESSAGE_WAITING MESSAGE_QUERY ROSTER CODEC BACKGROUND_JOB DETECTED_SPEECH DETECTED_TONE " +
    "PRIVATE_COMMAND HEARTBEAT TRAP ADD_SCHEDULE DEL_SCHEDULE EXE_SCHEDULE RE_SCHEDULE RELOADXML NOTIFY " +
    "PHONE_FEATURE PHONE_FEATURE_SUBSCRIBE SEND_MESSAGE RECV_MESSAGE REQUEST_PARAMS CHANNEL_DATA GENERAL COMMAND " +
    "SESSION_HEARTBEAT CLIENT_DISCONNECTED SERVER_DISCONNECTED SEND_INFO RECV_INFO RECV_RTCP_MESSAGE " +
    "SEND_RTCP_MESSAGE CALL_SECURE NAT RECORD_START RECORD_STOP PLAYBACK_START PLAYBACK_STOP CALL_UPDATE FAILURE " +
    "SOCKET_DATA MEDIA_BUG_START MEDIA_BUG_STOP CONFERENCE_DATA_QUERY CONFERENCE_DATA CALL_SETUP_REQ " +
    "CALL_SETUP_RESULT CALL_DETAIL DEVICE_STATE TEXT SHUTDOWN_REQUESTED ALL").split(" "),
);

/** The events `myevents` turns on: those of one call. */
const MY_EVENTS = ["CHANNEL_ANSWER", "CHANNEL_BRIDGE", "CHANNEL_CREATE", "CHANNEL_DESTROY", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_PARK", "CHANNEL_PROGRESS", "CHANNEL_UNBRIDGE", "DTMF"];

export class EventSubscription {
  format: EventFormat = "plain";
  private on = false;
  private readonly names = new Set<string>();
  private readonly customSubclasses = new Set<string>();
  private filters: [string, string][] = [];
  private myEvents: string | null = null;

  /** `event [plain|json|xml] NAME… [CUSTOM subclass…]` */
  subscribe(rest: string): string {
    const list = words(rest);
    const first = list[0]?.toLowerCase();
    if (first === "plain" || first === "json" || first === "xml") {
      this.format = first;
      list.shift();
    }
    const { names, subclasses } = eventWords(list);
    for (const name of names) this.names.add(name);
    for (const subclass of subclasses) this.customSubclasses.add(subclass);
    if (!names.length) return "-ERR no keywords supplied";
    this.on = true;
    return `+OK event listener enabled ${this.format}`;
  }

  /** `nixevent NAME… [CUSTOM subclass…]`: off from ALL leaves every other name on; CUSTOM itself stays. */
  unsubscribe(rest: string): string {
    const { names, subclasses } = eventWords(words(rest));
    for (const name of names) {
      if (name === "ALL") this.names.clear();
      else if (name === "CUSTOM") continue;
      else if (this.names.has("ALL")) {
        this.names.delete("ALL");
        for (const n of EVENT_NAMES) if (n !== "ALL" && n !== name) this.names.add(n);
      } else this.names.delete(name);
    }
    for (const subclass of subclasses) this.customSubclasses.delete(subclass);
    if (!names.length) return "-ERR no keywords supplied";
    this.on = true;
    return "+OK events nixed";
  }

  noEvents(): string {
    const was = this.on;
    this.on = false;
    this.names.clear();
    this.customSubclasses.clear();
    return was ? "+OK no longer listening for events" : "-ERR not listening for events";
  }

  /** `filter [add] <header> <value>`, `filter delete <header> [<value>]|all` */
  filter(rest: string): string {
    const parts = rest.trim().split(" ");
    if (parts[0]?.toLowerCase() === "delete" && parts[1]) {
      const [name, value] = [parts[1], parts.slice(2).join(" ")];
      if (name.toLowerCase() === "all") this.filters = [];
      else this.filters = this.filters.filter(([n, v]) => !(n.toLowerCase() === name.toLowerCase() && (!value || v === value)));
      return `+OK filter deleted. [${name}][${value}]`;
    }
    const [name, ...valueWords] = parts[0]?.toLowerCase() === "add" ? parts.slice(1) : parts;
    const value = valueWords.join(" ");
    if (!name || !value) return "-ERR invalid syntax";
    this.filters.push([name, value]);
    return `+OK filter added. [${name}]=[${value}]`;
  }

  /** `myevents <uuid> [format]`: one call's events only. */
  myEventsFor(rest: string): string {
    const [uuid, format] = rest.trim().split(/\s+/);
    if (!uuid) return "-ERR invalid uuid";
    this.myEvents = uuid;
    if (format === "json" || format === "plain" || format === "xml") this.format = format;
    for (const name of MY_EVENTS) this.names.add(name);
    this.on = true;
    return "+OK Events Enabled";
  }

  /** Subscribed to this kind of event (before myevents and filters look at the event itself)? */
  listensTo(name: string, subclass?: string): boolean {
    if (!this.on) return false;
    if (this.names.has("ALL")) return true;
    if (!this.names.has(name)) return false;
    return name !== "CUSTOM" || !subclass || this.customSubclasses.has(subclass);
  }

  wants(event: FsEvent): boolean {
    if (!this.listensTo(event.name, event.headers["Event-Subclass"])) return false;
    if (this.myEvents && event.headers["Unique-ID"] !== this.myEvents) return false;
    if (!this.filters.length) return true;
    return this.filters.some(([name, value]) => {
      const actual = Object.entries(event.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (actual === undefined) return false;
      if (value.length > 2 && value.startsWith("/") && value.endsWith("/")) {
        try {
          return new RegExp(value.slice(1, -1)).test(actual);
        } catch {
          return false;
        }
      }
      return actual.toLowerCase() === value.toLowerCase();
    });
  }
}

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** The event names a command lists (unknown words are ignored) and, after CUSTOM, the subclasses. */
function eventWords(list: string[]): { names: string[]; subclasses: string[] } {
  const names: string[] = [];
  const subclasses: string[] = [];
  for (const word of list) {
    if (names.includes("CUSTOM")) subclasses.push(word);
    else if (EVENT_NAMES.has(word.toUpperCase())) names.push(word.toUpperCase());
  }
  return { names, subclasses };
}

