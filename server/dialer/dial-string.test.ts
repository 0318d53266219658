import { describe, expect, it } from "vitest";
import { customerDialString, dialplanTarget, extensionDialString } from "./dial-string";

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
