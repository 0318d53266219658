import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startAriServer, type AriServer } from "./ari-server";
import { SimEngine } from "./engine";

/**
 * The ARI face must answer and emit like Asterisk 22 does. The expected sequences below were read
 * off captures of a real Asterisk 22 (event type and which half of a Local channel it is about),
 * keeping the events a Stasis application receives for the channel it originated.
 */
let engine: SimEngine;
let server: AriServer;
const auth = { Authorization: `Basic ${Buffer.from("pacer:pacer").toString("base64")}` };

beforeAll(async () => {
  engine = new SimEngine({ timeScale: 0.02 });
  server = await startAriServer({ engine, port: 0 });
});
afterAll(() => server.close());

async function ari(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/ari${path}`, {
    method,
    headers: { ...auth, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function listen(app = "pacer"): Promise<{ ws: WebSocket; events: Record<string, any>[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/ari/events?app=${app}&api_key=pacer:pacer`);
    const events: Record<string, any>[] = [];
    ws.on("message", (m) => events.push(JSON.parse(String(m))));
    ws.on("open", () => resolve({ ws, events }));
    ws.on("error", reject);
  });
}

const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const sequence = (events: Record<string, any>[], id: string) =>
  events
    .filter((e) => (e.channel?.id ?? e.peer?.id) === id)
    .map((e) => (e.type === "Dial" ? `Dial:${e.dialstatus}` : e.type === "ChannelDestroyed" ? `ChannelDestroyed:${e.cause}` : e.type));

