import { describe, expect, it } from "vitest";
import { pagination } from "./envelope";

describe("pagination", () => {
  it("matches the contract's example", () => {
    expect(pagination(100, 1, 20)).toEqual({ total: 100, per_page: 20, current_page: 1, total_pages: 5, from: 1, to: 20 });
  });
  it("handles the last partial page, empty results and pages past the end", () => {
    expect(pagination(45, 3, 20)).toEqual({ total: 45, per_page: 20, current_page: 3, total_pages: 3, from: 41, to: 45 });
    expect(pagination(0, 1, 20)).toEqual({ total: 0, per_page: 20, current_page: 1, total_pages: 1, from: null, to: null });
    expect(pagination(10, 4, 20)).toMatchObject({ total_pages: 1, from: null, to: null });
  });
});
