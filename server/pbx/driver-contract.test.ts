import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AriDriver } from "./ari/ari-driver";
import type { CallEvent, PbxDriver } from "./driver";
import { EslDriver } from "./esl/esl-driver";
import { startAriServer, type AriServer } from "./sim/ari-server";
import { startEslServer } from "./sim/esl-server";
import { SimEngine } from "./sim/engine";
import type { SimChannel } from "./sim/switch-model";

/**
 * One behaviour contract for every PBX driver, run over real sockets against the simulator:
 * what the dialer relies on must hold the same on Asterisk and on FreeSWITCH.
 */
type Harness = {
  name: string;
  /** Dial strings this PBX would use for a trunk call and for an agent phone. */
  endpoint: (number: string) => string;
  agentEndpoint: (exten: string) => string;
  amdTarget: { context: string; extension: string };
  start(engine: SimEngine, port?: number): Promise<{ port: number; close(): Promise<void>; dropConnections(): void }>;
  driver(port: number): PbxDriver;
};

const harnesses: Harness[] = [
  {
    name: "ARI (Asterisk)",
    endpoint: (n) => `PJSIP/${n}@trunk`,
    agentEndpoint: (e) => `PJSIP/${e}`,
    amdTarget: { context: "pacer-amd", extension: "s" },
    start: (engine, port = 0): Promise<AriServer> => startAriServer({ engine, port }),
    driver: (port) => new AriDriver({ url: `http://127.0.0.1:${port}`, username: "pacer", password: "pacer", reconnect: { initialMs: 50, maxMs: 200 } }),
  },
  {
    name: "ESL (FreeSWITCH)",
    endpoint: (n) => `sofia/gateway/trunk/${n}`,
    agentEndpoint: (e) => `user/${e}`,
    amdTarget: { context: "pacer-amd", extension: "s" },
    start: (engine, port = 0) => startEslServer({ engine, port }),
    driver: (port) => new EslDriver({ host: "127.0.0.1", port, password: "ClueCon", reconnect: { initialMs: 50, maxMs: 200 } }),
  },
];

const TIME_SCALE = 0.02;

