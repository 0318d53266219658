import { describe, expect, it } from "vitest";
import { CsvReader, detectDelimiter, guessMapping, looksLikeHeader, normalisePhone, parseCsv } from "./csv";

const fields = (text: string, d = ",") => parseCsv(text, d).map((r) => r.fields);

describe("CSV reader", () => {
  it("reads plain rows with LF, CRLF and CR line ends alike", () => {
    expect(fields("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r1,2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("keeps delimiters, newlines and doubled quotes inside quoted fields", () => {
    expect(fields('"Doe, John","line 1\nline 2","say ""hi"""\n')).toEqual([["Doe, John", "line 1\nline 2", 'say "hi"']]);
    expect(fields('x,"a\r\nb",y\r\n')).toEqual([["x", "a\r\nb", "y"]]);
  });

  it("drops a UTF-8 BOM and keeps empty fields", () => {
    expect(fields("\uFEFFphone,name\n5550100,,\n")).toEqual([["phone", "name"], ["5550100", "", ""]]);
  });

  it("numbers records as the file has them, blank lines counted but not returned", () => {
    const recs = parseCsv('h\n\n1\n"two\nlines"\n3');
    expect(recs.map((r) => [r.row, r.fields[0]])).toEqual([[1, "h"], [3, "1"], [4, "two\nlines"], [5, "3"]]);
  });

  it("reports malformed records and carries on with the next ones", () => {
    const recs = parseCsv('a,"b"x,c\nok,1\n"never closed,2\n');
    expect(recs[0]).toMatchObject({ row: 1, error: expect.stringMatching(/after a closing quote/) });
    expect(recs[1]).toEqual({ row: 2, fields: ["ok", "1"] });
    expect(recs[2]).toMatchObject({ row: 3, error: "a quoted field is never closed" });
  });

  it("reads the same records whatever the chunk boundaries (quotes, CRLF and BOM split)", () => {
    const text = '\uFEFFphone,note\r\n5550100,"a ""q"" b"\r\n5550101,"x,\r\ny"\r\n5550102,plain\r\n';
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const r = new CsvReader();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...r.push(text.slice(i, i + size)));
      out.push(...r.end());
      expect(out).toEqual(whole);
    }
    expect(whole.map((r) => r.fields)).toEqual([["phone", "note"], ["5550100", 'a "q" b'], ["5550101", "x,\r\ny"], ["5550102", "plain"]]);
  });

  it("reads other delimiters and detects them from the first line", () => {
    expect(fields("a;b;c\n1;2;3", ";")).toEqual([["a", "b", "c"], ["1", "2", "3"]]);
    expect(detectDelimiter("phone;name;state\n1;2;3")).toBe(";");
    expect(detectDelimiter("phone\tname\n")).toBe("\t");
    expect(detectDelimiter('"a;b",c,d\n')).toBe(",");
    expect(detectDelimiter("phone\n")).toBe(",");
  });
});

describe("header and mapping", () => {
  it("a first row with no phone number is a header", () => {
    expect(looksLikeHeader(["Phone", "Name"])).toBe(true);
    expect(looksLikeHeader(["+1 (555) 010-0000", "Ann"])).toBe(false);
  });

  it("normalises numbers as the API does", () => {
    expect(normalisePhone(" +1 (555) 010.0000 ")).toBe("+15550100000");
    expect(normalisePhone("12")).toBeNull();
    expect(normalisePhone("555-CALL")).toBeNull();
  });

  it("guesses fields from header names, 004 style altPhone columns included", () => {
    expect(guessMapping(["First Name", "Phone Number", "altPhone1", "altPhone2", "State", "ZIP Code", "Time Zone", "Phone 4"])).toEqual({
      phone: 1,
      phone2: 2,
      phone3: 3,
      state: 4,
      zip: 5,
      timezone: 6,
      phone4: 7,
    });
    expect(guessMapping(null)).toEqual({ phone: 0 });
  });
});
