/**
 * Collecting an answer in digits after a prompt, as FreeSWITCH's play_and_get_digits does: digits
 * pressed during the prompt count; once it has played, `timeoutSec` is allowed before (and between)
 * digits; the answer ends at the terminator (not kept), at `maxDigits`, or at the timeout with what
 * was pressed so far (possibly nothing). Pure timing logic, shared by the ARI driver (which plays
 * and listens to DTMF itself) and the simulator's FreeSWITCH face (which plays the real thing).
 */
export type DigitsRequest = {
  /** The prompt to play (a sound name or path). */
  media: string;
  maxDigits: number;
  /** Ends the answer early (e.g. "#"); null: only maxDigits or the timeout do. */
  terminator: string | null;
  timeoutSec: number;
  /** Our id for this prompt, echoed by its `digits` event. */
  promptId?: string;
};

export class DigitCollector {
  private digits = "";
  private timer: NodeJS.Timeout | null = null;
  private done = false;

  constructor(
    private readonly req: Pick<DigitsRequest, "maxDigits" | "terminator" | "timeoutSec">,
    private readonly onDone: (digits: string) => void,
    /** Scales the timeout (the simulator's time scale); 1 in real time. */
    private readonly scale = 1,
  ) {}

  /** The prompt has played (or failed): the wait for digits starts. */
  promptDone(): void {
    if (!this.done && !this.timer) this.arm();
  }

  digit(d: string): void {
    if (this.done) return;
    if (this.req.terminator && d === this.req.terminator) return this.finish();
    this.digits += d;
    if (this.digits.length >= this.req.maxDigits) return this.finish();
    if (this.timer) this.arm();
  }

  /** The call ended: nothing is reported. */
  cancel(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
  }

  get finished(): boolean {
    return this.done;
  }

  private arm() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.finish(), Math.max(1, this.req.timeoutSec * 1000 * this.scale));
  }

  private finish() {
    if (this.done) return;
    this.cancel();
    this.onDone(this.digits);
  }
}
