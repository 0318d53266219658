import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { loginFailures } from "@/db/schema";

/**
 * Slows down password guessing without handing anyone a way to lock others out.
 *
 * Failures are counted per username *and* client address, in the database so every process sees
 * the same counts. After FREE_FAILURES for one username from one address, that pair waits
 * FIRST_DELAY_MS before its next try, doubling with each further failure up to MAX_DELAY_MS. An
 * address that fails for many usernames (password spraying) is slowed as a whole the same way
 * after ADDRESS_FREE_FAILURES. The right password from an address that has not been failing is
 * never refused: a guesser elsewhere cannot lock the administrator out. A pair's count ends with
 * a successful sign-in from it, or after WINDOW_MS without a failure.
 */
export const THROTTLE = {
  FREE_FAILURES: 5,
  ADDRESS_FREE_FAILURES: 50,
  FIRST_DELAY_MS: 30_000,
  MAX_DELAY_MS: 15 * 60_000,
  WINDOW_MS: 15 * 60_000,
} as const;

/** The key for every username from one address. */
const ANY_USER = "*";

const keyOf = (username: string) => username.trim().toLowerCase();

/** How long a pair waits after its `failures`-th failure: 0 while under `free`, then doubling. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.MAX_DELAY_MS, THROTTLE.FIRST_DELAY_MS * 2 ** (failures - free));
}

/** Milliseconds until `username` may try again from `address`; 0 when it may now. */
export async function lockedFor(db: DbOrTx, username: string, address: string, now = new Date()): Promise<number> {
  const rows = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(and(eq(loginFailures.address, address), inArray(loginFailures.username, [keyOf(username), ANY_USER])));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return Math.max(0, until - now.getTime());
}

/** Counts a failed sign-in for the pair and for the address, and sets their waits. */
export async function recordFailure(db: DbOrTx, username: string, address: string, now = new Date()): Promise<void> {
  const stale = new Date(now.getTime() - THROTTLE.WINDOW_MS);
  for (const [user, free] of [
    [keyOf(username), THROTTLE.FREE_FAILURES],
    [ANY_USER, THROTTLE.ADDRESS_FREE_FAILURES],
  ] as const) {
    // One statement: two processes counting at once both count.
    const [row] = await db
      .insert(loginFailures)
      .values({ username: user, address, failures: 1, lastAt: now })
      .onConflictDoUpdate({
        target: [loginFailures.username, loginFailures.address],
        set: {
          // postgres.js takes no Date inside raw SQL: the time goes as text, cast.
          failures: sql`case when ${loginFailures.lastAt} < ${stale.toISOString()}::timestamptz then 1 else ${loginFailures.failures} + 1 end`,
          lastAt: now,
        },
      })
      .returning({ failures: loginFailures.failures });
    const delay = delayAfter(row.failures, free);
    if (delay > 0) {
      await db
        .update(loginFailures)
        .set({ lockedUntil: new Date(now.getTime() + delay) })
        .where(and(eq(loginFailures.username, user), eq(loginFailures.address, address)));
    }
  }
  // Counts nobody has added to for a day are done with.
  await db.delete(loginFailures).where(lt(loginFailures.lastAt, new Date(now.getTime() - 24 * 3600_000)));
}

/** A successful sign-in ends the pair's count (the address's own count runs on). */
export async function clearFailures(db: DbOrTx, username: string, address: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.username, keyOf(username)), eq(loginFailures.address, address)));
}
