import { describe, expect, it } from "vitest";
import { cdrExportHref, cdrFiltersOf, cdrQueryString, hasCdrFilters, isCdrNumber, parseCdrQuery } from "./cdr-filters";

describe("CDR filters in the URL", () => {
  it("reads every filter back from the query string it writes", () => {
    const q = parseCdrQuery(new URLSearchParams("campaign_id=3&trunk_id=4&agent_id=5&disposition=busy&outcome=machine&start_date=2024-12-01&end_date=2024-12-09&number=1555*&search=ada&page=2&per_page=50"));
    expect(q).toEqual({ campaign_id: 3, trunk_id: 4, agent_id: 5, disposition: "busy", outcome: "machine", start_date: "2024-12-01", end_date: "2024-12-09", number: "1555*", search: "ada", page: 2, per_page: 50 });
    expect(parseCdrQuery(new URLSearchParams(cdrQueryString(q).slice(1)))).toEqual(q);
    expect(hasCdrFilters(q)).toBe(true);
  });

  it("drops what the API would refuse, rather than showing an error for a hand-edited URL", () => {
    const q = parseCdrQuery(new URLSearchParams("trunk_id=x&agent_id=0&outcome=happy&number=call-me&start_date=2024-13-01"));
    expect(cdrFiltersOf(q)).toEqual({});
    expect(hasCdrFilters(q)).toBe(false);
    expect(cdrQueryString(q)).toBe("");
  });

  it("accepts numbers as people type them, and nothing else", () => {
    for (const ok of ["+1 (555) 123-0001", "1555.123", "1555*", "0044 20 7946 0000"]) expect(isCdrNumber(ok), ok).toBe(true);
    for (const bad of ["", "555x", "1*5", "**", "+", "1".repeat(21)]) expect(isCdrNumber(bad), bad).toBe(false);
  });

  it("exports with the filters and without paging", () => {
    const q = parseCdrQuery(new URLSearchParams("campaign_id=3&number=15551230001&page=4&per_page=50"));
    expect(cdrExportHref(cdrFiltersOf(q))).toBe("/api/cdr/export?campaign_id=3&number=15551230001");
  });
});
