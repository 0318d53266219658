import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password";
import { hashApiToken, tokenHint } from "./api-token";

describe("password hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    const i = a.length - 10;
    const tampered = a.slice(0, i) + (a[i] === "A" ? "B" : "A") + a.slice(i + 1);
    expect(await verifyPassword("correct horse battery", tampered)).toBe(false);
    expect(await verifyPassword("x", "plaintext")).toBe(false);
  });

  it("generates readable passwords without ambiguous characters", () => {
    const pw = generatePassword();
    expect(pw).toHaveLength(20);
    expect(pw).not.toMatch(/[0O1lI]/);
    expect(generatePassword()).not.toBe(pw);
  });
});

describe("API token storage", () => {
  it("keeps a SHA-256 and a hint, never the token", () => {
    const token = "ab".repeat(32);
    // Known answer: `printf 'ab%.0s' {1..32} | sha256sum`
    expect(hashApiToken(token)).toBe("271a413bd339c5709fdceaec41f14f11e9fbfb5042d72d331c65f32b284cd09a");
    expect(tokenHint(token)).toBe("abababab...abababab");
  });
});
