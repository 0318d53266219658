import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memoryDb } from "@/tests/support/memory-db";
import type { CampaignRuntime, DialerContext } from "../dialer/dialer-context";
import { noteAbandonCap } from "../dialer/campaign-runtime";
import { emitTrunkOutOfRotation, emitWebhookEvent } from "./outbox";
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

  it("tells of a campaign reaching its abandonment cap once, again only after it dropped below", async () => {
    const sub = await insertSubscription(db, { name: "caps", url: "http://127.0.0.1:9/h", secretSealed: "x", secretHint: "…abcd", eventTypes: ["campaign.abandon_cap_reached", "trunk.out_of_rotation"] });
    const over = { liveAnswers: 1000, abandoned: 100 };
    const under = { liveAnswers: 1000, abandoned: 0 };
    const rt = { row: { id: 7, name: "Spring", dialMode: "predictive", abandonCap: 0.03 }, abandonCapReached: false, abandonment: { window30d: over, window24h: over, lastHour: over } } as unknown as CampaignRuntime;
    const ctx = { db } as DialerContext;
    const told = async () => (await claimDueDeliveries(db, "caps", 100, 60_000)).filter((d) => d.subscriptionId === sub.id);
    await noteAbandonCap(ctx, rt);
    await noteAbandonCap(ctx, rt);
    const first = await told();
    expect(first.map((d) => d.payload.data)).toEqual([{ campaign_id: 7, name: "Spring", dial_mode: "predictive", abandon_cap: 0.03, abandon_rate_24h: 0.1, abandon_rate_30d: 0.1 }]);
    rt.abandonment = { window30d: under, window24h: under, lastHour: under };
    await noteAbandonCap(ctx, rt);
    expect(await told()).toEqual([]);
    rt.abandonment = { window30d: over, window24h: over, lastHour: over };
    await noteAbandonCap(ctx, rt);
    expect(await told()).toHaveLength(1);

    await emitTrunkOutOfRotation(db, { id: 3, name: "carrier-a" }, "5 failures in a row");
    expect((await told()).map((d) => [d.eventType, d.payload.data])).toEqual([["trunk.out_of_rotation", { trunk_id: 3, name: "carrier-a", reason: "5 failures in a row", until: null }]]);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1000);
    expect(retryDelayMs(3, 1000, () => 1)).toBe(4000);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(40, 1000, () => 1)).toBe(6 * 3600_000);
  });
});
