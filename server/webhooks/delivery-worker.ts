import type { Db } from "@/db/client";
import type { WebhookDelivery, WebhookSubscription } from "@/db/schema";
import { WEBHOOK_HEADERS } from "@/lib/webhook-events";
import { unseal } from "../auth/secret-box";
import { logger } from "../logger";
import { runtime } from "../runtime/registry";
import { WEBHOOK_NUDGE } from "./outbox";
import { claimDueDeliveries, recordAttempt, releaseDeliveries, subscriptionsByIds, type AttemptResult } from "./queries";
import { DeniedDestinationError, guardedPost, parseDeniedNetworks, type DeniedNetworks, type PostReply } from "./guarded-post";
import { signWebhook } from "./signing";

export type WebhookWorkerOptions = {
  /** Names this process on the rows it claims. */
  owner: string;
  timeoutMs: number;
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to MAX_BACKOFF_MS. */
  retryBaseMs: number;
  pollMs?: number;
  /** Deliveries in flight at once in this process. */
  concurrency?: number;
  /** Networks no delivery may connect to (default: link-local and 0.0.0.0/8). */
  denied?: DeniedNetworks;
};

const MAX_BACKOFF_MS = 6 * 3600_000;
const ERROR_MAX = 300;

/**
 * The delay before retry number `attempt` (1 = the first retry): exponential, capped, and
 * jittered down to half of it so receivers that came back are not hit by every sender at once.
 */
export function retryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full * (0.5 + random() / 2));
}

/**
 * Delivers the webhook outbox from this process: claims due rows, POSTs each signed JSON body,
 * and records the outcome: delivered on a 2xx, else retried with backoff until `maxAttempts`,
 * then failed. Redirects are not followed (a 3xx is a failure). Stopping gives claimed rows
 * back untried, so a restart delivers them; a process killed outright leaves them leased, and
 * they are claimed again once the lease (the timeout and a margin) has run out.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private ticking = false;
  private readonly inFlight = new Map<number, { done: Promise<void>; abort: AbortController }>();
  private readonly wake = () => this.schedule(0);
  private readonly denied: DeniedNetworks;

  constructor(
    private readonly db: Db,
    private readonly opts: WebhookWorkerOptions,
  ) {
    this.denied = opts.denied ?? parseDeniedNetworks(undefined);
  }

  private get leaseMs() {
    return this.opts.timeoutMs + 30_000;
  }

  start(): void {
    runtime().bus.on(WEBHOOK_NUDGE, this.wake);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    runtime().bus.off(WEBHOOK_NUDGE, this.wake);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  private schedule(ms: number) {
    if (this.stopping) return;
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopping) return;
    this.ticking = true;
    let full = false;
    try {
      const room = (this.opts.concurrency ?? 8) - this.inFlight.size;
      if (room > 0) {
        const claimed = await claimDueDeliveries(this.db, this.opts.owner, room, this.leaseMs);
        const subs = await subscriptionsByIds(this.db, [...new Set(claimed.map((d) => d.subscriptionId))]);
        for (const d of claimed) this.launch(d, subs.get(d.subscriptionId));
        full = claimed.length === room;
      }
    } catch (err) {
      logger.error({ err }, "webhook outbox: could not claim deliveries");
    } finally {
      this.ticking = false;
    }
    // A full batch: more may be due right now.
    this.schedule(full ? 0 : (this.opts.pollMs ?? 1000));
  }

  private launch(d: WebhookDelivery, sub: WebhookSubscription | undefined) {
    const abort = new AbortController();
    const done = this.deliver(d, sub, abort.signal)
      .catch((err) => logger.error({ err, delivery: d.id }, "webhook outbox: could not record a delivery"))
      .finally(() => {
        this.inFlight.delete(d.id);
        this.schedule(0);
      });
    this.inFlight.set(d.id, { done, abort });
  }

  private async deliver(d: WebhookDelivery, sub: WebhookSubscription | undefined, stop: AbortSignal): Promise<void> {
    const at = new Date();
    const attempt = d.attempts + 1;
    const settle = (r: Omit<AttemptResult, "at" | "status" | "nextAttemptAt">, retry: boolean) => {
      const status = !retry ? "failed" : r.responseCode !== null && r.responseCode >= 200 && r.responseCode < 300 ? "delivered" : attempt >= this.opts.maxAttempts ? "failed" : "pending";
      const nextAttemptAt = status === "pending" ? new Date(Date.now() + retryDelayMs(attempt, this.opts.retryBaseMs)) : null;
      return recordAttempt(this.db, d.id, this.opts.owner, { ...r, at, status, nextAttemptAt });
    };
    if (!sub || !sub.isActive) {
      await settle({ responseCode: null, error: "the subscription is inactive", durationMs: null }, false);
      return;
    }
    let secret: string;
    try {
      secret = unseal(sub.secretSealed, undefined, "webhook-secrets");
    } catch {
      await settle({ responseCode: null, error: "the signing secret cannot be read (AUTH_SECRET changed?): rotate it", durationMs: null }, false);
      return;
    }
    const body = JSON.stringify(d.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let res: PostReply;
    try {
      res = await guardedPost(
        sub.url,
        {
          "Content-Type": "application/json",
          "User-Agent": "Pacer-Webhooks/1",
          [WEBHOOK_HEADERS.event]: d.eventType,
          [WEBHOOK_HEADERS.delivery]: String(d.id),
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
        },
        body,
        { denied: this.denied, signal: AbortSignal.any([stop, AbortSignal.timeout(this.opts.timeoutMs)]), maxReplyBytes: 4 * ERROR_MAX },
      );
    } catch (err) {
      if (stop.aborted) {
        await releaseDeliveries(this.db, [d.id], this.opts.owner);
        return;
      }
      const durationMs = Math.round(performance.now() - started);
      // A denied address will not become allowed by waiting: failed at once, not retried.
      if (err instanceof DeniedDestinationError) return void (await settle({ responseCode: null, error: err.message, durationMs }, false));
      const error = isTimeout(err) ? `no reply within ${this.opts.timeoutMs} ms` : connectionError(err);
      await settle({ responseCode: null, error, durationMs }, true);
      return;
    }
    const text = res.text;
    const durationMs = Math.round(performance.now() - started);
    const ok = res.status >= 200 && res.status < 300;
    const error = ok ? null : `HTTP ${res.status}${res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : ""}${text.trim() ? `: ${text.trim().slice(0, ERROR_MAX)}` : ""}`;
    await settle({ responseCode: res.status, error, durationMs }, true);
  }
}

function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } };
  return e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError";
}

/** The socket's reason (ECONNREFUSED, ENOTFOUND…), else the message. */
function connectionError(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string; message?: string } };
  const text = e?.code ?? e?.cause?.code ?? e?.cause?.message ?? (err instanceof Error ? err.message : String(err));
  return `could not connect: ${text}`.slice(0, ERROR_MAX);
}
