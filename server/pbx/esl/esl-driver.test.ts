import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CallEvent } from "../driver";
import { SimEngine } from "../sim/engine";
import { startEslServer, type EslServer } from "../sim/esl-server";
import type { CallFate } from "../sim/outcome-model";
import { EslDriver } from "./esl-driver";

/**
 * The FreeSWITCH driver over real sockets against the ESL simulator (a hundred times faster than
 * real time): what each kind of call turns into, bridges and media, and the connection going away.
 */
let engine: SimEngine;
let server: EslServer;
let driver: EslDriver;
let events: CallEvent[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let seq = 0;

const newDriver = (port: number, password = "ClueCon") =>
  new EslDriver({ host: "127.0.0.1", port, password, reconnect: { initialMs: 20, maxMs: 100 }, recordingDir: "/var/lib/pacer/recordings" });

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  engine = new SimEngine({ timeScale: 0.01 });
  server = await startEslServer({ engine, port: 0 });
  driver = newDriver(server.port);
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
const typesOf = (channelId: string) => eventsOf(channelId).map((e) => e.type);

async function waitFor<T extends CallEvent["type"]>(channelId: string, type: T, count = 1): Promise<Extract<CallEvent, { type: T }>> {
  const started = Date.now();
  for (;;) {
    const found = events.filter((e) => e.channelId === channelId && e.type === type);
    if (found.length >= count) return found[count - 1] as Extract<CallEvent, { type: T }>;
    if (Date.now() - started > 3000) throw new Error(`no ${type} for ${channelId}; got ${JSON.stringify(typesOf(channelId))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Dials a number with a scripted fate through a SIP gateway (or any dial string) and returns the channel id. */
async function dial(fate: CallFate, opts: { endpoint?: (n: string) => string; onAnswer?: Parameters<EslDriver["originate"]>[0]["onAnswer"]; ringTimeoutSec?: number; variables?: Record<string, string> } = {}) {
  seq += 1;
  const number = `55520${String(seq).padStart(2, "0")}`;
  engine.sampler.script(number, fate);
  const channelId = `esl-${seq}`;
  await driver.originate({
    channelId,
    endpoint: (opts.endpoint ?? ((n) => `sofia/gateway/trunk/${n}`))(number),
    callerId: '"Pacer" <5551000>',
    ringTimeoutSec: opts.ringTimeoutSec ?? 30,
    onAnswer: opts.onAnswer ?? { kind: "control", args: ["dialed", "42"] },
    variables: opts.variables,
  });
  return channelId;
}

const person = (extra: Partial<Extract<CallFate, { kind: "human" }>> = {}): CallFate => ({ kind: "human", ringSec: 1, talkSec: 500, dtmf: [], ...extra });

describe("EslDriver: calls", () => {
  it("measures health with api status", () => {
    expect(driver.health()).toMatchObject({ connected: true, lastError: null });
    expect(driver.health().rttMs).toBeGreaterThanOrEqual(0);
    expect(driver.health().since).toBeInstanceOf(Date);
  });

  it("answered, then we hang up: created → ringing → answered → hangup (answered, 16, BYE sent)", async () => {
    const c = await dial(person({ ringSec: 3 }));
    await waitFor(c, "answered");
    expect(await driver.getVar(c, "pacer_args")).toBe("dialed,42");
    await driver.hangup(c);
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "answered", cause: 16, causeText: "Normal Clearing", sipCode: null });
    expect(typesOf(c)).toEqual(["created", "ringing", "answered", "hangup"]);
    const [created, , , hangup] = eventsOf(c);
    expect(hangup.at.getTime()).toBeGreaterThanOrEqual(created.at.getTime());
  });

  it("the called party hangs up first (BYE received: SIP 200)", async () => {
    const c = await dial(person({ talkSec: 2 }));
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "answered", cause: 16, sipCode: 200 });
  });

  it.each([
    ["busy", { kind: "busy", ringSec: 1 }, { outcome: "busy", cause: 17, causeText: "User busy", sipCode: 486 }],
    ["congestion", { kind: "congestion", ringSec: 1 }, { outcome: "congestion", cause: 41, causeText: "Temporary failure", sipCode: 503 }],
    ["unallocated", { kind: "unallocated", ringSec: 1 }, { outcome: "unavailable", cause: 1, sipCode: 404 }],
  ] as const)("refused (%s): the cause and SIP status FreeSWITCH reports", async (_name, fate, expected) => {
    const c = await dial(fate);
    expect(await waitFor(c, "hangup")).toMatchObject(expected);
    expect(typesOf(c)).toEqual(["created", "hangup"]);
  });

  it("no answer within the ring timeout: NO_ANSWER, no SIP status (we cancelled)", async () => {
    const c = await dial({ kind: "no_answer" }, { ringTimeoutSec: 15 });
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "no_answer", cause: 19, causeText: "User alerting, no answer", sipCode: null });
    expect(typesOf(c)).toEqual(["created", "ringing", "hangup"]);
  });

  it("we cancel a ringing call", async () => {
    const c = await dial(person({ ringSec: 20 }));
    await waitFor(c, "ringing");
    await driver.hangup(c, "busy");
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "busy", cause: 17 });
  });

  it("loopback calls report Pacer's half only", async () => {
    const c = await dial({ kind: "busy", ringSec: 1 }, { endpoint: (n) => `loopback/${n}/callees` });
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "busy", cause: 17, sipCode: null });
    expect(new Set(events.map((e) => e.channelId))).toEqual(new Set([c]));
  });

  it("a call that never got a channel still ends with the job's cause", async () => {
    const c = await dial(person(), { endpoint: (n) => `freetdm/1/a/${n}` });
    expect(await waitFor(c, "hangup")).toMatchObject({ outcome: "failed", cause: 66, causeText: "Channel not implemented", sipCode: null });
    expect(typesOf(c)).toEqual(["hangup"]);
  });

  it("answering machine detection through the dialplan: mod_amd's verdict, then the call is parked for us", async () => {
    const amd = { kind: "dialplan" as const, context: "pacer-amd", extension: "amd" };
    const machine = await dial({ kind: "machine", ringSec: 1, amdSec: 2.5, greetingSec: 10 }, { onAnswer: amd });
    const human = await dial(person(), { onAnswer: amd });
    expect(await waitFor(machine, "amd")).toMatchObject({ result: "MACHINE", detail: "MAX_WORDS" });
    expect(await waitFor(human, "amd")).toMatchObject({ result: "HUMAN", detail: "SILENCE_AFTER_GREETING" });
    expect(typesOf(machine)).toEqual(["created", "ringing", "answered", "amd"]);
    await driver.redirect(human, { context: "pacer-amd", extension: "amd" });
    expect(await waitFor(human, "amd", 2)).toMatchObject({ result: "HUMAN" });
    await driver.hangup(machine);
    await driver.hangup(human);
    expect((await waitFor(machine, "hangup")).outcome).toBe("answered");
  });

  it("DTMF digits in order, with their duration", async () => {
    const c = await dial(person({ dtmf: [{ atSec: 1, digit: "1" }, { atSec: 2, digit: "#" }] }));
    await waitFor(c, "dtmf", 2);
    expect(eventsOf(c).filter((e) => e.type === "dtmf")).toMatchObject([{ digit: "1", durationMs: 100 }, { digit: "#", durationMs: 100 }]);
    await driver.hangup(c);
  });

  it("reads and misses channel variables; answering an answered call is harmless", async () => {
    const c = await dial(person(), { variables: { PACER_ATTEMPT: "77", PACER_NOTE: "two words, one comma" } });
    await waitFor(c, "answered");
    await driver.answer(c);
    expect(await driver.getVar(c, "PACER_ATTEMPT")).toBe("77");
    expect(await driver.getVar(c, "PACER_NOTE")).toBe("two words, one comma");
    expect(await driver.getVar(c, "NOT_SET_ANYWHERE")).toBeNull();
    await driver.hangup(c);
  });
});

describe("EslDriver: bridges and media", () => {
  it("bridges two calls, plays, records, takes one out and tears down", async () => {
    const agent = await dial(person(), { endpoint: () => "user/100" });
    const customer = await dial(person());
    await waitFor(agent, "answered");
    await waitFor(customer, "answered");
    await driver.createBridge("esl-bridge-1");
    await driver.addToBridge("esl-bridge-1", agent);
    expect(await waitFor(agent, "bridge_entered")).toMatchObject({ bridgeId: "esl-bridge-1" });
    await driver.addToBridge("esl-bridge-1", customer);
    expect(await waitFor(customer, "bridge_entered")).toMatchObject({ bridgeId: "esl-bridge-1" });
    const third = await dial(person());
    await waitFor(third, "answered");
    await expect(driver.addToBridge("esl-bridge-1", third)).rejects.toMatchObject({ name: "PbxError", code: "conflict" });

    const playbackId = await driver.play(customer, "sound:silence/1");
    expect(await waitFor(customer, "playback_finished")).toMatchObject({ playbackId, status: "done" });

    await driver.startRecording({ bridgeId: "esl-bridge-1" }, "call-esl-1");
    await expect(driver.startRecording({ channelId: customer }, "call-esl-1")).rejects.toMatchObject({ code: "conflict" });
    await driver.stopRecording("call-esl-1");
    expect(await waitFor(agent, "recording_finished")).toMatchObject({ recordingName: "call-esl-1" });

    await driver.removeFromBridge("esl-bridge-1", customer);
    expect(await waitFor(customer, "bridge_left")).toMatchObject({ bridgeId: "esl-bridge-1" });
    // The agent stays (parked) in the bridge; a new customer can be joined to it.
    expect(typesOf(agent)).not.toContain("bridge_left");
    await driver.addToBridge("esl-bridge-1", third);
    await waitFor(third, "bridge_entered");
    await driver.hangup(customer);
    await driver.hangup(third);
    expect(await waitFor(third, "bridge_left")).toMatchObject({ bridgeId: "esl-bridge-1" });
    expect(typesOf(third).slice(-2)).toEqual(["bridge_left", "hangup"]);
    await driver.destroyBridge("esl-bridge-1");
    expect(await waitFor(agent, "bridge_left")).toMatchObject({ bridgeId: "esl-bridge-1" });
    await driver.hangup(agent);
    expect((await waitFor(agent, "hangup")).outcome).toBe("answered");
    await expect(driver.destroyBridge("esl-bridge-1")).rejects.toMatchObject({ code: "not_found" });
  });

  it("moves channels between bridges and sends a bridged channel back to the dialplan", async () => {
    const agent = await dial(person(), { endpoint: () => "user/101" });
    const customer = await dial(person());
    await waitFor(agent, "answered");
    await waitFor(customer, "answered");
    await driver.createBridge("esl-bridge-2");
    await driver.createBridge("esl-bridge-3");
    await driver.addToBridge("esl-bridge-2", agent);
    await driver.addToBridge("esl-bridge-2", customer);
    await waitFor(customer, "bridge_entered");

    await driver.addToBridge("esl-bridge-3", customer);
    expect(await waitFor(customer, "bridge_left")).toMatchObject({ bridgeId: "esl-bridge-2" });
    expect(await waitFor(customer, "bridge_entered", 2)).toMatchObject({ bridgeId: "esl-bridge-3" });
    await driver.addToBridge("esl-bridge-3", agent);
    expect(await waitFor(agent, "bridge_left")).toMatchObject({ bridgeId: "esl-bridge-2" });
    expect(await waitFor(agent, "bridge_entered", 2)).toMatchObject({ bridgeId: "esl-bridge-3" });

    await driver.redirect(customer, { context: "pacer-amd", extension: "amd" });
    expect(await waitFor(customer, "bridge_left", 2)).toMatchObject({ bridgeId: "esl-bridge-3" });
    expect(await waitFor(customer, "amd")).toMatchObject({ result: "HUMAN" });
    expect(typesOf(agent)).toEqual(["created", "ringing", "answered", "bridge_entered", "bridge_left", "bridge_entered"]);
    await driver.hangup(agent);
    await driver.hangup(customer);
    await waitFor(agent, "hangup");
    await driver.destroyBridge("esl-bridge-2");
    await driver.destroyBridge("esl-bridge-3");
  });

  it("a playback cut short by a hang-up is reported stopped; recordings end with the call", async () => {
    const c = await dial(person());
    await waitFor(c, "answered");
    const playbackId = await driver.play(c, "silence/30");
    await driver.startRecording({ channelId: c }, "cut-short");
    await driver.hangup(c);
    expect(await waitFor(c, "playback_finished")).toMatchObject({ playbackId, status: "stopped" });
    expect(await waitFor(c, "recording_finished")).toMatchObject({ recordingName: "cut-short" });
    expect(typesOf(c).at(-1)).toBe("hangup");
  });

  it("turns refusals and bad requests into typed errors", async () => {
    await expect(driver.hangup("no-such-channel")).rejects.toMatchObject({ name: "PbxError", code: "not_found" });
    await expect(driver.getVar("no-such-channel", "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.answer("no-such-channel")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.play("no-such-channel", "x.wav")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.stopRecording("never-started")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.addToBridge("no-such-bridge", "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(driver.redirect("no-such-channel", { context: "default", extension: "s" })).rejects.toMatchObject({ code: "not_found" });
    const originate = (endpoint: string, extra = {}) => driver.originate({ channelId: `bad-${++seq}`, endpoint, ringTimeoutSec: 30, onAnswer: { kind: "control" }, ...extra });
    await expect(originate("Bogus/123")).rejects.toMatchObject({ code: "bad_request" });
    await expect(originate("sofia/gateway/trunk/555 &park()")).rejects.toMatchObject({ code: "bad_request" });
    await expect(originate("sofia/gateway/trunk/555", { variables: { "bad name": "x" } })).rejects.toMatchObject({ code: "bad_request" });
    await expect(originate("sofia/gateway/trunk/555", { channelId: "two words" })).rejects.toMatchObject({ code: "bad_request" });
    const live = await dial(person({ ringSec: 50 }));
    await expect(driver.originate({ channelId: live, endpoint: "sofia/gateway/trunk/5559999", ringTimeoutSec: 30, onAnswer: { kind: "control" } })).rejects.toMatchObject({ code: "conflict" });
    await driver.hangup(live);
  });
});

describe("EslDriver: the connection", () => {
  it("refuses a wrong password, and keeps trying until closed", async () => {
    const wrong = newDriver(server.port, "not-the-password");
    await expect(wrong.connect()).rejects.toMatchObject({ name: "PbxError", code: "not_connected", message: expect.stringContaining("authentication refused") });
    expect(wrong.health()).toMatchObject({ connected: false, lastError: expect.stringContaining("authentication refused") });
    await wrong.close();
  });

  it("lists the live channels again after the connection drops and comes back", async () => {
    const a = await dial(person());
    const b = await dial(person(), { endpoint: (n) => `loopback/${n}/callees` });
    await waitFor(a, "answered");
    await waitFor(b, "answered");
    const disconnected = new Promise<string>((resolve) => driver.once("disconnected", resolve));
    const reconnected = new Promise<void>((resolve) => driver.once("reconnected", resolve));
    server.dropConnections();
    expect(await disconnected).toMatch(/closed|reset/);
    await expect(driver.listChannels()).rejects.toMatchObject({ code: "not_connected" });
    await reconnected;
    expect(driver.health().connected).toBe(true);
    const live = await driver.listChannels();
    expect(live.map((c) => c.id)).toEqual(expect.arrayContaining([a, b]));
    expect(live.filter((c) => c.id === a || c.id === b)).toHaveLength(2);
    expect(live.find((c) => c.id === a)).toMatchObject({ name: expect.stringMatching(/^sofia\/external\//), state: "Up", callerNumber: "5551000", callerName: "Pacer" });
    expect(Date.parse(live[0].createdAt)).not.toBeNaN();
    // Events still flow for calls that lived through the drop.
    await driver.hangup(a);
    await driver.hangup(b);
    await waitFor(a, "hangup");
    await waitFor(b, "hangup");
  });

  it("survives FreeSWITCH going away mid-call, retries, and comes back", async () => {
    const c = await dial(person());
    await waitFor(c, "answered");
    const port = server.port;
    const disconnected = new Promise<string>((resolve) => driver.once("disconnected", resolve));
    await server.close();
    engine.reset();
    await disconnected;
    expect(driver.health()).toMatchObject({ connected: false });
    await expect(driver.listChannels()).rejects.toMatchObject({ code: "not_connected" });
    await expect(driver.hangup(c)).rejects.toMatchObject({ code: "not_connected" });
    await expect(dial(person())).rejects.toMatchObject({ code: "not_connected" });
    // Several attempts fail (connection refused) before FreeSWITCH is back.
    await new Promise((r) => setTimeout(r, 150));
    expect(driver.health().lastError).toMatch(/ECONNREFUSED/);

    const reconnected = new Promise<void>((resolve) => driver.once("reconnected", resolve));
    server = await startEslServer({ engine, port });
    await reconnected;
    expect(driver.health()).toMatchObject({ connected: true, lastError: null });
    expect(await driver.listChannels()).toEqual([]);
    const after = await dial(person());
    await waitFor(after, "answered");
    await driver.hangup(after);
    await waitFor(after, "hangup");
  });
});
