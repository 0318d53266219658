import { EngineListeners, type SimEngine } from "../engine";
import type { EventBus } from "./events";
import { causeOf } from "./hangup";
import type { Leg, SessionTable } from "./sessions";

/**
 * FreeSWITCH's inline dialplan (`uuid_transfer <uuid> 'app:data,app:data' inline`) and the
 * applications the simulator runs there: `set` and `eavesdrop`, with eavesdrop's DTMF switches.
 * As on FreeSWITCH, the channel runs the applications in turn on its own thread (after the
 * transfer has been answered), and hangs up with NORMAL_CLEARING once the last one returns.
 *
 * eavesdrop (mod_dptools, switch_ivr_eavesdrop_session): the eavesdropper hears the target and
 * the target's partner. `eavesdrop_whisper_bleg=true` starts it speaking to the target (ED_MUX_WRITE,
 * into what the target's phone plays), `eavesdrop_whisper_aleg=true` to the partner (ED_MUX_READ);
 * while it runs, digits the eavesdropper sends switch it (unless `eavesdrop_enable_dtmf=false`):
 * 2 speak with the target, 1 with the other party, 3 three-way, 0 listen only, * stop. It returns
 * when the target hangs up.
 */
type InlineApp = { app: string; data: string };

export class InlineDialplan {
  private readonly listeners: EngineListeners;
  /** What each eavesdropping channel runs once its eavesdrop returns. */
  private readonly afterEavesdrop = new Map<string, () => void>();

  constructor(
    private readonly engine: SimEngine,
    private readonly sessions: SessionTable,
    private readonly bus: EventBus,
  ) {
    this.listeners = new EngineListeners(engine);
    this.listeners.on("eavesdropEnded", (ch) => {
      const a = this.sessions.of(ch);
      if (a) this.eavesdropReturned(a);
    });
    this.listeners.on("hangup", (ch) => this.afterEavesdrop.delete(ch.id));
  }

  detach(): void {
    this.listeners.detach();
    this.afterEavesdrop.clear();
  }

  /** Takes a parked channel out of park into the inline extension `dest`; false if it is not ours to transfer. */
  transfer(a: Leg, dest: string): boolean {
    if (!a.ch.inControl) return false;
    this.engine.redirect(a.uuid, { context: "inline", extension: dest, priority: 1 });
    const apps = parseInline(dest);
    setImmediate(() => this.run(a, apps, 0));
    return true;
  }

  /** A digit the channel received (uuid_recv_dtmf): an eavesdropper's switches. */
  digit(leg: Leg, digit: string): void {
    if (leg.half !== "a" || !this.engine.eavesdrops.has(leg.uuid)) return;
    if ((leg.vars.get("eavesdrop_enable_dtmf") ?? "true") === "false") return;
    const speak = SWITCHES[digit];
    if (speak) this.engine.setEavesdropSpeak(leg.uuid, speak);
    else if (digit === "*") {
      this.engine.stopEavesdrop(leg.uuid);
      this.eavesdropReturned(leg);
    }
  }

  private run(a: Leg, apps: InlineApp[], from: number) {
    for (let i = from; i < apps.length; i++) {
      if (a.ch.ended) return;
      const { app, data } = apps[i];
      if (app === "eavesdrop" && this.startEavesdrop(a, data)) {
        this.afterEavesdrop.set(a.uuid, () => this.run(a, apps, i + 1));
        return;
      }
      if (app === "set") setVariable(a, data);
      this.bus.execComplete(a, app, data);
    }
    if (a.ch.ended) return;
    // "has executed the last dialplan instruction, hanging up."
    a.killCause = causeOf("NORMAL_CLEARING");
    this.engine.hangup(a.uuid, 16);
  }

  /** False when there is nothing to eavesdrop on (the application returns at once). */
  private startEavesdrop(a: Leg, targetUuid: string): boolean {
    if (!this.engine.channel(targetUuid) || targetUuid === a.uuid) return false;
    const on = (name: string) => a.vars.get(name) === "true";
    this.engine.eavesdrop(a.uuid, targetUuid, { toTarget: on("eavesdrop_whisper_bleg"), toPartner: on("eavesdrop_whisper_aleg") });
    Object.assign(a, { app: "eavesdrop", appData: targetUuid });
    a.vars.set("current_application", "eavesdrop").set("current_application_data", targetUuid);
    return true;
  }

  private eavesdropReturned(a: Leg) {
    const next = this.afterEavesdrop.get(a.uuid);
    this.afterEavesdrop.delete(a.uuid);
    const target = a.appData;
    a.app = "";
    a.appData = "";
    this.bus.execComplete(a, "eavesdrop", target);
    next?.();
  }
}

/** Eavesdrop's DTMF switches: who the eavesdropper speaks to. */
const SWITCHES: Record<string, { toTarget: boolean; toPartner: boolean }> = {
  "0": { toTarget: false, toPartner: false },
  "1": { toTarget: false, toPartner: true },
  "2": { toTarget: true, toPartner: false },
  "3": { toTarget: true, toPartner: true },
};

/** `app:data,app:data` (or `m:<d>:` with another delimiter), as mod_dptools' inline dialplan reads it. */
export function parseInline(dest: string): InlineApp[] {
  let delim = ",";
  let text = dest;
  if (text[0] === "m" && text[1] === ":" && text[3] === ":") {
    delim = text[2];
    text = text.slice(4);
  }
  return text
    .split(delim)
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      return colon < 0 ? { app: part.trimStart(), data: "" } : { app: part.slice(0, colon).trimStart(), data: part.slice(colon + 1) };
    });
}

/** `set:name=value` (an empty value unsets). */
function setVariable(a: Leg, data: string) {
  const eq = data.indexOf("=");
  if (eq <= 0) return;
  const name = data.slice(0, eq);
  const value = data.slice(eq + 1);
  if (value === "") a.vars.delete(name);
  else a.vars.set(name, value);
}
