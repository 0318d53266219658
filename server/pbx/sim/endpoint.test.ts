import { describe, expect, it } from "vitest";
import { parseEndpoint } from "./endpoint";

describe("what a dial string reaches on the simulated switch", () => {
  it.each([
    ["PJSIP/5550@trunk", "5550", "trunk", "callee"],
    ["SIP/trunk/5550", "5550", "trunk", "callee"],
    ["IAX2/trunk/5550", "5550", "trunk", "callee"],
    ["sofia/gateway/trunk/5550", "5550", "trunk", "callee"],
    ["sofia/external/5550@carrier.example", "5550", null, "callee"],
    ["Local/5550@from-trunk", "5550", "from-trunk", "callee"],
    ["loopback/5550/callees", "5550", "callees", "callee"],
    ["PJSIP/15551234567@trunk", "15551234567", "trunk", "callee"],
    ["Local/15551234567@from-internal", "15551234567", "from-internal", "callee"],
    ["PJSIP/100", "100", null, "phone"],
    ["SIP/2001", "2001", null, "phone"],
    ["user/100", "100", null, "phone"],
    ["user/100@pbx.example.com", "100", null, "phone"],
    ["sofia/internal/1000@10.0.0.5", "1000", null, "phone"],
    ["Local/100@from-internal", "100", "from-internal", "phone"],
    ["Local/100@agents", "100", "agents", "phone"],
    ["loopback/100/agents", "100", "agents", "phone"],
    ["loopback/100", "100", null, "phone"],
  ])("%s: number %s, trunk %s, a %s", (endpoint, number, trunk, reaches) => {
    expect(parseEndpoint(endpoint)).toMatchObject({ number, trunk, reaches });
  });

  it("refuses what is no dial string, and technologies it does not simulate", () => {
    expect(() => parseEndpoint("5550")).toThrow(/Invalid endpoint/);
    expect(() => parseEndpoint("freetdm/1/a/5550")).toThrow(/Unsupported technology/);
    expect(() => parseEndpoint("PJSIP/")).toThrow(/No number/);
  });
});
