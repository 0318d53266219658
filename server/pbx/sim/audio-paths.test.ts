import { beforeEach, describe, expect, it } from "vitest";
import { SimEngine } from "./engine";

/**
 * The simulator's audio model: who hears whom through bridges, Asterisk snoop channels and
 * FreeSWITCH eavesdroppers. An agent and a customer talk in a bridge; a supervisor listens in.
 */
let engine: SimEngine;
const control = { kind: "control" as const, args: [] };
const answered = (id: string) =>
  new Promise<void>((resolve) => {
    const check = () => (engine.channel(id)?.state === "Up" ? resolve() : setTimeout(check, 2));
    check();
  });
const sorted = (ids: string[]) => [...ids].sort();

beforeEach(async () => {
  engine = new SimEngine({ timeScale: 0.001 });
  engine.sampler.script("5550100", { kind: "human", ringSec: 1, talkSec: 1e6, dtmf: [] });
  engine.originate({ id: "agent", endpoint: "PJSIP/2001", target: control });
  engine.originate({ id: "customer", endpoint: "PJSIP/5550100@carrier", target: control });
  engine.originate({ id: "supervisor", endpoint: "PJSIP/2002", target: control });
  await Promise.all(["agent", "customer", "supervisor"].map(answered));
  engine.createBridge("agent-bridge");
  engine.addToBridge("agent-bridge", "agent");
  engine.addToBridge("agent-bridge", "customer");
});

describe("audio paths", () => {
  it("a bridge: its members hear each other, nobody else hears them", () => {
    expect(engine.heardBy("agent")).toEqual(["customer"]);
    expect(engine.heardBy("customer")).toEqual(["agent"]);
    expect(engine.heardBy("supervisor")).toEqual([]);
    expect(engine.hearersOf("supervisor")).toEqual([]);
  });

  describe("Asterisk: a snoop channel on the agent, in a bridge with the supervisor", () => {
    beforeEach(() => engine.createBridge("monitor"));

    it("spy both, whisper none (listen): the supervisor hears both; nobody hears the supervisor", () => {
      engine.snoop("agent", { id: "snoop", spy: "both", whisper: "none", args: [] });
      engine.addToBridge("monitor", "snoop");
      engine.addToBridge("monitor", "supervisor");
      expect(sorted(engine.heardBy("supervisor"))).toEqual(["agent", "customer"]);
      expect(engine.hearersOf("supervisor")).toEqual([]);
      // The call itself is as it was.
      expect(engine.heardBy("customer")).toEqual(["agent"]);
    });

    it("whisper out (to the agent's phone): only the agent hears the supervisor", () => {
      engine.snoop("agent", { id: "snoop", spy: "both", whisper: "out", args: [] });
      engine.addToBridge("monitor", "snoop");
      engine.addToBridge("monitor", "supervisor");
      expect(engine.hearersOf("supervisor")).toEqual(["agent"]);
      expect(sorted(engine.heardBy("agent"))).toEqual(["customer", "supervisor"]);
      expect(engine.heardBy("customer")).toEqual(["agent"]);
    });

    it("whisper in (as if the agent said it): the customer hears the supervisor", () => {
      engine.snoop("agent", { id: "snoop", spy: "none", whisper: "in", args: [] });
      engine.addToBridge("monitor", "snoop");
      engine.addToBridge("monitor", "supervisor");
      expect(engine.hearersOf("supervisor")).toEqual(["customer"]);
      // spy none: the supervisor hears nothing.
      expect(engine.heardBy("supervisor")).toEqual([]);
    });

    it("spy in only: the supervisor hears what the agent says, not the customer", () => {
      engine.snoop("agent", { id: "snoop", spy: "in", whisper: "none", args: [] });
      engine.addToBridge("monitor", "snoop");
      engine.addToBridge("monitor", "supervisor");
      expect(engine.heardBy("supervisor")).toEqual(["agent"]);
    });

    it("the snoop channel hangs up with its target, and refuses to spy on nothing", async () => {
      const snoop = engine.snoop("agent", { id: "snoop", spy: "both", whisper: "none", args: ["monitor"] });
      expect(snoop).toMatchObject({ state: "Up", inControl: true, tech: "Snoop" });
      expect(() => engine.snoop("agent", { spy: "none", whisper: "none", args: [] })).toThrow(/at least spy or whisper/);
      expect(() => engine.snoop("nobody", { spy: "both", whisper: "none", args: [] })).toThrow(/not found/i);
      const ended: string[] = [];
      engine.on("hangup", (ch) => ended.push(ch.id));
      engine.hangup("agent");
      expect(ended).toEqual(["agent", "snoop"]);
      expect(engine.channel("snoop")).toBeUndefined();
    });
  });

  describe("FreeSWITCH: the supervisor eavesdrops on the agent", () => {
    it("listen, speak to the agent (2), three-way (3), back to listen (0)", () => {
      engine.eavesdrop("supervisor", "agent", { toTarget: false, toPartner: false });
      expect(sorted(engine.heardBy("supervisor"))).toEqual(["agent", "customer"]);
      expect(engine.hearersOf("supervisor")).toEqual([]);

      engine.setEavesdropSpeak("supervisor", { toTarget: true, toPartner: false });
      expect(engine.hearersOf("supervisor")).toEqual(["agent"]);

      engine.setEavesdropSpeak("supervisor", { toTarget: true, toPartner: true });
      expect(sorted(engine.hearersOf("supervisor"))).toEqual(["agent", "customer"]);

      engine.setEavesdropSpeak("supervisor", { toTarget: false, toPartner: false });
      expect(engine.hearersOf("supervisor")).toEqual([]);
      expect(engine.heardBy("customer")).toEqual(["agent"]);
    });

    it("ends when the target hangs up, and the eavesdropper hears nobody then", () => {
      engine.eavesdrop("supervisor", "agent", { toTarget: false, toPartner: false });
      const ended: string[] = [];
      engine.on("eavesdropEnded", (ch, target) => ended.push(`${ch.id}<-${target}`));
      engine.hangup("agent");
      expect(ended).toEqual(["supervisor<-agent"]);
      expect(engine.eavesdrops.size).toBe(0);
      expect(engine.heardBy("supervisor")).toEqual([]);
    });
  });

  it("barge: a third member of the agent's bridge hears and is heard by both", () => {
    engine.addToBridge("agent-bridge", "supervisor");
    expect(sorted(engine.heardBy("supervisor"))).toEqual(["agent", "customer"]);
    expect(sorted(engine.hearersOf("supervisor"))).toEqual(["agent", "customer"]);
  });
});
