import { describe, expect, it } from "vitest";
import { grantCovers, grantsWithin, isKnownGrant, tokenAllows, tokenNames } from "./permissions";

describe("token permissions", () => {
  it("understands the contract's grants and rejects unknown ones", () => {
    for (const g of ["*", "campaigns/*", "campaigns/list", "cdr/*", "cdr/get", "users/delete", "pbx/*", "pbx/test"]) expect(isKnownGrant(g), g).toBe(true);
    for (const g of ["", "campaigns", "campaigns/fly", "fax/*", "campaigns/list/x", "/list", "*/*"]) expect(isKnownGrant(g), g).toBe(false);
  });

  it("matches exact grants, resource wildcards and the full wildcard", () => {
    expect(grantCovers("campaigns/list", "campaigns/list")).toBe(true);
    expect(grantCovers("campaigns/list", "campaigns/get")).toBe(false);
    expect(grantCovers("campaigns/*", "campaigns/numbers_add")).toBe(true);
    expect(grantCovers("campaigns/*", "cdr/list")).toBe(false);
    expect(grantCovers("cdr/*", "cdrx/list")).toBe(false);
    expect(grantCovers("*", "users/delete")).toBe(true);
  });

  it("treats no permissions as unrestricted (bounded by role)", () => {
    expect(tokenAllows(null, "users/delete")).toBe(true);
    expect(tokenAllows([], "users/delete")).toBe(true);
    expect(tokenAllows(["cdr/*"], "users/delete")).toBe(false);
    expect(tokenAllows(["cdr/*", "users/delete"], "users/delete")).toBe(true);
  });

  it("lets a restricted token mint only narrower tokens", () => {
    expect(grantsWithin(null, null)).toBe(true);
    expect(grantsWithin(["cdr/*"], null)).toBe(false);
    expect(grantsWithin(["cdr/*"], ["cdr/list", "cdr/get"])).toBe(true);
    expect(grantsWithin(["cdr/*"], ["cdr/*"])).toBe(true);
    expect(grantsWithin(["cdr/list"], ["cdr/*"])).toBe(false);
    expect(grantsWithin(["cdr/list"], ["*"])).toBe(false);
    expect(grantsWithin(["*"], ["*"])).toBe(true);
    expect(grantsWithin(["tokens/*", "cdr/list"], ["campaigns/list"])).toBe(false);
  });

  it("keeps CDR intake to tokens made for it: cdr/* reads records but cannot post them, an unrestricted token is not taken", () => {
    expect(isKnownGrant("cdr_intake/post")).toBe(true);
    expect(isKnownGrant("cdr_intake/*")).toBe(true);
    expect(tokenAllows(["cdr/*"], "cdr_intake/post")).toBe(false);
    expect(tokenAllows(["cdr_intake/post"], "cdr/list")).toBe(false);
    expect(tokenAllows(["cdr_intake/*"], "cdr/get")).toBe(false);
    expect(tokenNames(["cdr_intake/post"], "cdr_intake/post")).toBe(true);
    expect(tokenNames(["cdr_intake/*"], "cdr_intake/post")).toBe(true);
    expect(tokenNames(["*"], "cdr_intake/post")).toBe(true);
    expect(tokenNames(null, "cdr_intake/post")).toBe(false);
    expect(tokenNames([], "cdr_intake/post")).toBe(false);
    expect(tokenNames(["cdr/*", "campaigns/*"], "cdr_intake/post")).toBe(false);
  });
});
