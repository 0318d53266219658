import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memoryDb } from "@/tests/support/memory-db";
import { emitWebhookEvent } from "./outbox";
import { claimDueDeliveries, insertSubscription, recordAttempt, releaseDeliveries } from "./queries";
import { retryDelayMs } from "./delivery-worker";

describe("the webhook outbox's queries", () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await memoryDb());
  });
  afterAll(() => close());

  it("writes one delivery per active subscriber of the type, none for others", async () => {
    const sub = { url: "http://127.0.0.1:9/h", secretSealed: "x", secretHint: "…abcd" };
    const calls = await insertSubscription(db, { ...sub, name: "calls", eventTypes: ["call.finished"] });
    await insertSubscription(db, { ...sub, name: "imports", eventTypes: ["import.finished"] });
    await insertSubscription(db, { ...sub, name: "off", eventTypes: ["call.finished"], isActive: false });
    expect(await emitWebhookEvent(db, "call.finished", { id: 1 })).toBe(1);
    expect(await emitWebhookEvent(db, "lead.disposed", { id: 1 })).toBe(0);
    const claimed = await claimDueDeliveries(db, "a", 10, 60_000);
    expect(claimed.map((d) => [d.subscriptionId, d.eventType, d.status])).toEqual([[calls.id, "call.finished", "delivering"]]);
    expect(claimed[0].payload).toMatchObject({ type: "call.finished", data: { id: 1 } });
    // Claimed rows are nobody else's until released or their lease runs out.
    expect(await claimDueDeliveries(db, "b", 10, 60_000)).toEqual([]);
    await releaseDeliveries(db, [claimed[0].id], "a");
    const again = await claimDueDeliveries(db, "b", 10, 60_000);
    expect(again.map((d) => d.id)).toEqual([claimed[0].id]);
    // Only its owner records the outcome.
    const result = { status: "pending" as const, responseCode: 500, error: "HTTP 500", durationMs: 3, at: new Date(), nextAttemptAt: new Date(Date.now() + 60_000) };
    expect(await recordAttempt(db, again[0].id, "a", result)).toBe(false);
    expect(await recordAttempt(db, again[0].id, "b", result)).toBe(true);
    // Not due before its retry time; a lease that ran out is claimable.
    expect(await claimDueDeliveries(db, "c", 10, 60_000)).toEqual([]);
    const later = new Date(Date.now() + 61_000);
    const retried = await claimDueDeliveries(db, "c", 10, 1_000, later);
    expect(retried.map((d) => [d.id, d.attempts])).toEqual([[again[0].id, 1]]);
    const stolen = await claimDueDeliveries(db, "d", 10, 1_000, new Date(later.getTime() + 2_000));
    expect(stolen.map((d) => d.leaseOwner)).toEqual(["d"]);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, () => 1)).toBe(4000);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(40, 1000, () => 1)).toBe(6 * 3600_000);
  });
});
