import { describe, expect, it } from "vitest";
import { validZone } from "./schedule";
import { zoneForLead, zoneForPhoneNumber, zoneForRegion, zoneForZip } from "./time-zones";

const FALLBACK = "Europe/Berlin";

const zoneOf = (phoneNumber: string) => zoneForLead({ phoneNumber }, FALLBACK);

describe("zoneForLead order", () => {
  const full = { timezone: "Asia/Tokyo", state: "CA", zip: "10001", phoneNumber: "+1 312 555 0100" };

  it("prefers an explicit zone, then state, then ZIP, then the number, then the fallback", () => {
    expect(zoneForLead(full, FALLBACK)).toEqual({ zone: "Asia/Tokyo", source: "lead" });
    expect(zoneForLead({ ...full, timezone: null }, FALLBACK)).toEqual({ zone: "America/Los_Angeles", source: "state" });
    expect(zoneForLead({ ...full, timezone: null, state: null }, FALLBACK)).toEqual({ zone: "America/New_York", source: "zip" });
    expect(zoneForLead({ ...full, timezone: null, state: null, zip: null }, FALLBACK)).toEqual({ zone: "America/Chicago", source: "area_code" });
    expect(zoneForLead({ phoneNumber: "+44 20 7946 0000" }, FALLBACK)).toEqual({ zone: "Europe/London", source: "country" });
    expect(zoneForLead({ phoneNumber: "not a number" }, FALLBACK)).toEqual({ zone: FALLBACK, source: "fallback" });
  });

  it("ignores an explicit zone Intl does not know, and blank values", () => {
    expect(zoneForLead({ ...full, timezone: "Mars/Olympus_Mons" }, FALLBACK)).toEqual({ zone: "America/Los_Angeles", source: "state" });
    expect(zoneForLead({ ...full, timezone: "EST-ish" }, FALLBACK).source).toBe("state");
    expect(zoneForLead({ ...full, timezone: "   " }, FALLBACK).source).toBe("state");
    expect(zoneForLead({ ...full, timezone: " Asia/Tokyo " }, FALLBACK)).toEqual({ zone: "Asia/Tokyo", source: "lead" });
  });

  it("skips a state or ZIP it cannot read and carries on down the chain", () => {
    expect(zoneForLead({ state: "XX", zip: "60601", phoneNumber: "" }, FALLBACK)).toEqual({ zone: "America/Chicago", source: "zip" });
    expect(zoneForLead({ state: "California", zip: "1234", phoneNumber: "2125550100" }, FALLBACK)).toEqual({ zone: "America/New_York", source: "area_code" });
  });
});

describe("zoneForRegion", () => {
  it.each<[string | null, string | null]>([
    ["CA", "America/Los_Angeles"],
    ["ny", "America/New_York"],
    [" Tx ", "America/Chicago"],
    ["AZ", "America/Phoenix"],
    ["HI", "Pacific/Honolulu"],
    ["AK", "America/Anchorage"],
    ["PR", "America/Puerto_Rico"],
    ["ON", "America/Toronto"],
    ["BC", "America/Vancouver"],
    ["SK", "America/Regina"],
    ["NL", "America/St_Johns"],
    ["XX", null],
    ["", null],
    [null, null],
  ])("knows the dominant zone of states, case-insensitively: %j → %s", (region, zone) => {
    expect(zoneForRegion(region)).toBe(zone);
  });

  it("covers all 50 states, DC, PR and the provinces with valid zones", () => {
    const codes =
      "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR " +
      "AB BC MB NB NL NS PE ON QC SK";
    for (const code of codes.split(" ")) {
      const zone = zoneForRegion(code);
      expect(zone, code).not.toBeNull();
      expect(validZone(zone as string), `${code} → ${zone}`).toBe(true);
    }
  });
});

describe("zoneForZip", () => {
  it.each([
    ["10001", "America/New_York"],
    ["90210", "America/Los_Angeles"],
    ["60601-1234", "America/Chicago"],
    ["850011234", "America/Phoenix"],
    ["80202", "America/Denver"],
    ["96813", "Pacific/Honolulu"],
    ["99501", "America/Anchorage"],
    ["00901", "America/Puerto_Rico"],
    ["02134", "America/New_York"],
  ])("maps 3-digit prefixes to their state's zone, with ZIP+4 accepted: %s → %s", (zip, zone) => {
    expect(zoneForZip(zip)).toBe(zone);
  });

  it.each([
    ["79901", "America/Denver", "El Paso, TX"],
    ["32501", "America/Chicago", "Pensacola, FL"],
    ["37902", "America/New_York", "Knoxville, TN"],
    ["37203", "America/Chicago", "Nashville, TN"],
  ])("places ZIPs in the part of a split state they are in: %s → %s (%s)", (zip, zone) => {
    expect(zoneForZip(zip)).toBe(zone);
  });

  it("rejects what is not a US ZIP, and unassigned or military prefixes", () => {
    for (const zip of ["1234", "123456", "ABCDE", "SW1A 1AA", "12345-12", "", "09001", "34001", "96201"]) {
      expect(zoneForZip(zip), zip).toBeNull();
    }
  });

  it("gives only valid zones for every prefix", () => {
    for (let prefix = 0; prefix < 1000; prefix++) {
      const zone = zoneForZip(`${String(prefix).padStart(3, "0")}01`);
      if (zone !== null) expect(validZone(zone), `${prefix} → ${zone}`).toBe(true);
    }
  });
});

