import { describe, expect, it } from "vitest";
import { customerDialString, dialplanTarget, extensionDialString, rewriteNumber, trunkLeg } from "./dial-string";

describe("dial strings", () => {
  it("builds the trunk's dial string for each PBX", () => {
    expect(customerDialString("asterisk", "pjsip", "carrier", "15551234567")).toBe("PJSIP/15551234567@carrier");
    expect(customerDialString("asterisk", "sip", "carrier", "15551234567")).toBe("SIP/carrier/15551234567");
    expect(customerDialString("freeswitch", "pjsip", "carrier", "15551234567")).toBe("sofia/gateway/carrier/15551234567");
    expect(customerDialString("freeswitch", "gateway", "carrier", "15551234567")).toBe("sofia/gateway/carrier/15551234567");
    expect(customerDialString("asterisk", "gateway", "carrier", "15551234567")).toBe("PJSIP/15551234567@carrier");
    expect(customerDialString("asterisk", "custom", "Local/${EXTEN}@from-internal", "555")).toBe("Local/555@from-internal");
    expect(customerDialString("freeswitch", "custom", "loopback/{number}/default", "555")).toBe("loopback/555/default");
  });

  it("rewrites a trunk's numbers before building its dial string: the prefix to remove only when the number starts with it, then the one to add", () => {
    const rewrite = { removePrefix: "1", addPrefix: "0044" };
    expect(rewriteNumber("15551234567", rewrite)).toBe("00445551234567");
    expect(rewriteNumber("25551234567", rewrite)).toBe("004425551234567");
    expect(rewriteNumber("+15551234567", { removePrefix: "+", addPrefix: "" })).toBe("15551234567");
    expect(rewriteNumber("5551234567", { removePrefix: "", addPrefix: "" })).toBe("5551234567");
    expect(trunkLeg("asterisk", { type: "pjsip", value: "carrier", removePrefix: "1555", addPrefix: "9" }, "15551234567")).toEqual({ dialString: "PJSIP/91234567@carrier", dialedNumber: "91234567" });
    expect(trunkLeg("freeswitch", { type: "custom", value: "loopback/{number}/default", removePrefix: "", addPrefix: "*67" }, "555")).toEqual({ dialString: "loopback/*67555/default", dialedNumber: "*67555" });
  });

  it("dials an agent's extension through the PBX's template unless it is already a dial string", () => {
    expect(extensionDialString("asterisk", null, "2001")).toBe("PJSIP/2001");
    expect(extensionDialString("freeswitch", null, "2001")).toBe("user/2001");
    expect(extensionDialString("asterisk", "SIP/{exten}", "2001")).toBe("SIP/2001");
    expect(extensionDialString("asterisk", "PJSIP/{exten}", "IAX2/office/2001")).toBe("IAX2/office/2001");
  });

  it("reads dialplan targets", () => {
    expect(dialplanTarget("100", "from-internal")).toEqual({ context: "from-internal", extension: "100", priority: 1 });
    expect(dialplanTarget("sales@ext-queues", "from-internal")).toEqual({ context: "ext-queues", extension: "sales", priority: 1 });
    expect(dialplanTarget("ivr-main,s,2", "from-internal")).toEqual({ context: "ivr-main", extension: "s", priority: 2 });
    expect(dialplanTarget("PJSIP/100", "from-internal")).toBeNull();
  });
});
