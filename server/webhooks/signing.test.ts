import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhook, verifyWebhook } from "./signing";

describe("webhook signatures", () => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ id: "e1", type: "call.finished", data: { id: 1 } });

  it("is the HMAC-SHA256 of timestamp.body, hex, behind v1=", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhook(secret, 1700000000, body)).toBe(`v1=${expected}`);
  });

  it("verifies its own signature and refuses a changed body, another secret or an old timestamp", () => {
    const ts = 1700000000;
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { timestamp: String(ts), signature }, body, { now: ts + 10 })).toBe(true);
    expect(verifyWebhook(secret, { timestamp: String(ts), signature }, body + " ", { now: ts })).toBe(false);
    expect(verifyWebhook(generateWebhookSecret(), { timestamp: String(ts), signature }, body, { now: ts })).toBe(false);
    expect(verifyWebhook(secret, { timestamp: String(ts), signature }, body, { now: ts + 301 })).toBe(false);
    expect(verifyWebhook(secret, { timestamp: undefined, signature }, body, { now: ts })).toBe(false);
  });

  it("makes a different secret each time", () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});
