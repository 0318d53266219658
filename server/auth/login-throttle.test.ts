import { describe, expect, it } from "vitest";
import { clearFailures, isLockedOut, recordFailure } from "./login-throttle";

describe("login throttle", () => {
  it("locks a username after 5 failures in 15 minutes, whatever its case, until the window passes", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) recordFailure("Alice", t0 + i);
    expect(isLockedOut("alice", t0 + 10)).toBe(false);
    recordFailure("ALICE", t0 + 20);
    expect(isLockedOut("alice", t0 + 30)).toBe(true);
    expect(isLockedOut("bob", t0 + 30)).toBe(false);
    expect(isLockedOut("alice", t0 + 15 * 60 * 1000 + 1)).toBe(false);
  });

  it("forgets failures after a successful sign-in", () => {
    for (let i = 0; i < 5; i++) recordFailure("carol");
    expect(isLockedOut("carol")).toBe(true);
    clearFailures("carol");
    expect(isLockedOut("carol")).toBe(false);
  });
});
