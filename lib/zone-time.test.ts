import { describe, expect, it } from "vitest";
import { clockIn, wallTimeIn } from "./zone-time";

describe("wall time in a zone", () => {
  it("reads an instant as the zone's clock, whatever the machine's zone", () => {
    // 15:00 UTC on 15 January is 10:00 in New York (EST) and 16:00 in Paris (CET).
    const t = Date.parse("2027-01-15T15:00:00Z");
    expect(wallTimeIn("America/New_York", t)).toBe("2027-01-15T10:00");
    expect(wallTimeIn("Europe/Paris", t)).toBe("2027-01-15T16:00");
    // In July New York is on EDT (−4).
    expect(wallTimeIn("America/New_York", Date.parse("2027-07-15T14:00:00Z"))).toBe("2027-07-15T10:00");
    // Past midnight the date is the zone's, not UTC's.
    expect(wallTimeIn("America/Los_Angeles", Date.parse("2027-01-01T03:30:00Z"))).toBe("2026-12-31T19:30");
    expect(clockIn("Asia/Tokyo", Date.parse("2027-01-15T15:00:00Z"))).toBe("Sat 00:00");
  });
});
