import { DigitCollector } from "../../digit-collector";
import { EngineListeners, type SimEngine } from "../engine";
import type { EventBus } from "./events";
import type { Leg, SessionTable } from "./sessions";

/**
 * Applications broadcast to a parked channel (`uuid_broadcast <uuid> 'app::args' aleg`): the
 * channel runs the application, then parks again. The simulator knows play_and_get_digits
 * (`<min> <max> <tries> <timeout ms> <terminators> <file> <invalid file> <var> <regexp> [<digit timeout ms>]`):
 * the file plays, digits keyed meanwhile or within the timeout are collected up to `max` or a
 * terminator, stored in `<var>`, and its CHANNEL_EXECUTE_COMPLETE (which carries the channel's
 * variables) reports the end. Any other application completes at once.
 */
export class BroadcastApps {
  private readonly listeners: EngineListeners;
  /** Collections running, by channel, with the playback of their prompt. */
  private readonly running = new Map<string, { collector: DigitCollector; playbackId: string }>();

  constructor(
    private readonly engine: SimEngine,
    private readonly sessions: SessionTable,
    private readonly bus: EventBus,
  ) {
    this.listeners = new EngineListeners(engine);
    this.listeners.on("dtmf", (ch, digit) => this.running.get(ch.id)?.collector.digit(digit));
    this.listeners.on("playbackFinished", (pb) => {
      const run = this.running.get(pb.channelId);
      if (run?.playbackId === pb.id) run.collector.promptDone();
    });
    this.listeners.on("hangup", (ch) => {
      this.running.get(ch.id)?.collector.cancel();
      this.running.delete(ch.id);
    });
  }

  detach(): void {
    this.listeners.detach();
    for (const run of this.running.values()) run.collector.cancel();
    this.running.clear();
  }

  broadcast(a: Leg, app: string, data: string): void {
    if (app !== "play_and_get_digits") {
      setImmediate(() => this.bus.execComplete(a, app, data));
      return;
    }
    const [, max, , timeoutMs, terminators, file, , variable, , digitTimeoutMs] = data.split(" ");
    if (!file || !variable) {
      setImmediate(() => this.bus.execComplete(a, app, data));
      return;
    }
    this.running.get(a.uuid)?.collector.cancel();
    const timeoutSec = Number(digitTimeoutMs ?? timeoutMs) / 1000 || 5;
    const collector = new DigitCollector(
      { maxDigits: Number(max) || 1, terminator: terminators && terminators !== "none" ? terminators[0] : null, timeoutSec },
      (digits) => {
        this.running.delete(a.uuid);
        if (digits) a.vars.set(variable, digits);
        else a.vars.delete(variable);
        this.bus.execComplete(a, app, data);
      },
      this.engine.timeScale,
    );
    a.vars.set("current_application", app).set("current_application_data", data);
    const playback = this.engine.play(a.uuid, file);
    this.running.set(a.uuid, { collector, playbackId: playback.id });
  }
}
