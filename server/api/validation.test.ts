import { describe, expect, it } from "vitest";
import { dateOnly, dateTimeInput, flagInput, leadDataInput, phoneNumberInput } from "./validation";

describe("input pieces", () => {
  it("normalises phone numbers and refuses what cannot be dialled", () => {
    expect(phoneNumberInput.parse("+1 (555) 123-4567")).toBe("+15551234567");
    expect(phoneNumberInput.parse("0987.654.321")).toBe("0987654321");
    expect(phoneNumberInput.parse(5551234)).toBe("5551234");
    for (const bad of ["", "12", "555-CALL-NOW", "++15551234", "1".repeat(21), -5, null]) {
      expect(phoneNumberInput.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it("reads the contract's 0/1 flags and booleans", () => {
    expect([0, 1, true, false, "0", "1"].map((v) => flagInput.parse(v))).toEqual([false, true, true, false, false, true]);
    expect(flagInput.safeParse(2).success).toBe(false);
    expect(flagInput.safeParse("yes").success).toBe(false);
  });

  it("reads contract date-times as UTC, and ISO times as written", () => {
    expect(dateTimeInput.parse("2025-12-31 23:59:59").toISOString()).toBe("2025-12-31T23:59:59.000Z");
    expect(dateTimeInput.parse("2025-12-31").toISOString()).toBe("2025-12-31T23:59:59.000Z");
    expect(dateTimeInput.parse("2025-06-01T10:00:00+02:00").toISOString()).toBe("2025-06-01T08:00:00.000Z");
    expect(dateTimeInput.safeParse("tomorrow").success).toBe(false);
    expect(dateOnly.safeParse("2024-02-30").success).toBe(true);
    expect(dateOnly.safeParse("2024-13-01").success).toBe(false);
  });

  it("accepts lead data as an object or a JSON string holding one", () => {
    expect(leadDataInput.parse({ name: "John" })).toEqual({ name: "John" });
    expect(leadDataInput.parse('{"name": "John"}')).toEqual({ name: "John" });
    expect(leadDataInput.parse("")).toBeNull();
    for (const bad of ["[1,2]", "{oops", 42]) expect(leadDataInput.safeParse(bad).success, String(bad)).toBe(false);
    expect(leadDataInput.safeParse({ blob: "x".repeat(20_000) }).success).toBe(false);
  });
});
