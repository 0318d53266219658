import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/csv";
import { customKeys, resolveMapping, rowToLead } from "./import-rows";

const header = ["phone", "first_name", "alt", "state", "zip", "tz", "notes"];

describe("import mapping", () => {
  it("resolves names and indices, and reports each bad field", () => {
    expect(resolveMapping({ phone: "PHONE", phone2: 2, state: "state" }, header, header.length)).toEqual({
      mapping: { phone: 0, phones: [2], timezone: null, state: 3, zip: null, ignore: [] },
    });
    const bad = resolveMapping({ phone2: "nope", state: 0, zip: 99 }, header, header.length);
    expect(bad).toEqual({
      errors: {
        "mapping.phone": ["is required: which column holds the phone number"],
        "mapping.phone2": [expect.stringMatching(/no column named 'nope'/)],
        "mapping.zip": ["column 99 is past the last column (6)"],
      },
    });
    expect(resolveMapping({ phone: 0, state: 0 }, header, 7)).toEqual({ errors: { "mapping.state": ["column 0 is already mapped to mapping.phone"] } });
    expect(resolveMapping({ phone: "phone" }, null, 3)).toEqual({ errors: { "mapping.phone": ["the file has no header: give a column index (0-based)"] } });
  });

  it("names custom data after the header, made unique, or column_N", () => {
    expect(customKeys(["a", "", "a"], 4)).toEqual(["a", "column_2", "a_2", "column_4"]);
    expect(customKeys(null, 2)).toEqual(["column_1", "column_2"]);
  });
});

describe("a row to a lead", () => {
  const mapping = { phone: 0, phones: [2], timezone: 5, state: 3, zip: 4, ignore: [] };
  const keys = customKeys(header, header.length);

  it("normalises numbers, keeps unmapped columns as custom data and drops repeats of the lead's own number", () => {
    expect(rowToLead(["(555) 010-0001", "Ann", "555.010.0001", "tx", "75001", "America/Chicago", "call after 5"], mapping, keys)).toEqual({
      ok: true,
      lead: { phoneNumber: "5550100001", extraPhones: [], data: { first_name: "Ann", notes: "call after 5" }, timezone: "America/Chicago", state: "TX", zip: "75001" },
    });
    expect(rowToLead(["5550100002", "", "+15550100003"], mapping, keys)).toMatchObject({ ok: true, lead: { extraPhones: ["+15550100003"], data: null, state: null } });
  });

  it("says which field is wrong", () => {
    expect(rowToLead(["", "Ann"], mapping, keys)).toEqual({ ok: false, field: "phone", message: "the phone number is empty" });
    expect(rowToLead(["abc"], mapping, keys)).toMatchObject({ ok: false, field: "phone" });
    expect(rowToLead(["5550100004", "", "12"], mapping, keys)).toMatchObject({ ok: false, field: "phone2" });
    expect(rowToLead(["5550100004", "", "", "Texas"], mapping, keys)).toMatchObject({ ok: false, field: "state" });
    expect(rowToLead(["5550100004", "", "", "", "7500"], mapping, keys)).toMatchObject({ ok: false, field: "zip" });
    expect(rowToLead(["5550100004", "", "", "", "", "Mars/Base"], mapping, keys)).toMatchObject({ ok: false, field: "timezone" });
    expect(rowToLead(["5550100004", "a", "", "", "", "", "", "extra"], mapping, keys)).toMatchObject({ ok: false, field: null, message: expect.stringMatching(/8 fields; the file has 7 columns/) });
    // A trailing delimiter is not an extra value.
    expect(rowToLead(["5550100004", "a", "", "", "", "", "", ""], mapping, keys)).toMatchObject({ ok: true });
  });

  it("writes records back as CSV for the error report", () => {
    expect(csvLine(["a", "b,c", 'd"e', "f\ng"], ",")).toBe('a,"b,c","d""e","f\ng"');
  });

  it("makes cells a spreadsheet would run as formulas inert, but keeps signed numbers and stored raw text", () => {
    expect(csvLine(["=HYPERLINK(\"x\")", "@SUM(A1)", "-1+2", "\tcmd", "+15551234567", "-2.5", "plain"])).toBe(
      `"'=HYPERLINK(""x"")",'@SUM(A1),'-1+2,'\tcmd,+15551234567,-2.5,plain`,
    );
    expect(csvLine(["=1+1", "a"], ";", { formulas: "keep" })).toBe("=1+1;a");
  });
});
