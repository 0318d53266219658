import { describe, expect, it } from "vitest";
import { nextScheduleOpening, scheduleOpen, scheduleProblems, validZone, type CampaignSchedule } from "./schedule";

const NY = "America/New_York";
const utc = (iso: string) => new Date(`${iso}Z`);
// June 2025 in New York is UTC−4; 2025-06-09 is a Monday.
const WEEKDAYS_9_TO_5: CampaignSchedule = { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

describe("scheduleOpen", () => {
  it("is always open without a schedule or with an empty one", () => {
    const at = utc("2025-06-14T03:00:00");
    expect(scheduleOpen(null, NY, at)).toBe(true);
    expect(scheduleOpen(undefined, NY, at)).toBe(true);
    expect(scheduleOpen({}, NY, at)).toBe(true);
  });

  it("keeps to the weekdays, in the campaign's zone", () => {
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-13T14:00:00"))).toBe(true); // Friday 10:00
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-14T14:00:00"))).toBe(false); // Saturday 10:00
    // Saturday 01:00 UTC is still Friday 21:00 in New York, but after 17:00.
    expect(scheduleOpen({ days: [5] }, NY, utc("2025-06-14T01:00:00"))).toBe(true);
    expect(scheduleOpen({ days: [5] }, "UTC", utc("2025-06-14T01:00:00"))).toBe(false);
  });

  it("keeps to the daily window, start inclusive and end exclusive", () => {
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T12:59:00"))).toBe(false);
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T13:00:00"))).toBe(true);
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T20:59:00"))).toBe(true);
    expect(scheduleOpen(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T21:00:00"))).toBe(false);
  });

  it("reads a missing start as midnight and a missing end as the end of the day", () => {
    expect(scheduleOpen({ start: "09:00" }, "UTC", utc("2025-06-10T23:59:00"))).toBe(true);
    expect(scheduleOpen({ start: "09:00" }, "UTC", utc("2025-06-10T08:59:00"))).toBe(false);
    expect(scheduleOpen({ end: "17:00" }, "UTC", utc("2025-06-10T00:00:00"))).toBe(true);
    expect(scheduleOpen({ end: "17:00" }, "UTC", utc("2025-06-10T17:00:00"))).toBe(false);
  });

  it("judges a wrapping window's small hours by the date they fall on", () => {
    const fridayNights: CampaignSchedule = { days: [5], start: "22:00", end: "02:00" };
    expect(scheduleOpen(fridayNights, "UTC", utc("2025-06-13T23:00:00"))).toBe(true); // Friday 23:00
    expect(scheduleOpen(fridayNights, "UTC", utc("2025-06-13T01:00:00"))).toBe(true); // Friday 01:00
    expect(scheduleOpen(fridayNights, "UTC", utc("2025-06-14T01:00:00"))).toBe(false); // Saturday 01:00
  });

  it("skips exception dates", () => {
    const schedule: CampaignSchedule = { ...WEEKDAYS_9_TO_5, exceptions: ["2025-12-25"] };
    expect(scheduleOpen(schedule, NY, utc("2025-12-25T15:00:00"))).toBe(false);
    expect(scheduleOpen(schedule, NY, utc("2025-12-24T15:00:00"))).toBe(true);
    // 2025-12-25 00:30 UTC is still the 24th in New York.
    expect(scheduleOpen({ exceptions: ["2025-12-25"] }, NY, utc("2025-12-25T00:30:00"))).toBe(true);
  });

  it("keeps to the inclusive date range", () => {
    const schedule: CampaignSchedule = { from: "2025-06-10", until: "2025-06-12" };
    expect(scheduleOpen(schedule, NY, utc("2025-06-10T03:59:00"))).toBe(false);
    expect(scheduleOpen(schedule, NY, utc("2025-06-10T04:00:00"))).toBe(true);
    expect(scheduleOpen(schedule, NY, utc("2025-06-13T03:59:00"))).toBe(true);
    expect(scheduleOpen(schedule, NY, utc("2025-06-13T04:00:00"))).toBe(false);
  });

  it("fails closed on a malformed schedule", () => {
    const at = utc("2025-06-10T15:00:00");
    expect(scheduleOpen({ start: "9am" }, NY, at)).toBe(false);
    expect(scheduleOpen({ days: [0] }, NY, at)).toBe(false);
    expect(scheduleOpen({ days: [] }, NY, at)).toBe(false);
    expect(nextScheduleOpening({ start: "9am" }, NY, at)).toBeNull();
  });
});

describe("nextScheduleOpening", () => {
  it("returns the instant itself when open, or when there is no schedule", () => {
    const open = utc("2025-06-10T15:00:00");
    expect(nextScheduleOpening(WEEKDAYS_9_TO_5, NY, open)).toBe(open);
    expect(nextScheduleOpening(null, NY, open)).toBe(open);
  });

  it("finds today's start, or the next allowed day's", () => {
    expect(nextScheduleOpening(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T11:00:00"))).toEqual(utc("2025-06-10T13:00:00"));
    expect(nextScheduleOpening(WEEKDAYS_9_TO_5, NY, utc("2025-06-10T22:00:00"))).toEqual(utc("2025-06-11T13:00:00"));
    // Friday evening → Monday 09:00.
    expect(nextScheduleOpening(WEEKDAYS_9_TO_5, NY, utc("2025-06-13T22:00:00"))).toEqual(utc("2025-06-16T13:00:00"));
  });

  it("steps over exception dates", () => {
    const schedule: CampaignSchedule = { ...WEEKDAYS_9_TO_5, exceptions: ["2025-06-16", "2025-06-17"] };
    expect(nextScheduleOpening(schedule, NY, utc("2025-06-13T22:00:00"))).toEqual(utc("2025-06-18T13:00:00"));
  });

  it("waits for `from`, and returns null once past `until`", () => {
    const schedule: CampaignSchedule = { ...WEEKDAYS_9_TO_5, from: "2025-07-01", until: "2025-07-31" };
    expect(nextScheduleOpening(schedule, NY, utc("2025-06-10T15:00:00"))).toEqual(utc("2025-07-01T13:00:00"));
    expect(nextScheduleOpening(schedule, NY, utc("2025-07-31T22:00:00"))).toBeNull();
    expect(nextScheduleOpening(schedule, NY, utc("2025-08-05T15:00:00"))).toBeNull();
    // The last Friday in range is still reachable from the Thursday evening before.
    expect(nextScheduleOpening({ ...schedule, until: "2025-07-25" }, NY, utc("2025-07-24T22:00:00"))).toEqual(utc("2025-07-25T13:00:00"));
    expect(nextScheduleOpening({ ...schedule, until: "2025-07-26" }, NY, utc("2025-07-25T22:00:00"))).toBeNull();
  });

  it("returns null when no weekday is allowed", () => {
    expect(nextScheduleOpening({ days: [] }, NY, utc("2025-06-10T15:00:00"))).toBeNull();
  });

  it("lands on local opening time across DST changes", () => {
    // Saturday 2025-03-08 20:00 EST → Sunday 09:00 EDT; Saturday 2025-11-01 20:00 EDT → Sunday 09:00 EST.
    expect(nextScheduleOpening({ start: "09:00", end: "17:00" }, NY, utc("2025-03-09T01:00:00"))).toEqual(utc("2025-03-09T13:00:00"));
    expect(nextScheduleOpening({ start: "09:00", end: "17:00" }, NY, utc("2025-11-02T00:00:00"))).toEqual(utc("2025-11-02T14:00:00"));
  });

  it("opens a wrapping window at its start, or at midnight on a day after a closed one", () => {
    const nights: CampaignSchedule = { days: [5, 6], start: "22:00", end: "02:00" };
    expect(nextScheduleOpening(nights, "UTC", utc("2025-06-13T12:00:00"))).toEqual(utc("2025-06-13T22:00:00"));
    // Thursday 23:00 is not allowed; Friday opens at 00:00 by its own date.
    expect(nextScheduleOpening(nights, "UTC", utc("2025-06-12T23:00:00"))).toEqual(utc("2025-06-13T00:00:00"));
  });

  it("always returns an open instant with a closed second before it", () => {
    const schedules: CampaignSchedule[] = [
      WEEKDAYS_9_TO_5,
      { days: [7], start: "02:30", end: "03:30" },
      { days: [6, 7], start: "20:00", end: "01:00", exceptions: ["2025-11-01"] },
      { from: "2025-03-09", until: "2025-12-31", start: "01:15", end: "01:45" },
    ];
    for (const schedule of schedules) {
      for (let t = Date.UTC(2025, 2, 1); t < Date.UTC(2025, 11, 1); t += 37 * 3_600_000 + 17 * 60_000) {
        const at = new Date(t);
        const next = nextScheduleOpening(schedule, NY, at);
        const label = `${JSON.stringify(schedule)} from ${at.toISOString()}`;
        expect(next, label).not.toBeNull();
        const found = next as Date;
        expect(found.getTime(), label).toBeGreaterThanOrEqual(t);
        expect(scheduleOpen(schedule, NY, found), label).toBe(true);
        if (found !== at) expect(scheduleOpen(schedule, NY, new Date(found.getTime() - 1000)), label).toBe(false);
      }
    }
  });
});

describe("scheduleProblems", () => {
  it("accepts valid and absent schedules", () => {
    expect(scheduleProblems(null)).toEqual([]);
    expect(scheduleProblems(undefined)).toEqual([]);
    expect(scheduleProblems({})).toEqual([]);
    expect(
      scheduleProblems({ days: [1, 2, 3, 4, 5, 6, 7], start: "00:00", end: "24:00", from: "2024-02-29", until: "2024-02-29", exceptions: ["2024-12-25"] }),
    ).toEqual([]);
    expect(scheduleProblems({ start: "22:00", end: "02:00" })).toEqual([]);
  });

  it("names bad times", () => {
    expect(scheduleProblems({ start: "9:00" })).toEqual(['start must be a time "HH:MM" (24 h, 00:00 to 23:59), got "9:00"']);
    expect(scheduleProblems({ end: "25:00" })).toEqual(['end must be a time "HH:MM" (24 h, 00:00 to 24:00), got "25:00"']);
    expect(scheduleProblems({ start: "24:00" })).toHaveLength(1);
    expect(scheduleProblems({ start: 900 })).toEqual(['start must be a time "HH:MM" (24 h, 00:00 to 23:59), got 900']);
  });

  it("names bad weekdays", () => {
    expect(scheduleProblems({ days: [1, 8, 0, 2.5, "3"] })).toEqual([
      "days[1] must be an ISO weekday, 1 (Monday) to 7 (Sunday), got 8",
      "days[2] must be an ISO weekday, 1 (Monday) to 7 (Sunday), got 0",
      "days[3] must be an ISO weekday, 1 (Monday) to 7 (Sunday), got 2.5",
      'days[4] must be an ISO weekday, 1 (Monday) to 7 (Sunday), got "3"',
    ]);
    expect(scheduleProblems({ days: "weekdays" })).toEqual(["days must be an array of ISO weekdays, 1 (Monday) to 7 (Sunday)"]);
    expect(scheduleProblems({ days: [] })).toEqual(["days is empty, so the campaign would never dial; omit it to dial every day"]);
  });

  it("names bad dates and a range that ends before it starts", () => {
    expect(scheduleProblems({ from: "2025-02-30" })).toEqual(['from must be a date "YYYY-MM-DD", got "2025-02-30"']);
    expect(scheduleProblems({ until: "06/01/2025" })).toEqual(['until must be a date "YYYY-MM-DD", got "06/01/2025"']);
    expect(scheduleProblems({ from: "2025-06-02", until: "2025-06-01" })).toEqual(["from (2025-06-02) is after until (2025-06-01)"]);
    expect(scheduleProblems({ exceptions: ["2025-12-25", "2025-13-01"] })).toEqual(['exceptions[1] must be a date "YYYY-MM-DD", got "2025-13-01"']);
    expect(scheduleProblems({ exceptions: "2025-12-25" })).toEqual(['exceptions must be an array of dates "YYYY-MM-DD"']);
  });

  it("rejects non-objects and unknown fields, listing every problem", () => {
    expect(scheduleProblems([])).toEqual(["schedule must be an object"]);
    expect(scheduleProblems("weekdays")).toEqual(["schedule must be an object"]);
    expect(scheduleProblems({ dayz: [1], start: "9" })).toEqual([
      'unknown field "dayz" (expected days, start, end, from, until, exceptions)',
      'start must be a time "HH:MM" (24 h, 00:00 to 23:59), got "9"',
    ]);
  });
});

describe("validZone", () => {
  it("accepts IANA zones Intl knows and nothing else", () => {
    for (const zone of ["America/New_York", "Europe/London", "UTC", "Asia/Kolkata", "America/Indiana/Indianapolis"]) expect(validZone(zone), zone).toBe(true);
    for (const zone of ["", " ", "Mars/Olympus_Mons", "America/New York", " UTC"]) expect(validZone(zone), zone).toBe(false);
  });
});
