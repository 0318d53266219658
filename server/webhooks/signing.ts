import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export const secretHint = (secret: string) => `…${secret.slice(-4)}`;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>` */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does (the README shows the same recipe): recompute the signature over the raw
 * body and compare in constant time, and refuse a timestamp older than the tolerance (replays).
 */
export function verifyWebhook(secret: string, header: { timestamp: string | undefined; signature: string | undefined }, body: string, opts: { toleranceSec?: number; now?: number } = {}): boolean {
  const ts = Number(header.timestamp);
  if (!header.signature || !Number.isInteger(ts)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(header.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
