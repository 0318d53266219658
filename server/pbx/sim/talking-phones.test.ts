import { describe, expect, it } from "vitest";
import { SimEngine } from "./engine";
import { TalkingPhones } from "./talking-phones";

/**
 * Simulated agents on the switch's phones: a customer put through to a talking phone's bridge is
 * talked with, then the conversation ends (the customer's leg clears, cause 16); the agent's line
 * stays up for the next one. A plain phone holds the customer until somebody hangs up.
 */
const control = { kind: "control" as const, args: [] };

async function setUp() {
  const engine = new SimEngine({ timeScale: 0.001 });
  const phones = new TalkingPhones(engine, 3);
  engine.sampler.script("+12025550100", { kind: "human", ringSec: 1, talkSec: 1e6, dtmf: [] });
  engine.sampler.script("+12025550101", { kind: "human", ringSec: 1, talkSec: 1e6, dtmf: [] });
  const up = (id: string) =>
    new Promise<void>((resolve) => {
      const check = () => (engine.channel(id)?.state === "Up" ? resolve() : setTimeout(check, 2));
      check();
    });
  const hangup = (id: string) =>
    new Promise<{ cause: number; by: string }>((resolve) => engine.on("hangup", (ch, how) => ch.id === id && resolve(how)));
  return { engine, phones, up, hangup };
}

describe("talking phones", () => {
  it("end each conversation put through to them with a normal clearing, and stay up for the next", async () => {
    const { engine, phones, up, hangup } = await setUp();
    phones.set("9101", { minSec: 20, maxSec: 60 });
    engine.originate({ id: "agent", endpoint: "PJSIP/9101", target: control });
    engine.originate({ id: "first", endpoint: "PJSIP/+12025550100@carrier", target: control });
    await Promise.all([up("agent"), up("first")]);
    engine.createBridge("agent-bridge");
    engine.addToBridge("agent-bridge", "agent");
    const firstEnded = hangup("first");
    engine.addToBridge("agent-bridge", "first");
    expect(await firstEnded).toMatchObject({ cause: 16, by: "remote" });
    expect(engine.channel("agent")?.state).toBe("Up");

    engine.originate({ id: "second", endpoint: "PJSIP/+12025550101@carrier", target: control });
    await up("second");
    const secondEnded = hangup("second");
    engine.addToBridge("agent-bridge", "second");
    expect(await secondEnded).toMatchObject({ cause: 16, by: "remote" });
    expect(engine.channel("agent")?.state).toBe("Up");
    engine.reset();
  });

  it("leave callers on a phone nobody talks on (or no longer) to their own fate", async () => {
    const { engine, phones, up } = await setUp();
    phones.set("9102", { minSec: 1, maxSec: 2 });
    phones.set("9102", null);
    expect(phones.has("9102")).toBe(false);
    engine.originate({ id: "agent", endpoint: "PJSIP/9102", target: control });
    engine.originate({ id: "customer", endpoint: "PJSIP/+12025550100@carrier", target: control });
    await Promise.all([up("agent"), up("customer")]);
    engine.createBridge("b");
    engine.addToBridge("b", "agent");
    engine.addToBridge("b", "customer");
    // Long past the 2 s a talking phone would have taken (timeScale 0.001: 2 ms).
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.channel("customer")?.state).toBe("Up");
    engine.reset();
  });
});
