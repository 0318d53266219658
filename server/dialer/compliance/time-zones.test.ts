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
  it("knows the dominant zone of states, case-insensitively", () => {
    expect(zoneForRegion("CA")).toBe("America/Los_Angeles");
    expect(zoneForRegion("ny")).toBe("America/New_York");
    expect(zoneForRegion(" Tx ")).toBe("America/Chicago");
    expect(zoneForRegion("AZ")).toBe("America/Phoenix");
    expect(zoneForRegion("HI")).toBe("Pacific/Honolulu");
    expect(zoneForRegion("AK")).toBe("America/Anchorage");
    expect(zoneForRegion("PR")).toBe("America/Puerto_Rico");
    expect(zoneForRegion("ON")).toBe("America/Toronto");
    expect(zoneForRegion("BC")).toBe("America/Vancouver");
    expect(zoneForRegion("SK")).toBe("America/Regina");
    expect(zoneForRegion("NL")).toBe("America/St_Johns");
    expect(zoneForRegion("XX")).toBeNull();
    expect(zoneForRegion("")).toBeNull();
    expect(zoneForRegion(null)).toBeNull();
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
  it("maps 3-digit prefixes to their state's zone, with ZIP+4 accepted", () => {
    expect(zoneForZip("10001")).toBe("America/New_York");
    expect(zoneForZip("90210")).toBe("America/Los_Angeles");
    expect(zoneForZip("60601-1234")).toBe("America/Chicago");
    expect(zoneForZip("850011234")).toBe("America/Phoenix");
    expect(zoneForZip("80202")).toBe("America/Denver");
    expect(zoneForZip("96813")).toBe("Pacific/Honolulu");
    expect(zoneForZip("99501")).toBe("America/Anchorage");
    expect(zoneForZip("00901")).toBe("America/Puerto_Rico");
    expect(zoneForZip("02134")).toBe("America/New_York");
  });

  it("places ZIPs in the part of a split state they are in", () => {
    expect(zoneForZip("79901")).toBe("America/Denver"); // El Paso, TX
    expect(zoneForZip("32501")).toBe("America/Chicago"); // Pensacola, FL
    expect(zoneForZip("37902")).toBe("America/New_York"); // Knoxville, TN
    expect(zoneForZip("37203")).toBe("America/Chicago"); // Nashville, TN
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
  it("reads NANP numbers by area code in every usual format", () => {
    expect(zoneOf("1-212-555-0100")).toEqual({ zone: "America/New_York", source: "area_code" });
    expect(zoneOf("1-213-555-0100").zone).toBe("America/Los_Angeles");
    expect(zoneOf("1-312-555-0100").zone).toBe("America/Chicago");
    expect(zoneOf("1-602-555-0100").zone).toBe("America/Phoenix");
    expect(zoneOf("1-416-555-0100").zone).toBe("America/Toronto");
    expect(zoneOf("(212) 555-0100").zone).toBe("America/New_York");
    expect(zoneOf("212.555.0100").zone).toBe("America/New_York");
    expect(zoneOf("+1 (213) 555 0100").zone).toBe("America/Los_Angeles");
    expect(zoneOf("001 312 555 0100").zone).toBe("America/Chicago");
    expect(zoneOf("+1 808 555 0100").zone).toBe("Pacific/Honolulu");
    expect(zoneOf("+1 787 555 0100").zone).toBe("America/Puerto_Rico");
    expect(zoneOf("+1 876 555 0100").zone).toBe("America/Jamaica");
  });

  it("puts split states' area codes where most of their people are", () => {
    expect(zoneOf("915-555-0100").zone).toBe("America/Denver"); // El Paso
    expect(zoneOf("850-555-0100").zone).toBe("America/Chicago"); // Florida panhandle
    expect(zoneOf("865-555-0100").zone).toBe("America/New_York"); // Knoxville
    expect(zoneOf("615-555-0100").zone).toBe("America/Chicago"); // Nashville
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

  it("reads international numbers by country calling code, after + or 00", () => {
    expect(zoneOf("+44 20 7946 0000")).toEqual({ zone: "Europe/London", source: "country" });
    expect(zoneOf("0044 20 7946 0000")).toEqual({ zone: "Europe/London", source: "country" });
    expect(zoneOf("+33 1 23 45 67 89").zone).toBe("Europe/Paris");
    expect(zoneOf("+49 30 123456").zone).toBe("Europe/Berlin");
    expect(zoneOf("+353 1 234 5678").zone).toBe("Europe/Dublin");
    expect(zoneOf("+351 21 123 4567").zone).toBe("Europe/Lisbon");
    expect(zoneOf("+358 9 123 4567").zone).toBe("Europe/Helsinki");
    expect(zoneOf("+91 98765 43210").zone).toBe("Asia/Kolkata");
    expect(zoneOf("+972 3 123 4567").zone).toBe("Asia/Jerusalem");
    expect(zoneOf("+971 4 123 4567").zone).toBe("Asia/Dubai");
    expect(zoneOf("+598 2 123 4567").zone).toBe("America/Montevideo");
    expect(zoneOf("+506 2222 3333").zone).toBe("America/Costa_Rica");
    expect(zoneOf("+52 55 1234 5678").zone).toBe("America/Mexico_City");
    expect(zoneOf("+55 11 91234 5678").zone).toBe("America/Sao_Paulo");
    expect(zoneOf("+27 21 123 4567").zone).toBe("Africa/Johannesburg");
  });

  it("matches the longest prefix, and gives up on split countries without a hint", () => {
    expect(zoneOf("+61 2 9374 4000").zone).toBe("Australia/Sydney");
    expect(zoneOf("+61 3 9374 4000").zone).toBe("Australia/Melbourne");
    expect(zoneOf("+61 412 345 678").source).toBe("fallback");
    expect(zoneOf("+7 727 123 4567").zone).toBe("Asia/Almaty");
    expect(zoneOf("+7 495 123 4567").zone).toBe("Europe/Moscow");
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
