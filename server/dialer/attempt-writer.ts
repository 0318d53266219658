import type { Db } from "@/db/client";
import { fillNewCdrsFromIntake } from "../cdr/intake-queries";
import { logger } from "../logger";
import { writeAttempts, type AttemptProgress, type FinishedAttempt } from "./queries";

const FLUSH_MS = 100;
const BATCH = 500;
const INTAKE_MS = 1000;

/**
 * Writes call progress and finished calls behind the calls themselves, a batch per transaction:
 * at hundreds of calls a second one transaction per event would be the bottleneck. A crash loses
 * at most the last batch, and reconciliation settles those attempts from what the PBX still has.
 * A batch that fails is kept and retried, never dropped.
 */
export class AttemptWriter {
  private progress: AttemptProgress[] = [];
  private finished: FinishedAttempt[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private readonly listeners: ((done: FinishedAttempt[]) => void)[] = [];
  /** Channels whose CDRs were written since `fillIntake` last looked. */
  private written: string[] = [];
  private intakeAt = 0;

  constructor(private readonly db: Db) {}

  /** Called after each committed batch with the attempts it closed. */
  onWritten(fn: (done: FinishedAttempt[]) => void): void {
    this.listeners.push(fn);
  }

  get pending(): number {
    return this.progress.length + this.finished.length;
  }

  addProgress(p: AttemptProgress): void {
    this.progress.push(p);
    this.schedule();
  }

  addFinished(f: FinishedAttempt): void {
    this.finished.push(f);
    this.schedule();
  }

  private schedule() {
    if (this.pending >= BATCH) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, FLUSH_MS);
    }
  }

  /** Writes everything queued; resolves when it is committed (or has failed and been re-queued). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending === 0) return;
    const progress = this.progress.splice(0, this.progress.length);
    const finished = this.finished.splice(0, this.finished.length);
    this.flushing = writeAttempts(this.db, progress, finished)
      .then(async () => {
        for (const f of finished) this.written.push(f.attempt.channelId);
        for (const fn of this.listeners) fn(finished);
        await this.fillIntake();
      })
      .catch((err) => {
        logger.error({ err, calls: finished.length }, "could not write call results; retrying");
        this.progress.unshift(...progress);
        this.finished.unshift(...finished);
        if (!this.timer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            void this.flush();
          }, 1000);
        }
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  /**
   * The switch may post its record of a call (CDR intake) before the attempt closed: it fills the
   * CDR written since (see fillNewCdrsFromIntake). Looked for after a batch at most once every
   * INTAKE_MS, and on close, rather than in every batch's transaction.
   */
  private async fillIntake(force = false) {
    if (this.written.length === 0 || (!force && Date.now() - this.intakeAt < INTAKE_MS)) return;
    this.intakeAt = Date.now();
    const channels = this.written.splice(0, this.written.length);
    await fillNewCdrsFromIntake(this.db, channels).catch((err) => logger.warn({ err }, "could not match the switch's call records"));
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    await this.fillIntake(true);
  }
}