describe.each(harnesses)("$name driver contract", (h) => {
  let engine: SimEngine;
  let server: Awaited<ReturnType<Harness["start"]>>;
  let driver: PbxDriver;
  let events: CallEvent[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let seq = 0;
  const id = () => `t-${Date.now().toString(36)}-${++seq}`;

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    engine = new SimEngine({ timeScale: TIME_SCALE });
    server = await h.start(engine);
    driver = h.driver(server.port);
    driver.on("call", (e: CallEvent) => events.push(e));
    await driver.connect();
  });
  afterEach(() => {
    events = [];
    engine.sampler.clearScripts();
  });
  afterAll(async () => {
    await driver.close();
    await server.close();
    process.off("unhandledRejection", onUnhandled);
    expect(unhandled).toEqual([]);
  });

  const eventsOf = (channelId: string) => events.filter((e) => e.channelId === channelId);
  const waitFor = async <T extends CallEvent["type"]>(channelId: string, type: T, timeoutMs = 3000) => {
    const started = Date.now();
    for (;;) {
      const found = events.find((e) => e.channelId === channelId && e.type === type);
      if (found) return found as Extract<CallEvent, { type: T }>;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${type} for ${channelId}; got ${JSON.stringify(eventsOf(channelId).map((e) => e.type))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const dial = async (number: string, extra: Partial<Parameters<PbxDriver["originate"]>[0]> = {}) => {
    const channelId = id();
    await driver.originate({ channelId, endpoint: h.endpoint(number), callerId: "5551000", ringTimeoutSec: 30, onAnswer: { kind: "control", args: ["dialed", "42"] }, ...extra });
    return channelId;
  };

  it("reports health with a round-trip time", () => {
    expect(driver.health()).toMatchObject({ connected: true, lastError: null });
    expect(driver.health().rttMs).toBeGreaterThanOrEqual(0);
  });

  it("answered, then we hang up: created → ringing → answered → hangup(answered, 16)", async () => {
    engine.sampler.script("5550001", { kind: "human", ringSec: 5, talkSec: 500, dtmf: [] });
    const c = await dial("5550001");
    await waitFor(c, "answered");
    await driver.hangup(c);
    const hup = await waitFor(c, "hangup");
    expect(eventsOf(c).map((e) => e.type)).toEqual(["created", "ringing", "answered", "hangup"]);
    expect(hup).toMatchObject({ outcome: "answered", cause: 16, causeText: "Normal Clearing" });
  });

  it("the called party hangs up first", async () => {
    engine.sampler.script("5550002", { kind: "human", ringSec: 2, talkSec: 10, dtmf: [] });
    const c = await dial("5550002");
    const hup = await waitFor(c, "hangup");
    expect(hup).toMatchObject({ outcome: "answered", cause: 16 });
    expect(eventsOf(c).some((e) => e.type === "answered")).toBe(true);
  });

  it.each([
    ["busy", { kind: "busy", ringSec: 2 }, "busy", [17]],
    ["congestion", { kind: "congestion", ringSec: 2 }, "congestion", [34, 41]],
    ["unallocated", { kind: "unallocated", ringSec: 1 }, "unavailable", [1]],
  ] as const)("refused call: %s", async (_name, fate, outcome, causes) => {
    const number = `55519${String(seq).padStart(2, "0")}`;
    engine.sampler.script(number, fate);
    const c = await dial(number);
    const hup = await waitFor(c, "hangup");
    expect(hup.outcome).toBe(outcome);
    expect(causes).toContain(hup.cause);
    expect(eventsOf(c).some((e) => e.type === "answered")).toBe(false);
  });

  it("a congested trunk refuses every call through it with SIP 503; other trunks are untouched", async () => {
    engine.setTrunkCondition("trunk", "congested");
    try {
      engine.sampler.script("5550301", { kind: "human", ringSec: 2, talkSec: 500, dtmf: [] });
      const c = await dial("5550301");
      const hup = await waitFor(c, "hangup");
      expect(hup.outcome).toBe("congestion");
      // Asterisk maps the 503 to cause 34; FreeSWITCH's sofia to NORMAL_TEMPORARY_FAILURE (41).
      expect([34, 41]).toContain(hup.cause);
      expect(engine.callLog.at(-1)).toMatchObject({ channelId: c, number: "5550301", trunk: "trunk" });
      const elsewhere = await dial("5550301", { endpoint: h.endpoint("5550301").replace("trunk", "other") });
      await waitFor(elsewhere, "answered");
      await driver.hangup(elsewhere);
    } finally {
      engine.setTrunkCondition("trunk", null);
    }
  });

  it("an unreachable trunk gets no channel: ARI answers 500 Allocation failed, ESL -ERR GATEWAY_DOWN", async () => {
    engine.setTrunkCondition("trunk", "unavailable");
    try {
      const logged = engine.callLog.length;
      if (h.name.startsWith("ARI")) {
        await expect(dial("5550302")).rejects.toMatchObject({ name: "PbxError", code: "pbx_error", message: expect.stringContaining("Allocation failed") });
      } else {
        const c = await dial("5550302");
        expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "unavailable", cause: 609 });
      }
      expect(engine.callLog.length).toBe(logged);
    } finally {
      engine.setTrunkCondition("trunk", null);
    }
  });

  it("no answer within the ring timeout", async () => {
    engine.sampler.script("5550004", { kind: "no_answer" });
    const c = await dial("5550004", { ringTimeoutSec: 15 });
    const hup = await waitFor(c, "hangup");
    expect(hup).toMatchObject({ outcome: "no_answer", cause: 19 });
  });

  it("answering machine: the AMD step reports MACHINE, a person HUMAN", async () => {
    engine.sampler.script("5550005", { kind: "machine", ringSec: 2, amdSec: 2.5, greetingSec: 10 });
    engine.sampler.script("5550006", { kind: "human", ringSec: 2, talkSec: 300, dtmf: [] });
    const machine = await dial("5550005", { onAnswer: { kind: "dialplan", ...h.amdTarget } });
    const human = await dial("5550006", { onAnswer: { kind: "dialplan", ...h.amdTarget } });
    expect(await waitFor(machine, "amd")).toMatchObject({ result: "MACHINE" });
    expect(await waitFor(human, "amd")).toMatchObject({ result: "HUMAN" });
    await driver.hangup(machine);
    await driver.hangup(human);
    expect((await waitFor(machine, "hangup")).outcome).toBe("answered");
  });

  it("DTMF digits arrive in order", async () => {
    engine.sampler.script("5550007", { kind: "human", ringSec: 1, talkSec: 300, dtmf: [{ atSec: 2, digit: "1" }, { atSec: 4, digit: "2" }] });
    const c = await dial("5550007");
    await waitFor(c, "answered");
    const started = Date.now();
    while (eventsOf(c).filter((e) => e.type === "dtmf").length < 2 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(eventsOf(c).filter((e) => e.type === "dtmf").map((e) => (e as { digit: string }).digit)).toEqual(["1", "2"]);
    await driver.hangup(c);
  });

  it("bridges an agent and a customer, plays to the customer, records, and tears down", async () => {
    engine.sampler.script("5550008", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    const agent = id();
    await driver.originate({ channelId: agent, endpoint: h.agentEndpoint("100"), ringTimeoutSec: 30, onAnswer: { kind: "control", args: ["agent", "100"] } });
    const customer = await dial("5550008");
    await waitFor(agent, "answered");
    await waitFor(customer, "answered");
    const bridgeId = id();
    await driver.createBridge(bridgeId);
    await driver.addToBridge(bridgeId, agent);
    await driver.addToBridge(bridgeId, customer);
    expect(await waitFor(agent, "bridge_entered")).toMatchObject({ bridgeId });
    expect(await waitFor(customer, "bridge_entered")).toMatchObject({ bridgeId });

    const playbackId = await driver.play(customer, "silence/1");
    expect(await waitFor(customer, "playback_finished")).toMatchObject({ playbackId, status: "done" });

    const recording = `rec-${id()}`;
    await driver.startRecording({ channelId: customer }, recording);
    await driver.stopRecording(recording);
    expect(await waitFor(customer, "recording_finished")).toMatchObject({ recordingName: recording });

    await driver.removeFromBridge(bridgeId, customer);
    await waitFor(customer, "bridge_left");
    await driver.hangup(customer);
    await driver.hangup(agent);
    await driver.destroyBridge(bridgeId);
    expect((await waitFor(agent, "hangup")).outcome).toBe("answered");
  });

  it("music on hold: a class plays until stopped, a stream or sound as given; no playback event comes of it", async () => {
    engine.sampler.script("5550009", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    const c = await dial("5550009");
    await waitFor(c, "answered");
    const heard: (string | null)[] = [];
    const onMoh = (ch: SimChannel, moh: string | null) => ch.id === c && heard.push(moh);
    engine.on("moh", onMoh);
    const heardTimes = async (n: number) => {
      for (let i = 0; heard.length < n; i++) {
        if (i > 300) throw new Error(`music on hold changed ${heard.length} times, not ${n}: ${JSON.stringify(heard)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    try {
      await driver.startMoh(c, "default");
      await heardTimes(1);
      await driver.stopMoh(c);
      await heardTimes(2);
      // Asterisk plays its class; FreeSWITCH streams the local_stream of that name.
      expect(heard).toEqual([h.name.startsWith("ARI") ? "default" : "local_stream://default", null]);
      if (h.name.startsWith("ESL")) {
        await driver.startMoh(c, "local_stream://jazz");
        await heardTimes(3);
        await driver.stopMoh(c);
        await heardTimes(4);
        expect(heard.slice(2)).toEqual(["local_stream://jazz", null]);
      }
      if (h.name.startsWith("ARI")) {
        // A media URI is played once: stopped while it plays, and stopped after it ended (nothing to stop).
        const played: string[] = [];
        const onPlay = (pb: { channelId: string; media: string }) => pb.channelId === c && played.push(pb.media);
        engine.on("playbackStarted", onPlay);
        try {
          await driver.startMoh(c, "sound:hold-music");
          await driver.stopMoh(c);
          await driver.startMoh(c, "sound:hold-music");
          await new Promise((r) => setTimeout(r, 150));
          await driver.stopMoh(c);
        } finally {
          engine.off("playbackStarted", onPlay);
        }
        expect(played).toEqual(["sound:hold-music", "sound:hold-music"]);
        await new Promise((r) => setTimeout(r, 100));
      }
      // Music on hold is no playback of the caller's: the dialer never hears it end.
      expect(eventsOf(c).filter((e) => e.type === "playback_finished")).toEqual([]);
      await expect(driver.startMoh("no-such-channel", "default")).rejects.toMatchObject({ code: "not_found" });
    } finally {
      engine.off("moh", onMoh);
      await driver.hangup(c);
    }
  });

  it("asks for digits: the prompt plays, the answer ends at the terminator, at the most digits, or empty at the timeout", async () => {
    engine.sampler.script("5550701", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [], replies: ["42#", "7", ""] });
    const c = await dial("5550701");
    await waitFor(c, "answered");
    const first = await driver.getDigits(c, { media: "custom/q-years", maxDigits: 4, terminator: "#", timeoutSec: 2 });
    expect(await waitFor(c, "digits")).toMatchObject({ promptId: first, digits: "42" });
    events = [];
    const second = await driver.getDigits(c, { media: "custom/q-rating", maxDigits: 1, terminator: null, timeoutSec: 2 });
    expect(await waitFor(c, "digits")).toMatchObject({ promptId: second, digits: "7" });
    events = [];
    const third = await driver.getDigits(c, { media: "custom/q-silent", maxDigits: 1, terminator: null, timeoutSec: 0.3 });
    expect(await waitFor(c, "digits")).toMatchObject({ promptId: third, digits: "" });
    await driver.hangup(c);
  });

  it("a recording with a time limit stops by itself", async () => {
    engine.sampler.script("5550702", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    const c = await dial("5550702");
    await waitFor(c, "answered");
    await driver.startRecording({ channelId: c }, `limited-${c}`, { maxSec: 3 });
    expect((await waitFor(c, "recording_finished")).recordingName).toBe(`limited-${c}`);
    expect(eventsOf(c).some((e) => e.type === "hangup")).toBe(false);
    await driver.hangup(c);
  });

  it("reads channel variables and reports missing ones as null", async () => {
    engine.sampler.script("5550009", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    const c = await dial("5550009", { variables: { PACER_ATTEMPT: "77" } });
    await waitFor(c, "answered");
    expect(await driver.getVar(c, "PACER_ATTEMPT")).toBe("77");
    expect(await driver.getVar(c, "NOT_SET_ANYWHERE")).toBeNull();
    await driver.hangup(c);
  });

  it("turns PBX refusals into typed errors", async () => {
    await expect(driver.hangup("no-such-channel")).rejects.toMatchObject({ name: "PbxError", code: "not_found" });
    await expect(driver.addToBridge("no-such-bridge", "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.originate({ channelId: id(), endpoint: "Bogus/123", ringTimeoutSec: 30, onAnswer: { kind: "control" } })).rejects.toMatchObject({ name: "PbxError" });
  });

  it("lists live channels again after the connection drops and comes back", async () => {
    engine.sampler.script("5550010", { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    engine.sampler.script("5550011", { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    const a = await dial("5550010");
    const b = await dial("5550011");
    await waitFor(a, "answered");
    await waitFor(b, "answered");
    const reconnected = new Promise<void>((resolve) => driver.once("reconnected", resolve));
    const disconnected = new Promise<string>((resolve) => driver.once("disconnected", resolve));
    server.dropConnections();
    expect(typeof (await disconnected)).toBe("string");
    await reconnected;
    expect(driver.health().connected).toBe(true);
    const live = (await driver.listChannels()).map((c) => c.id);
    expect(live).toEqual(expect.arrayContaining([a, b]));
    await driver.hangup(a);
    await driver.hangup(b);
  });

  it("survives the PBX going away mid-call and coming back", async () => {
    engine.sampler.script("5550012", { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    const c = await dial("5550012");
    await waitFor(c, "answered");
    const port = server.port;
    const disconnected = new Promise<string>((resolve) => driver.once("disconnected", resolve));
    await server.close();
    engine.reset();
    await disconnected;
    expect(driver.health().connected).toBe(false);
    await expect(driver.listChannels()).rejects.toMatchObject({ code: "not_connected" });

    const reconnected = new Promise<void>((resolve) => driver.once("reconnected", resolve));
    server = await h.start(engine, port);
    await reconnected;
    expect(driver.health().connected).toBe(true);
    expect(await driver.listChannels()).toEqual([]);
  }, 60_000);
});
