import { describe, expect, it } from "vitest";
import { channelVariables, checkDialString, gatewayDialString, loopbackDialString, parseCallerId, userDialString } from "./dial-strings";

describe("FreeSWITCH dial strings", () => {
  it("builds gateway, loopback and user dial strings", () => {
    expect(gatewayDialString("trunk", "5551234")).toBe("sofia/gateway/trunk/5551234");
    expect(loopbackDialString("5550", "callees")).toBe("loopback/5550/callees");
    expect(loopbackDialString("5550")).toBe("loopback/5550/default");
    expect(userDialString("100")).toBe("user/100");
    expect(userDialString("100", "pbx.example.com")).toBe("user/100@pbx.example.com");
    expect(() => gatewayDialString("trunk", "555 1234")).toThrow(expect.objectContaining({ name: "PbxError", code: "bad_request" }));
  });

  it("accepts FreeSWITCH endpoints and refuses anything else before it reaches the wire", () => {
    for (const ok of ["sofia/gateway/trunk/5551234", "sofia/internal/1000@10.0.0.5", "loopback/5550/callees", "user/100", "verto.rtc/100"]) {
      expect(checkDialString(ok)).toBe(ok);
    }
    for (const bad of ["Bogus/123", "PJSIP/5551234@trunk", "5551234", "sofia/", "sofia/gateway/trunk/555 &park()", "user/100\napi hupall", "loopback/{x=1}5550"]) {
      expect(() => checkDialString(bad), bad).toThrow(expect.objectContaining({ code: "bad_request" }));
    }
  });

  it("writes channel variables FreeSWITCH's argument splitter reads back whole", () => {
    expect(channelVariables({})).toBe("");
    expect(channelVariables({ origination_uuid: "c-1", PACER_NOTE: "two words, one comma", list: "a,b" })).toBe("{origination_uuid=c-1,PACER_NOTE='two words\\, one comma',list=a\\,b}");
    expect(() => channelVariables({ "bad name": "x" })).toThrow(expect.objectContaining({ code: "bad_request" }));
    for (const value of ["it's", "{x}", "ends\\", "line\nbreak"]) expect(() => channelVariables({ v: value }), value).toThrow(expect.objectContaining({ code: "bad_request" }));
  });

  it("splits caller ids into name and number", () => {
    expect(parseCallerId('"Pacer Dialer" <5551000>')).toEqual({ name: "Pacer Dialer", number: "5551000" });
    expect(parseCallerId("Pacer <5551000>")).toEqual({ name: "Pacer", number: "5551000" });
    expect(parseCallerId(" 5551000 ")).toEqual({ name: "", number: "5551000" });
  });
});
