import { describe, expect, it } from "vitest";
import { adminSession, baseUrl } from "../support/api";

const nonceOf = (policy: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];

describe("security headers", () => {
  it("sends the sign-in page with a per-request script nonce that its scripts carry, framed by no one", async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl()}/login`), fetch(`${baseUrl()}/login`)]);
    expect(a.status).toBe(200);
    const policy = a.headers.get("content-security-policy");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'sha256-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    const nonce = nonceOf(policy);
    expect(nonce).toBeTruthy();
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(nonce);

    // Every script Next rendered carries this response's nonce; the one without is the theme script,
    // allowed by its hash.
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(1);
    const unnonced = scripts.filter((attrs) => !attrs.includes(`nonce="${nonce}"`));
    expect(unnonced.length).toBeLessThanOrEqual(1);
    for (const h of [a.headers, b.headers]) {
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      // Plain http here: no HSTS, which would pin a browser to a TLS this server does not speak.
      expect(h.get("strict-transport-security")).toBeNull();
    }
  });

  it("sends the dashboard's pages with their policy too", async () => {
    const res = await fetch(`${baseUrl()}/campaigns`, { headers: { Cookie: await adminSession() } });
    expect(res.status).toBe(200);
    expect(nonceOf(res.headers.get("content-security-policy"))).toBeTruthy();
  });

  it("answers the API, errors included, with a policy that lets nothing load or frame it", async () => {
    for (const path of ["/api/campaigns", "/api/no-such-route", "/api/openapi.json"]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.headers.get("content-security-policy"), path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
