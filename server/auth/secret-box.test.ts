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

  it("keeps purposes apart: a webhook secret does not open as a PBX password; one sealed before the split still opens", () => {
    const hook = seal("whsec", SECRET, "webhook-secrets");
    expect(unseal(hook, SECRET, "webhook-secrets")).toBe("whsec");
    expect(() => unseal(hook, SECRET)).toThrow();
    const legacy = seal("old-whsec", SECRET);
    expect(unseal(legacy, SECRET, "webhook-secrets")).toBe("old-whsec");
  });
});
