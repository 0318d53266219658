import { describe, expect, it } from "vitest";
import { seal, unseal } from "./secret-box";

const SECRET = "a".repeat(64);

describe("secret box", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = seal("ClueCon", SECRET);
    expect(a).not.toContain("ClueCon");
    expect(a).not.toBe(seal("ClueCon", SECRET));
    expect(unseal(a, SECRET)).toBe("ClueCon");
  });

  it("refuses another secret and tampered values", () => {
    const a = seal("pacer", SECRET);
    expect(() => unseal(a, "b".repeat(64))).toThrow();
    const parts = a.split(".");
    parts[3] = Buffer.from("xxxxx").toString("base64url");
    expect(() => unseal(parts.join("."), SECRET)).toThrow();
    expect(() => unseal("plain", SECRET)).toThrow(/not a sealed value/);
  });
});