describe("ARI simulator", () => {
  it("serves the swagger description ari-client binds to, and requires auth for everything else", async () => {
    expect((await fetch(`${server.url}/ari/api-docs/resources.json`)).status).toBe(401);
    const listing = await (await fetch(`${server.url}/ari/api-docs/resources.json`, { headers: auth })).json();
    expect(listing.swaggerVersion).toBe("1.1");
    expect(listing.apis.map((a: { path: string }) => a.path)).toEqual(expect.arrayContaining(["/api-docs/channels.{format}", "/api-docs/bridges.{format}", "/api-docs/events.{format}"]));
    const channels = await (await fetch(`${server.url}/ari/api-docs/channels.json`, { headers: auth })).json();
    const ops = channels.apis.flatMap((a: { operations: { nickname: string }[] }) => a.operations.map((o) => o.nickname));
    expect(ops).toEqual(expect.arrayContaining(["originate", "originateWithId", "hangup", "answer", "play", "record", "continueInDialplan", "getChannelVar"]));
    expect((await fetch(`${server.url}/ari/channels`)).status).toBe(401);
    expect((await fetch(`${server.url}/ari/channels?api_key=pacer:wrong`)).status).toBe(401);
    expect((await fetch(`${server.url}/ari/channels?api_key=pacer:pacer`)).status).toBe(200);
  });

  it("answers bad requests as Asterisk does", async () => {
    expect(await ari("POST", "/channels?app=pacer")).toEqual({ status: 400, body: { message: "Endpoint must be specified" } });
    expect(await ari("POST", "/channels?endpoint=Bogus%2F123&app=pacer")).toEqual({ status: 500, body: { error: "Allocation failed" } });
    expect(await ari("DELETE", "/channels/no-such-channel")).toEqual({ status: 404, body: { message: "Channel not found" } });
    expect(await ari("POST", "/bridges/no-such-bridge/addChannel?channel=x")).toEqual({ status: 404, body: { message: "Bridge not found" } });
    expect((await ari("GET", "/asterisk/info")).body.system.entity_id).toMatch(/^[0-9a-f:]+$/);
  });

  it("originate replies at once with the channel; an answered call then follows Asterisk's event order", async () => {
    const { ws, events } = await listen();
    engine.sampler.script("5550100", { kind: "human", ringSec: 3, talkSec: 500, dtmf: [] });
    const r = await ari("POST", "/channels?endpoint=Local%2F5550100%40callees&app=pacer&appArgs=dialed%2C42&callerId=5551000&timeout=30&channelId=seq-human");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "seq-human", state: "Down", caller: { number: "5551000" }, dialplan: { context: "callees", exten: "5550100", app_name: "AppDial2" } });
    expect(r.body.name).toMatch(/^Local\/5550100@callees-[0-9a-f]{8};1$/);
    await settle();
    expect((await ari("DELETE", "/channels/seq-human?reason=normal")).status).toBe(204);
    await settle(100);
    expect(sequence(events, "seq-human")).toEqual([
      "Dial:", "ChannelStateChange", "Dial:RINGING", "ChannelStateChange", "Dial:ANSWER", "ChannelVarset", "StasisStart",
      "ChannelHangupRequest", "StasisEnd", "ChannelVarset", "ChannelDestroyed:16",
    ]);
    const start = events.find((e) => e.type === "StasisStart");
    expect(start).toMatchObject({ args: ["dialed", "42"], application: "pacer", channel: { state: "Up", dialplan: { app_name: "Stasis" } } });
    expect(start!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    ws.close();
  });

  it("busy through a Local channel: Dial BUSY, and our half is destroyed with cause 0", async () => {
    const { ws, events } = await listen();
    engine.sampler.script("5550101", { kind: "busy", ringSec: 1 });
    await ari("POST", "/channels?endpoint=Local%2F5550101%40callees&app=pacer&timeout=30&channelId=seq-busy");
    await settle();
    expect(sequence(events, "seq-busy")).toEqual(["Dial:", "Dial:BUSY", "ChannelDestroyed:0"]);
    expect(events.find((e) => e.type === "ChannelDestroyed")).toMatchObject({ cause_txt: "Unknown" });
    ws.close();
  });

  it("unallocated: Dial NOANSWER with cause 1; no answer: cause 19 with no final Dial", async () => {
    const { ws, events } = await listen();
    engine.sampler.script("5550102", { kind: "unallocated", ringSec: 1 });
    engine.sampler.script("5550103", { kind: "no_answer" });
    await ari("POST", "/channels?endpoint=Local%2F5550102%40callees&app=pacer&channelId=seq-unalloc");
    await ari("POST", "/channels?endpoint=Local%2F5550103%40callees&app=pacer&timeout=15&channelId=seq-noanswer");
    await settle(600);
    expect(sequence(events, "seq-unalloc")).toEqual(["Dial:", "Dial:NOANSWER", "ChannelDestroyed:1"]);
    expect(sequence(events, "seq-noanswer")).toEqual(["Dial:", "ChannelStateChange", "Dial:RINGING", "ChannelDestroyed:19"]);
    expect(events.find((e) => e.type === "ChannelDestroyed" && e.channel.id === "seq-noanswer")).toMatchObject({ cause_txt: "User alerting, no answer" });
    ws.close();
  });

  it("an AMD step in the dialplan hands the call to Stasis with its verdict", async () => {
    const { ws, events } = await listen();
    engine.sampler.script("5550104", { kind: "machine", ringSec: 1, amdSec: 2.5, greetingSec: 10 });
    await ari("POST", "/channels?endpoint=Local%2F5550104%40callees&context=pacer-amd&extension=5550104&priority=1&timeout=30&channelId=seq-amd");
    await settle();
    expect(sequence(events, "seq-amd")).toEqual(["ChannelVarset", "StasisStart"]);
    expect(events.find((e) => e.type === "StasisStart" && e.channel.id === "seq-amd")).toMatchObject({ args: ["amd", "MACHINE", "MAXWORDS-3-2"] });
    engine.sampler.script("5550107", { kind: "busy", ringSec: 10 });
    await ari("POST", "/channels?endpoint=PJSIP%2F5550107%40trunk&context=pacer-amd&extension=s&channelId=seq-amd-busy");
    const sub = await ari("POST", "/applications/pacer/subscription?eventSource=channel%3Aseq-amd-busy");
    expect(sub.status).toBe(200);
    expect(sub.body.channel_ids).toContain("seq-amd-busy");
    await settle();
    expect(sequence(events, "seq-amd-busy")).toEqual(["Dial:BUSY", "ChannelDestroyed:17"]);
    await ari("DELETE", "/channels/seq-amd");
    ws.close();
  });

  it("bridges, plays and records with Asterisk's replies and events", async () => {
    const { ws, events } = await listen();
    engine.sampler.script("5550105", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    await ari("POST", "/channels?endpoint=Local%2F100%40agents&app=pacer&appArgs=agent%2C100&channelId=seq-agent");
    await ari("POST", "/channels?endpoint=Local%2F5550105%40callees&app=pacer&channelId=seq-customer");
    await settle();
    const bridge = await ari("POST", "/bridges?type=mixing&bridgeId=seq-bridge&name=seq");
    expect(bridge.body).toMatchObject({ id: "seq-bridge", bridge_type: "mixing", channels: [] });
    expect((await ari("POST", "/bridges/seq-bridge/addChannel?channel=seq-agent")).status).toBe(204);
    expect((await ari("POST", "/bridges/seq-bridge/addChannel?channel=seq-customer")).status).toBe(204);
    const play = await ari("POST", "/channels/seq-customer/play?media=sound%3Apacer%2Fhello&playbackId=seq-play");
    expect(play).toEqual({ status: 201, body: { id: "seq-play", media_uri: "sound:pacer/hello", target_uri: "channel:seq-customer", language: "en", state: "queued" } });
    const rec = await ari("POST", "/bridges/seq-bridge/record?name=seq-rec&format=wav&ifExists=overwrite");
    expect(rec).toEqual({ status: 201, body: { name: "seq-rec", format: "wav", state: "queued", target_uri: "bridge:seq-bridge" } });
    await settle(300);
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["ChannelEnteredBridge", "PlaybackStarted", "PlaybackFinished", "RecordingStarted"]));
    expect(events.filter((e) => e.type === "ChannelEnteredBridge").map((e) => e.bridge.channels)).toEqual([["seq-agent"], ["seq-agent", "seq-customer"]]);
    expect(events.find((e) => e.type === "PlaybackFinished")!.playback).toMatchObject({ id: "seq-play", state: "done" });
    expect((await ari("DELETE", "/channels/seq-customer")).status).toBe(204);
    expect((await ari("DELETE", "/channels/seq-agent")).status).toBe(204);
    expect((await ari("DELETE", "/bridges/seq-bridge")).status).toBe(204);
    await settle(50);
    expect(events.filter((e) => e.type === "ChannelLeftBridge")).toHaveLength(2);
    expect(events.some((e) => e.type === "BridgeDestroyed")).toBe(true);
    ws.close();
  });

  it("keeps a finished recording as a stored one: listed, described, served as WAV, deleted", async () => {
    engine.sampler.script("5550107", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    await ari("POST", "/channels?endpoint=PJSIP%2F5550107%40trunk&app=pacer&channelId=rec-1");
    await settle();
    expect((await ari("POST", "/channels/rec-1/record?name=stored-1&format=wav&ifExists=overwrite")).status).toBe(201);
    // Live, not stored yet.
    expect((await ari("GET", "/recordings/stored/stored-1")).status).toBe(404);
    await settle(100);
    expect((await ari("POST", "/recordings/live/stored-1/stop")).status).toBe(204);
    expect((await ari("GET", "/recordings/stored")).body).toContainEqual({ name: "stored-1", format: "wav" });
    expect(await ari("GET", "/recordings/stored/stored-1")).toEqual({ status: 200, body: { name: "stored-1", format: "wav" } });
    const file = await fetch(`${server.url}/ari/recordings/stored/stored-1/file`, { headers: auth });
    const wav = Buffer.from(await file.arrayBuffer());
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(Number(file.headers.get("content-length"))).toBe(wav.length);
    expect(wav.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(wav.subarray(8, 16).toString("ascii")).toBe("WAVEfmt ");
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    // At least the half second the simulator gives the shortest recording.
    expect(wav.readUInt32LE(40)).toBeGreaterThanOrEqual(8000);
    expect((await ari("DELETE", "/recordings/stored/stored-1")).status).toBe(204);
    expect((await ari("DELETE", "/recordings/stored/stored-1")).status).toBe(404);
    expect((await fetch(`${server.url}/ari/recordings/stored/stored-1/file`, { headers: auth })).status).toBe(404);
    await ari("DELETE", "/channels/rec-1");
  });

  it("refuses an originate with a channel id already in use (409)", async () => {
    engine.sampler.script("5550106", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    expect((await ari("POST", "/channels?endpoint=PJSIP%2F5550106%40trunk&app=pacer&channelId=dup-1")).status).toBe(200);
    expect((await ari("POST", "/channels?endpoint=PJSIP%2F5550106%40trunk&app=pacer&channelId=dup-1")).status).toBe(409);
    await ari("DELETE", "/channels/dup-1");
  });
});