describe("zoneForPhoneNumber / number inference", () => {
  it.each([
    ["1-212-555-0100", "America/New_York"],
    ["1-213-555-0100", "America/Los_Angeles"],
    ["1-312-555-0100", "America/Chicago"],
    ["1-602-555-0100", "America/Phoenix"],
    ["1-416-555-0100", "America/Toronto"],
    ["(212) 555-0100", "America/New_York"],
    ["212.555.0100", "America/New_York"],
    ["+1 (213) 555 0100", "America/Los_Angeles"],
    ["001 312 555 0100", "America/Chicago"],
    ["+1 808 555 0100", "Pacific/Honolulu"],
    ["+1 787 555 0100", "America/Puerto_Rico"],
    ["+1 876 555 0100", "America/Jamaica"],
  ])("reads NANP numbers by area code in every usual format: %s → %s", (number, zone) => {
    expect(zoneOf(number)).toEqual({ zone, source: "area_code" });
  });

  it.each([
    ["915-555-0100", "America/Denver", "El Paso"],
    ["850-555-0100", "America/Chicago", "Florida panhandle"],
    ["865-555-0100", "America/New_York", "Knoxville"],
    ["615-555-0100", "America/Chicago", "Nashville"],
  ])("puts split states' area codes where most of their people are: %s → %s (%s)", (number, zone) => {
    expect(zoneOf(number)).toEqual({ zone, source: "area_code" });
  });

  it("does not map 555, N11 or non-geographic codes", () => {
    for (const code of ["555", "800", "888", "877", "866", "855", "844", "833", "900", "500", "700", "211", "411", "911"]) {
      expect(zoneOf(`1-${code}-555-0100`), code).toEqual({ zone: FALLBACK, source: "fallback" });
    }
    expect(zoneOf("+1 800 555 0100")).toEqual({ zone: FALLBACK, source: "fallback" });
  });

  it("needs a NANP-shaped length, and takes 10 digits as NANP only without +", () => {
    expect(zoneOf("212555010").source).toBe("fallback");
    expect(zoneOf("121255501000").source).toBe("fallback");
    expect(zoneOf("+1 212 555 010").source).toBe("fallback");
    expect(zoneOf("+2125550100").source).not.toBe("area_code");
  });

  it.each([
    ["+44 20 7946 0000", "Europe/London"],
    ["0044 20 7946 0000", "Europe/London"],
    ["+33 1 23 45 67 89", "Europe/Paris"],
    ["+49 30 123456", "Europe/Berlin"],
    ["+353 1 234 5678", "Europe/Dublin"],
    ["+351 21 123 4567", "Europe/Lisbon"],
    ["+358 9 123 4567", "Europe/Helsinki"],
    ["+91 98765 43210", "Asia/Kolkata"],
    ["+972 3 123 4567", "Asia/Jerusalem"],
    ["+971 4 123 4567", "Asia/Dubai"],
    ["+598 2 123 4567", "America/Montevideo"],
    ["+506 2222 3333", "America/Costa_Rica"],
    ["+52 55 1234 5678", "America/Mexico_City"],
    ["+55 11 91234 5678", "America/Sao_Paulo"],
    ["+27 21 123 4567", "Africa/Johannesburg"],
    // The longest prefix wins where a country is split.
    ["+61 2 9374 4000", "Australia/Sydney"],
    ["+61 3 9374 4000", "Australia/Melbourne"],
    ["+7 727 123 4567", "Asia/Almaty"],
    ["+7 495 123 4567", "Europe/Moscow"],
  ])("reads international numbers by country calling code, after + or 00: %s → %s", (number, zone) => {
    expect(zoneOf(number)).toEqual({ zone, source: "country" });
  });

  it("gives up on a split country's number without a hint", () => {
    expect(zoneOf("+61 412 345 678").source).toBe("fallback");
  });

  it("treats digits without + or 00 that are not NANP as unknown", () => {
    expect(zoneOf("44 20 7946 0000").source).toBe("fallback");
    expect(zoneOf("020 7946 0000").source).toBe("fallback");
    expect(zoneOf("+44").source).toBe("fallback");
    expect(zoneOf("+44 20 7946 0000 ext 12").source).toBe("fallback");
  });

  it("maps several hundred area codes, all to valid zones", () => {
    let mapped = 0;
    for (let code = 200; code < 1000; code++) {
      const hit = zoneForPhoneNumber(`${code}5550100`);
      if (hit === null) continue;
      mapped++;
      expect(validZone(hit.zone), `${code} → ${hit.zone}`).toBe(true);
    }
    expect(mapped).toBeGreaterThanOrEqual(400);
  });

  it("gives only valid zones for every country code", () => {
    for (let code = 2; code < 10000; code++) {
      const hit = zoneForPhoneNumber(`+${code}2345678`);
      if (hit !== null) expect(validZone(hit.zone), `+${code} → ${hit.zone}`).toBe(true);
    }
  });
});
