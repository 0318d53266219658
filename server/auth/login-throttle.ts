/**
 * Slows down password guessing: after 5 failed sign-ins for one username within 15 minutes, that
 * username is locked for the rest of the window. Kept in memory: a restart clears it, which is an
 * acceptable trade for having no extra moving part; several processes each keep their own count.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

type Entry = { failures: number; firstAt: number };
const failures = new Map<string, Entry>();

const keyOf = (username: string) => username.trim().toLowerCase();

export function isLockedOut(username: string, now = Date.now()): boolean {
  const entry = failures.get(keyOf(username));
  if (!entry) return false;
  if (now - entry.firstAt > WINDOW_MS) {
    failures.delete(keyOf(username));
    return false;
  }
  return entry.failures >= MAX_FAILURES;
}

export function recordFailure(username: string, now = Date.now()): void {
  const key = keyOf(username);
  const entry = failures.get(key);
  if (!entry || now - entry.firstAt > WINDOW_MS) failures.set(key, { failures: 1, firstAt: now });
  else entry.failures += 1;
  if (failures.size > 10_000) {
    for (const [k, e] of failures) if (now - e.firstAt > WINDOW_MS) failures.delete(k);
  }
}

export function clearFailures(username: string): void {
  failures.delete(keyOf(username));
}
