import { describe, expect, it } from "vitest";
import { callbackInstant, leadZone } from "./callback-time";

describe("a callback picked in the lead's zone", () => {
  it("is the UTC instant of that wall time there, in winter and in summer", () => {
    expect(callbackInstant("2027-01-15T10:00", "America/New_York").toISOString()).toBe("2027-01-15T15:00:00.000Z");
    expect(callbackInstant("2027-07-15T10:00", "America/New_York").toISOString()).toBe("2027-07-15T14:00:00.000Z");
    expect(callbackInstant("2027-01-15T10:00", "Asia/Kolkata").toISOString()).toBe("2027-01-15T04:30:00.000Z");
  });

  it("takes the instant the clocks jump past a skipped time, and the first of a repeated one", () => {
    // 14 March 2027, New York: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    expect(callbackInstant("2027-03-14T02:30", "America/New_York").toISOString()).toBe("2027-03-14T07:00:00.000Z");
    // 7 November 2027: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(callbackInstant("2027-11-07T01:30", "America/New_York").toISOString()).toBe("2027-11-07T05:30:00.000Z");
  });

  it("reads the zone as the calling-hours rules do: the lead's own, else its state, else its number, else the campaign's", () => {
    const lead = { timezone: null, state: null, zip: null, phoneNumber: "442071234567" };
    expect(leadZone({ ...lead, timezone: "America/New_York" }, "UTC")).toEqual({ zone: "America/New_York", source: "lead" });
    expect(leadZone({ ...lead, state: "CA" }, "UTC")).toEqual({ zone: "America/Los_Angeles", source: "state" });
    expect(leadZone({ ...lead, phoneNumber: "12125550100" }, "UTC")).toMatchObject({ zone: "America/New_York", source: "area_code" });
    expect(leadZone({ ...lead, phoneNumber: "999" }, "Europe/Paris")).toEqual({ zone: "Europe/Paris", source: "fallback" });
  });
});
