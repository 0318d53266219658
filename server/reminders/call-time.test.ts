import { describe, expect, it } from "vitest";
import { lastOpenMomentBefore, planReminderCall, planRetry } from "./call-time";

const DAY = { start: "08:00", end: "21:00" };
const KTM = "Asia/Kathmandu"; // UTC+05:45, no DST
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("planReminderCall", () => {
  it("calls at the wanted moment when it is inside calling hours (+05:45)", () => {
    // Appointment 10:00 Kathmandu = 04:15Z; an hour before is 09:00 local = 03:15Z.
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T04:15:00Z"), callBeforeMin: 60, zone: KTM, window: DAY, outsideHours: "call_earlier", now: at("2026-06-09T00:00:00Z") });
    expect(plan).toEqual({ kind: "call", at: at("2026-06-10T03:15:00Z"), note: null });
  });

  it("moves a moment outside calling hours to the last legal minute before it (+05:45)", () => {
    // Appointment 08:30 local (02:45Z), two hours before = 06:30 local: closed. The evening before, 20:59 local = 15:14Z.
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T02:45:00Z"), callBeforeMin: 120, zone: KTM, window: DAY, outsideHours: "call_earlier", now: at("2026-06-09T00:00:00Z") });
    expect(plan.kind).toBe("call");
    expect(plan.kind === "call" && plan.at.toISOString()).toBe("2026-06-09T15:14:00.000Z");
    expect(plan.kind === "call" && plan.note).toMatch(/moved earlier from 2026-06-10 06:30 Asia\/Kathmandu/);
  });

  it("marks it not callable when the reminder says so", () => {
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T02:45:00Z"), callBeforeMin: 120, zone: KTM, window: DAY, outsideHours: "not_callable", now: at("2026-06-09T00:00:00Z") });
    expect(plan).toEqual({ kind: "not_callable", reason: "2026-06-10 06:30 Asia/Kathmandu is outside calling hours (08:00–21:00 Asia/Kathmandu)" });
  });

  it("takes the next opening when the last legal moment has passed but the opening is before the appointment", () => {
    // Now 21:45 local: yesterday evening is gone; 08:00 local (02:15Z) is before the 08:30 appointment.
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T02:45:00Z"), callBeforeMin: 120, zone: KTM, window: DAY, outsideHours: "call_earlier", now: at("2026-06-09T16:00:00Z") });
    expect(plan.kind === "call" && plan.at.toISOString()).toBe("2026-06-10T02:15:00.000Z");
  });

  it("is not callable when no legal moment lies between now and the appointment", () => {
    // Appointment at 08:00 local sharp (02:15Z): the opening is the appointment itself.
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T02:15:00Z"), callBeforeMin: 30, zone: KTM, window: DAY, outsideHours: "call_earlier", now: at("2026-06-09T16:00:00Z") });
    expect(plan.kind).toBe("not_callable");
  });

  it("calls at once when the wanted moment passed (e.g. during downtime) and the appointment has not", () => {
    const now = at("2026-06-10T03:30:00Z"); // 09:15 local
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T04:15:00Z"), callBeforeMin: 120, zone: KTM, window: DAY, outsideHours: "call_earlier", now });
    expect(plan).toEqual({ kind: "call", at: now, note: null });
  });

  it("expires once the appointment has passed", () => {
    const plan = planReminderCall({ appointmentAt: at("2026-06-10T04:15:00Z"), callBeforeMin: 60, zone: KTM, window: DAY, outsideHours: "call_earlier", now: at("2026-06-10T04:15:00Z") });
    expect(plan.kind).toBe("expired");
  });

  it("reads the evening before across the spring-forward change (New York, 2026-03-08)", () => {
    // Appointment 08:30 EDT on 03-09 (12:30Z); 60 min before is 07:30 EDT, closed. 20:59 EDT on 03-08 = 00:59Z (not 01:59Z, as EST would give).
    const plan = planReminderCall({ appointmentAt: at("2026-03-09T12:30:00Z"), callBeforeMin: 60, zone: NY, window: DAY, outsideHours: "call_earlier", now: at("2026-03-08T12:00:00Z") });
    expect(plan.kind === "call" && plan.at.toISOString()).toBe("2026-03-09T00:59:00.000Z");
  });

  it("reads the evening before across the fall-back change (New York, 2026-11-01)", () => {
    // 20:59 EST on 11-01 = 01:59Z on 11-02.
    const plan = planReminderCall({ appointmentAt: at("2026-11-02T13:30:00Z"), callBeforeMin: 60, zone: NY, window: DAY, outsideHours: "call_earlier", now: at("2026-11-01T12:00:00Z") });
    expect(plan.kind === "call" && plan.at.toISOString()).toBe("2026-11-02T01:59:00.000Z");
  });

  it("finds the last minute of a window whose close falls in the spring-forward gap", () => {
    // 20:00–02:30 wraps midnight; on 2026-03-08 02:30 does not exist in New York (02:00 EST → 03:00 EDT at 07:00Z).
    // The last open minute is 01:59 EST = 06:59Z.
    expect(lastOpenMomentBefore(NY, at("2026-03-08T09:00:00Z"), { start: "20:00", end: "02:30" })?.toISOString()).toBe("2026-03-08T06:59:00.000Z");
  });
});

describe("planRetry", () => {
  const appointmentAt = at("2026-06-10T10:15:00Z"); // 16:00 Kathmandu
  it("retries after the delay inside calling hours", () => {
    expect(planRetry({ appointmentAt, zone: KTM, window: DAY, now: at("2026-06-10T04:15:00Z"), delaySec: 600 })?.toISOString()).toBe("2026-06-10T04:25:00.000Z");
  });
  it("waits for calling hours to open when the delay ends outside them", () => {
    // 20:55 local + 10 min = 21:05, closed; next day 08:00 local = 02:15Z, before an appointment on the 11th.
    expect(planRetry({ appointmentAt: at("2026-06-11T10:15:00Z"), zone: KTM, window: DAY, now: at("2026-06-10T15:10:00Z"), delaySec: 600 })?.toISOString()).toBe("2026-06-11T02:15:00.000Z");
  });
  it("gives up when the retry would come at or after the appointment", () => {
    expect(planRetry({ appointmentAt, zone: KTM, window: DAY, now: at("2026-06-10T10:10:00Z"), delaySec: 600 })).toBeNull();
  });
});
