import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { memoryDb } from "@/tests/support/memory-db";
import { clearFailures, delayAfter, lockedFor, recordFailure, THROTTLE } from "./login-throttle";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await memoryDb());
});
afterAll(() => close());

const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);

async function fail(username: string, address: string, times: number, t0: Date) {
  for (let i = 0; i < times; i++) await recordFailure(db, username, address, at(t0, i));
}

describe("sign-in throttle", () => {
  it("doubles the wait after the free tries, up to its ceiling", () => {
    expect(delayAfter(THROTTLE.FREE_FAILURES - 1, THROTTLE.FREE_FAILURES)).toBe(0);
    expect(delayAfter(THROTTLE.FREE_FAILURES, THROTTLE.FREE_FAILURES)).toBe(THROTTLE.FIRST_DELAY_MS);
    expect(delayAfter(THROTTLE.FREE_FAILURES + 2, THROTTLE.FREE_FAILURES)).toBe(4 * THROTTLE.FIRST_DELAY_MS);
    expect(delayAfter(THROTTLE.FREE_FAILURES + 40, THROTTLE.FREE_FAILURES)).toBe(THROTTLE.MAX_DELAY_MS);
  });

  it("slows a username from the failing address only: the right password from elsewhere is never refused", async () => {
    const t0 = new Date("2026-01-05T10:00:00Z");
    await fail("Admin", "203.0.113.9", 30, t0);
    const after = at(t0, 31);
    // The guesser waits the longest wait, whatever case it types the name in.
    expect(await lockedFor(db, "ADMIN", "203.0.113.9", after)).toBe(THROTTLE.MAX_DELAY_MS - 2);
    // The administrator at their own desk is not held back.
    expect(await lockedFor(db, "admin", "198.51.100.7", after)).toBe(0);
  });

  it("lets a pair try again once its wait is over, and a success ends its count", async () => {
    const t0 = new Date("2026-01-05T11:00:00Z");
    await fail("carol", "192.0.2.1", THROTTLE.FREE_FAILURES, t0);
    const wait = await lockedFor(db, "carol", "192.0.2.1", at(t0, THROTTLE.FREE_FAILURES));
    expect(wait).toBeGreaterThan(THROTTLE.FIRST_DELAY_MS - 10);
    expect(wait).toBeLessThanOrEqual(THROTTLE.FIRST_DELAY_MS);
    expect(await lockedFor(db, "carol", "192.0.2.1", at(t0, THROTTLE.FIRST_DELAY_MS + 10))).toBe(0);
    // One more failure after the wait: the next wait is twice as long.
    await recordFailure(db, "carol", "192.0.2.1", at(t0, THROTTLE.FIRST_DELAY_MS + 20));
    expect(await lockedFor(db, "carol", "192.0.2.1", at(t0, THROTTLE.FIRST_DELAY_MS + 20))).toBe(2 * THROTTLE.FIRST_DELAY_MS);
    await clearFailures(db, "Carol", "192.0.2.1");
    expect(await lockedFor(db, "carol", "192.0.2.1", at(t0, THROTTLE.FIRST_DELAY_MS + 30))).toBe(0);
  });

  it("forgets a pair's failures after a quiet window", async () => {
    const t0 = new Date("2026-01-05T12:00:00Z");
    await fail("dave", "192.0.2.2", THROTTLE.FREE_FAILURES - 1, t0);
    // Fifteen quiet minutes later the count starts again at one: no wait.
    const later = at(t0, THROTTLE.WINDOW_MS + 60_000);
    await recordFailure(db, "dave", "192.0.2.2", later);
    expect(await lockedFor(db, "dave", "192.0.2.2", later)).toBe(0);
  });

  it("slows an address that tries many usernames, for every username, but not other addresses", async () => {
    const t0 = new Date("2026-01-05T13:00:00Z");
    for (let i = 0; i < THROTTLE.ADDRESS_FREE_FAILURES; i++) await recordFailure(db, `user${i}`, "192.0.2.3", at(t0, i));
    const after = at(t0, THROTTLE.ADDRESS_FREE_FAILURES);
    expect(await lockedFor(db, "someone-new", "192.0.2.3", after)).toBeGreaterThan(0);
    expect(await lockedFor(db, "someone-new", "192.0.2.4", after)).toBe(0);
  });
});
