import { describe, expect, it } from "vitest";
import { callableAt, type CallableInput, type CampaignSchedule } from "./index";

const NY = "America/New_York";
const utc = (iso: string) => new Date(`${iso}Z`);
const HOURS = { start: "08:00", end: "21:00" };
// June 2025: New York UTC−4, Los Angeles UTC−7, London UTC+1; 2025-06-09 is a Monday.
const WEEKDAYS_9_TO_5: CampaignSchedule = { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };

const check = (overrides: Partial<CallableInput> & Pick<CallableInput, "lead" | "at">) =>
  callableAt({ campaignZone: NY, callingHours: HOURS, ...overrides });

describe("callableAt", () => {
  it("allows a call inside the called party's hours and the schedule", () => {
    expect(check({ lead: { phoneNumber: "+1 212 555 0100" }, at: utc("2025-06-10T15:00:00"), schedule: WEEKDAYS_9_TO_5 })).toEqual({ ok: true, zone: NY, source: "area_code" });
  });

  it("judges calling hours in the lead's zone and says when they open", () => {
    // 09:00 in New York is 06:00 in Los Angeles.
    const at = utc("2025-06-10T13:00:00");
    expect(check({ lead: { phoneNumber: "+1 212 555 0100" }, at })).toEqual({ ok: true, zone: NY, source: "area_code" });
    expect(check({ lead: { phoneNumber: "+1 213 555 0100" }, at })).toEqual({
      ok: false, reason: "outside_hours", zone: "America/Los_Angeles", source: "area_code", retryAt: utc("2025-06-10T15:00:00"),
    });
    expect(check({ lead: { phoneNumber: "+1 212 555 0100", timezone: "Pacific/Honolulu" }, at })).toMatchObject({
      ok: false, reason: "outside_hours", zone: "Pacific/Honolulu", source: "lead", retryAt: utc("2025-06-10T18:00:00"),
    });
  });

  it("falls back to the campaign's zone for a lead it cannot place", () => {
    expect(check({ lead: { phoneNumber: "+1 800 555 0100" }, at: utc("2025-06-10T11:00:00"), campaignZone: "Europe/Paris" })).toEqual({ ok: true, zone: "Europe/Paris", source: "fallback" });
  });

  const ENDED_JUNE_10: CampaignSchedule = { ...WEEKDAYS_9_TO_5, until: "2025-06-10" };
  it.each([
    {
      // Saturday: the schedule is closed, whatever the lead's hours.
      case: "puts the schedule first, retrying at its next opening",
      call: { phone: "+1 213 555 0100", at: "2025-06-14T18:00:00", schedule: WEEKDAYS_9_TO_5 },
      refusal: { reason: "schedule", zone: "America/Los_Angeles", source: "area_code", retryAt: "2025-06-16T13:00:00" },
    },
    {
      case: "reports a schedule that never reopens with no retry time",
      call: { phone: "+1 212 555 0100", at: "2025-06-10T22:00:00", schedule: ENDED_JUNE_10 },
      refusal: { reason: "schedule", zone: NY, source: "area_code", retryAt: null },
    },
    {
      // Friday 16:30 in New York, 21:30 in London: London reopens on Saturday, the schedule on Monday.
      case: "moves the retry past the schedule when the lead's hours open while it is closed",
      call: { phone: "+44 20 7946 0000", at: "2025-06-13T20:30:00", schedule: WEEKDAYS_9_TO_5 },
      refusal: { reason: "outside_hours", zone: "Europe/London", source: "country", retryAt: "2025-06-16T13:00:00" },
    },
    {
      case: "gives no retry time when the schedule has ended by the time the lead's hours open",
      call: { phone: "+44 20 7946 0000", at: "2025-06-10T20:30:00", schedule: ENDED_JUNE_10 },
      refusal: { reason: "outside_hours", zone: "Europe/London", source: "country", retryAt: null },
    },
  ])("$case", ({ call, refusal }) => {
    expect(check({ lead: { phoneNumber: call.phone }, at: utc(call.at), schedule: call.schedule })).toEqual({
      ok: false, reason: refusal.reason, zone: refusal.zone, source: refusal.source, retryAt: refusal.retryAt === null ? null : utc(refusal.retryAt),
    });
  });

  it("lands on 08:00 local after a DST change", () => {
    expect(check({ lead: { phoneNumber: "2125550100" }, at: utc("2025-03-09T03:00:00") })).toMatchObject({ reason: "outside_hours", retryAt: utc("2025-03-09T12:00:00") });
    expect(check({ lead: { phoneNumber: "2125550100" }, at: utc("2025-11-02T02:00:00") })).toMatchObject({ reason: "outside_hours", retryAt: utc("2025-11-02T13:00:00") });
  });

  it("stops searching when the lead's hours and the schedule never meet", () => {
    // 09:00–17:00 New York is 22:00–06:00 in Tokyo: never within 08:00–21:00 there.
    const at = utc("2025-06-10T20:30:00");
    const result = check({ lead: { phoneNumber: "+81 3 1234 5678" }, at, schedule: WEEKDAYS_9_TO_5 });
    expect(result).toMatchObject({ ok: false, reason: "outside_hours", zone: "Asia/Tokyo" });
    if (result.ok) throw new Error("expected a refusal");
    expect(result.retryAt).not.toBeNull();
    expect((result.retryAt as Date).getTime()).toBeGreaterThan(at.getTime());
  });

  it("stays cheap per lead", () => {
    const leads = [{ phoneNumber: "+1 212 555 0100" }, { phoneNumber: "+44 20 7946 0000" }, { phoneNumber: "3125550100", state: "IL" }, { phoneNumber: "x", timezone: "America/Denver" }];
    const base = Date.now();
    const run = (n: number) => {
      for (let i = 0; i < n; i++) check({ lead: leads[i % leads.length], at: new Date(base + i * 1000), schedule: WEEKDAYS_9_TO_5 });
    };
    run(5_000);
    const calls = 20_000;
    const started = performance.now();
    run(calls);
    const microsPerCall = ((performance.now() - started) * 1000) / calls;
    // Measured about 2–5 µs; a loose bound so only a gross regression fails.
    expect(microsPerCall).toBeLessThan(100);
  });
});
