import { connect, type Socket } from "node:net";
import modesl, { type Connection, type Event as EslMessage } from "modesl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import captured from "../esl/__fixtures__/freeswitch-1.10.12-calls.json";
import { SimEngine } from "./engine";
import type { CallFate } from "./outcome-model";
import { startEslServer, type EslServer } from "./esl-server";

/**
 * The ESL face must be indistinguishable from FreeSWITCH 1.10.12 for a client: the same replies,
 * and for each call the same events per channel, in the same order, with the same headers. The
 * expectations come from captures of a real FreeSWITCH (server/pbx/esl/__fixtures__), replayed
 * here with the same commands over a raw socket.
 */
type Command = { api?: string; bgapi?: string; reply: string };
type Step = { event: string; leg: string; [header: string]: string };
type Scenario = "answered-human" | "busy" | "congestion" | "unallocated" | "no-answer-timeout-15s";
const trace = captured as unknown as {
  scenarios: Record<Scenario, { commands: Command[]; events: Step[] }>;
  shapes: Record<string, string[]>;
  bridgeCommands: Command[];
  errors: Command[];
  errorJob: Record<string, string>;
  status: string;
  showChannelsColumns: string[];
};

let engine: SimEngine;
let server: EslServer;

beforeAll(async () => {
  engine = new SimEngine({ timeScale: 0.01 });
  server = await startEslServer({ engine, port: 0 });
});
afterAll(() => server.close());

type Frame = { headers: Record<string, string>; body: string };
type EventHeaders = Record<string, string>;

/** A bare ESL client: frames in, commands out, nothing hidden. */
class RawClient {
  private buffer = Buffer.alloc(0);
  readonly replies: Frame[] = [];
  readonly events: EventHeaders[] = [];
  readonly frames: Frame[] = [];
  closed = false;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("close", () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on("error", () => {});
  }

  static async open(port = server.port): Promise<RawClient> {
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const client = new RawClient(socket);
    await client.until(() => client.frames.length > 0);
    return client;
  }

  static async authed(events = "ALL", port = server.port): Promise<RawClient> {
    const client = await RawClient.open(port);
    client.replies.length = 0;
    expect((await client.command("auth ClueCon")).headers["Reply-Text"]).toBe("+OK accepted");
    if (events) await client.command(`event json ${events}`);
    return client;
  }

  private receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end < 0) break;
      const headers: Record<string, string> = {};
      for (const line of this.buffer.subarray(0, end).toString().split("\n")) {
        const colon = line.indexOf(": ");
        headers[line.slice(0, colon)] = line.slice(colon + 2);
      }
      const length = Number(headers["Content-Length"] ?? 0);
      if (this.buffer.length < end + 2 + length) break;
      const body = this.buffer.subarray(end + 2, end + 2 + length).toString();
      this.buffer = this.buffer.subarray(end + 2 + length);
      const frame = { headers, body };
      this.frames.push(frame);
      if (headers["Content-Type"] === "text/event-json") this.events.push(JSON.parse(body));
      else if (headers["Content-Type"] === "command/reply" || headers["Content-Type"] === "api/response") this.replies.push(frame);
    }
    this.wake?.();
  }

  async until(done: () => boolean, timeoutMs = 3000): Promise<void> {
    const started = Date.now();
    while (!done()) {
      if (Date.now() - started > timeoutMs) throw new Error("timed out waiting on the ESL server");
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 20);
      });
    }
  }

  send(text: string | Buffer) {
    this.socket.write(text);
  }

  /** Sends a command and returns its reply (events that arrive meanwhile are kept). */
  async command(line: string, headers: Record<string, string> = {}): Promise<Frame> {
    const before = this.replies.length;
    this.send(`${line}\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`).join("")}\n`);
    await this.until(() => this.replies.length > before);
    return this.replies[before];
  }

  async api(line: string): Promise<string> {
    return (await this.command(`api ${line}`)).body;
  }

  close() {
    this.socket.destroy();
  }
}

const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

/** The trace's numbers are short (the simulator dials those as agent phones): longer ones, same fates. */
const NUMBERS: Record<string, [string, CallFate]> = {
  "5550": ["5550100", { kind: "human", ringSec: 3, talkSec: 500, dtmf: [] }],
  "5556": ["5550106", { kind: "busy", ringSec: 1 }],
  "5558": ["5550108", { kind: "congestion", ringSec: 1 }],
  "5559": ["5550109", { kind: "unallocated", ringSec: 0 }],
  "5557": ["5550107", { kind: "no_answer" }],
};

function replayable(command: string): string {
  return command.replace(/loopback\/(\d+)\//, (_, n: string) => {
    const [number, fate] = NUMBERS[n];
    engine.sampler.script(number, fate);
    return `loopback/${number}/`;
  });
}

/** What a scenario looks like per channel: the originated one, and the far half of the loopback call. */
function legs(steps: Step[]) {
  // The far half runs the called party's dialplan; only the applications every call has are compared.
  const farApps = new Set(["ring_ready", "answer", "hangup"]);
  const name = (s: Step) => (s.event === "CHANNEL_EXECUTE_COMPLETE" ? `${s.event}:${s.Application}` : s.event);
  return {
    a: steps.filter((s) => s.leg === "a").map(name),
    b: steps.filter((s) => s.leg === "b" && !s.event.startsWith("PLAYBACK_") && (s.event !== "CHANNEL_EXECUTE_COMPLETE" || farApps.has(s.Application))).map(name),
    states: steps.filter((s) => s.leg === "a").map((s) => [s.event, s["Channel-State"], s["Channel-Call-State"], s["Answer-State"], s["Hangup-Cause"], s.variable_hangup_cause_q850]),
  };
}

async function replay(name: Scenario) {
  const scenario = trace.scenarios[name];
  const client = await RawClient.authed();
  const [originate, kill] = scenario.commands;
  const uuid = /origination_uuid=([^,}]+)/.exec(originate.bgapi!)![1];
  // Sent as the capture's client sent it (its Job-Command-Arg shows a trailing space).
  const job = scenario.events.find((s) => s.leg === "job")!;
  const accepted = await client.command(`bgapi originate ${replayable(job["Job-Command-Arg"]!)}`);
  const jobUuid = accepted.headers["Job-UUID"];
  expect(accepted.headers["Reply-Text"]).toBe(`+OK Job-UUID: ${jobUuid}`);
  await client.until(() => client.events.some((e) => e["Event-Name"] === "BACKGROUND_JOB" && e["Job-UUID"] === jobUuid));
  if (kill) {
    await settle(30);
    expect(await client.api(kill.api!)).toBe(kill.reply);
  }
  const ofThisCall = (e: EventHeaders) => e.variable_origination_uuid === uuid;
  await client.until(() => client.events.filter((e) => e["Event-Name"] === "CHANNEL_DESTROY" && ofThisCall(e)).length === 2);
  client.close();
  const farUuid = client.events.find((e) => e["Event-Name"] === "CHANNEL_CREATE" && ofThisCall(e) && e["Unique-ID"] !== uuid)?.["Unique-ID"];
  const steps = client.events
    .filter((e) => e["Unique-ID"] === uuid || e["Unique-ID"] === farUuid || e["Job-UUID"] === jobUuid)
    .map((e) => ({ ...e, event: e["Event-Name"], leg: e["Event-Name"] === "BACKGROUND_JOB" ? "job" : e["Unique-ID"] === uuid ? "a" : "b" }) as Step);
  return { steps, events: client.events, uuid };
}

describe("ESL simulator: protocol", () => {
  it("asks for auth, refuses commands before it and a wrong password, accepts the right one", async () => {
    const early = await RawClient.open();
    expect(early.frames[0].headers).toEqual({ "Content-Type": "auth/request" });
    expect((await early.command("api status")).headers["Reply-Text"]).toBe("-ERR command not found");
    expect((await early.command("auth ClueCon")).headers["Reply-Text"]).toBe("+OK accepted");
    expect(await early.api("uuid_exists nobody")).toBe("false");
    early.close();

    const wrong = await RawClient.open();
    expect((await wrong.command("auth nope")).headers["Reply-Text"]).toBe("-ERR invalid");
    await wrong.until(() => wrong.closed);
    expect(wrong.frames.at(-1)!.headers["Content-Type"]).toBe("text/disconnect-notice");
    expect(wrong.frames.at(-1)!.body).toBe("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
  });

  it("answers errors and status as FreeSWITCH 1.10.12 does", async () => {
    const client = await RawClient.authed("BACKGROUND_JOB");
    for (const c of trace.errors.filter((e) => e.api)) expect(await client.api(c.api!)).toBe(c.reply);

    const bg = trace.errors.find((e) => e.bgapi)!;
    const reply = await client.command(`bgapi ${trace.errorJob["Job-Command"]} ${trace.errorJob["Job-Command-Arg"]}`, { "Job-UUID": "job-bogus" });
    expect(reply.headers).toEqual({ "Content-Type": "command/reply", "Reply-Text": "+OK Job-UUID: job-bogus", "Job-UUID": "job-bogus" });
    await client.until(() => client.events.length > 0);
    expect(client.events[0]).toMatchObject({ "Event-Name": "BACKGROUND_JOB", "Job-UUID": "job-bogus", ...trace.errorJob, "Content-Length": String(bg.reply.length) });

    const status = await client.api("status");
    const shape = (text: string) => text.split("\n").map((line) => line.replace(/\d+(\.\d+)?/g, "N").replace(/\b(\w+?)s?\b/g, "$1"));
    expect(shape(status)).toEqual(shape(trace.status));
    expect(await client.api("")).toBe("-ERR  Command not found!\n");
    expect(await client.api("uuid_kill")).toBe("-USAGE: <uuid> [cause]\n");
    expect((await client.command("bogus")).headers["Reply-Text"]).toBe("-ERR command not found");
    client.close();
  });

  it("subscribes like mod_event_socket: formats, nixevent, noevents, filters and myevents", async () => {
    const client = await RawClient.authed("");
    expect((await client.command("event plain CHANNEL_CREATE")).headers["Reply-Text"]).toBe("+OK event listener enabled plain");
    expect((await client.command("event plain NOT_AN_EVENT")).headers["Reply-Text"]).toBe("-ERR no keywords supplied");
    engine.sampler.script("5550200", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    expect(await client.api("originate {origination_uuid=fmt-1,origination_caller_id_number=5551000}sofia/gateway/gw/5550200 &park()")).toBe("+OK fmt-1\n");
    await client.until(() => client.frames.some((f) => f.headers["Content-Type"] === "text/event-plain"));
    const plain = client.frames.find((f) => f.headers["Content-Type"] === "text/event-plain")!;
    expect(plain.body).toContain("Event-Name: CHANNEL_CREATE\n");
    expect(plain.body).toContain("Unique-ID: fmt-1\n");
    expect(plain.body).toContain("Event-Date-Local: ");
    expect(plain.body).toMatch(/\nEvent-Date-GMT: \w{3},%20\d+%20\w{3}%20\d{4}%20\d\d%3A\d\d%3A\d\d%20GMT\n/);
    expect(plain.body).toContain("\nChannel-Name: sofia/external/5550200%40gw\n");

    expect((await client.command("event xml CHANNEL_HANGUP_COMPLETE")).headers["Reply-Text"]).toBe("+OK event listener enabled xml");
    expect((await client.command("nixevent CHANNEL_CREATE")).headers["Reply-Text"]).toBe("+OK events nixed");
    expect((await client.command("filter Unique-ID fmt-1")).headers["Reply-Text"]).toBe("+OK filter added. [Unique-ID]=[fmt-1]");
    expect(await client.api("uuid_kill fmt-1")).toBe("+OK\n");
    await client.until(() => client.frames.some((f) => f.headers["Content-Type"] === "text/event-xml"));
    const xml = client.frames.find((f) => f.headers["Content-Type"] === "text/event-xml")!.body;
    expect(xml).toMatch(/^<event>\n {2}<headers>\n {4}<Event-Name>CHANNEL_HANGUP_COMPLETE<\/Event-Name>\n/);
    expect(xml).toContain("<Hangup-Cause>NORMAL_CLEARING</Hangup-Cause>");
    expect((await client.command("filter delete Unique-ID fmt-1")).headers["Reply-Text"]).toBe("+OK filter deleted. [Unique-ID][fmt-1]");
    expect((await client.command("noevents")).headers["Reply-Text"]).toBe("+OK no longer listening for events");
    expect((await client.command("noevents")).headers["Reply-Text"]).toBe("-ERR not listening for events");
    expect((await client.command("myevents fmt-2 json")).headers["Reply-Text"]).toBe("+OK Events Enabled");
    client.close();
  });

  it("holds a connection's replies and events while its blocking api originate runs", async () => {
    const client = await RawClient.authed();
    engine.sampler.script("5550201", { kind: "human", ringSec: 2, talkSec: 500, dtmf: [] });
    const from = client.frames.length;
    const replies = client.replies.length;
    client.send("api originate {origination_uuid=blocking-1}sofia/gateway/gw/5550201 &park()\n\napi uuid_exists blocking-1\n\n");
    await client.until(() => client.replies.length === replies + 2);
    const order = client.frames.slice(from).filter((f) => f.headers["Content-Type"] === "api/response" || JSON.parse(f.body)["Unique-ID"] === "blocking-1");
    expect(order.map((f) => f.headers["Content-Type"] === "api/response" ? f.body : JSON.parse(f.body)["Event-Name"])).toEqual([
      "+OK blocking-1\n", "CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_ANSWER", "CHANNEL_PARK", "true",
    ]);
    await client.api("uuid_kill blocking-1");
    client.close();
  });

  it("never falls over on garbage: noise, absurd lengths, endless lines, byte-by-byte frames", async () => {
    const noise = await RawClient.open();
    noise.send(Buffer.from([0, 255, 1, 10, 10, 0xc3, 0x28, 10, 10]));
    await noise.until(() => noise.replies.length === 2);
    expect(noise.replies.map((r) => r.headers["Reply-Text"])).toEqual(["-ERR command not found", "-ERR command not found"]);
    noise.send("auth ClueCon\nContent-Length: 99999999999\n\n");
    await noise.until(() => noise.closed);
    expect(noise.replies.at(-1)!.headers["Reply-Text"]).toBe("-ERR content too long");

    const endless = await RawClient.open();
    endless.send("x".repeat(200_000));
    await endless.until(() => endless.closed);

    const slow = await RawClient.open();
    for (const byte of Buffer.from("auth ClueCon\r\n\r\napi uuid_exists nobody\n\n")) slow.send(Buffer.from([byte]));
    await slow.until(() => slow.replies.length === 2);
    expect([slow.replies[0].headers["Reply-Text"], slow.replies[1].body]).toEqual(["+OK accepted", "false"]);

    const negative = await RawClient.authed("");
    expect((await negative.command("api status", { "Content-Length": "-5" })).body).toMatch(/^UP /);
    expect(await negative.api("originate {broken")).toMatch(/^-USAGE: <call url>/);
    expect(await negative.api("originate {origination_uuid=x}loopback/5550299/callees")).toMatch(/^-USAGE: <call url>/);
    for (const c of [noise, endless, slow, negative]) c.close();

    const after = await RawClient.authed("");
    expect(await after.api("status")).toMatch(/is ready/);
    after.close();
  });

  it("is usable from modesl: auth, api, bgapi with Job-UUID, json events", async () => {
    const conn = await new Promise<Connection>((resolve, reject) => {
      const c: Connection = new modesl.Connection("127.0.0.1", server.port, "ClueCon", () => resolve(c));
      c.on("error", reject);
    });
    const names: string[] = [];
    conn.on("esl::event::**", (message, headers) => {
      if (headers?.["Content-Type"] === "text/event-json") names.push(`${message.getHeader("Event-Name")}:${message.getHeader("Unique-ID") ?? message.getHeader("Job-UUID")}`);
    });
    await new Promise((resolve) => conn.events("json", ["CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE"], resolve));
    const status = await new Promise<string>((resolve) => conn.api("status", (res) => resolve(res.getBody())));
    expect(status).toContain("FreeSWITCH (Version 1.10.12-release");
    engine.sampler.script("5550202", { kind: "busy", ringSec: 1 });
    const reply = await new Promise<EslMessage>((resolve) => conn.sendRecv("bgapi originate {origination_uuid=modesl-1}sofia/gateway/gw/5550202 &park()", { "Job-UUID": "modesl-job" }, resolve));
    expect(reply.getHeader("Reply-Text")).toBe("+OK Job-UUID: modesl-job");
    const started = Date.now();
    while (!names.includes("BACKGROUND_JOB:modesl-job") && Date.now() - started < 2000) await settle(10);
    expect(names).toEqual(["CHANNEL_CREATE:modesl-1", "CHANNEL_HANGUP_COMPLETE:modesl-1", "BACKGROUND_JOB:modesl-job"]);
    conn.socket?.destroy();
  });
});

describe("ESL simulator: calls as FreeSWITCH 1.10.12 reports them", () => {
  it.each([
    ["busy", true],
    ["congestion", true],
    ["no-answer-timeout-15s", true],
    ["answered-human", true],
    // Here the real switch sent the job result before our half's hang-up: threads racing.
    ["unallocated", false],
  ] as const)("%s: same events per channel, same states and causes", async (name, sameInterleaving) => {
    const expected = trace.scenarios[name];
    const { steps } = await replay(name);
    const want = legs(expected.events);
    const got = legs(steps);
    expect(got.a).toEqual(want.a);
    expect(got.b).toEqual(want.b);
    expect(got.states).toEqual(want.states);
    const job = steps.find((s) => s.leg === "job")!;
    const wantJob = expected.events.find((s) => s.leg === "job")!;
    expect(job._body).toBe(expected.commands[0].reply);
    expect(job["Job-Command-Arg"]).toBe(replayable(wantJob["Job-Command-Arg"]!));
    expect(job["Job-Command"]).toBe("originate");
    if (sameInterleaving) {
      const keep = (s: Step) => s.leg !== "b" || got.b.includes(s.event === "CHANNEL_EXECUTE_COMPLETE" ? `${s.event}:${s.Application}` : s.event);
      const order = (list: Step[]) => list.filter(keep).filter((s) => s.leg !== "b" || !s.event.startsWith("PLAYBACK_")).filter((s) => s.event !== "CHANNEL_EXECUTE_COMPLETE" || s.leg === "a" || ["ring_ready", "answer", "hangup"].includes(s.Application)).map((s) => `${s.leg}:${s.event}`);
      expect(order(steps)).toEqual(order(expected.events));
    }
  });

  it("sends the same headers as FreeSWITCH on the originated channel", async () => {
    const shapes = trace.shapes;
    const { events, uuid } = await replay("answered-human");
    for (const e of events.filter((x) => x["Unique-ID"] === uuid)) {
      const key = `answered-human ${e["Event-Name"]}${e.Application ? `:${e.Application}` : ""}`;
      expect(Object.keys(e).filter((k) => !k.startsWith("variable_")), key).toEqual(shapes[key]);
    }
    const busy = await replay("busy");
    for (const e of busy.events.filter((x) => x["Unique-ID"] === busy.uuid)) {
      const key = `busy ${e["Event-Name"]}`;
      expect(Object.keys(e).filter((k) => !k.startsWith("variable_")), key).toEqual(shapes[key]);
      if (e["Event-Name"] === "CHANNEL_HANGUP_COMPLETE") expect(e).toMatchObject({ variable_hangup_cause: "USER_BUSY", variable_hangup_cause_q850: "17", variable_billsec: "0" });
    }
  });

  it("bridges, plays, records and unbridges with FreeSWITCH's replies, headers and park_after_bridge", async () => {
    const shapes = trace.shapes;
    const client = await RawClient.authed();
    engine.sampler.script("5550203", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [{ atSec: 0.5, digit: "7" }] });
    await client.command("bgapi originate {origination_uuid=br-agent,originate_timeout=30,origination_caller_id_number=5551000}loopback/100/agents &park()");
    await client.command("bgapi originate {origination_uuid=br-customer,originate_timeout=30,origination_caller_id_number=5551000}loopback/5550203/callees &park()");
    await client.until(() => client.events.filter((e) => e["Event-Name"] === "CHANNEL_PARK").length === 2 && client.events.some((e) => e["Event-Name"] === "DTMF"));
    const dtmf = client.events.find((e) => e["Event-Name"] === "DTMF")!;
    expect(Object.keys(dtmf)).toEqual(shapes["dtmf DTMF"]);
    expect(dtmf).toMatchObject({ "Unique-ID": "br-customer", "DTMF-Digit": "7", "DTMF-Duration": "800", "DTMF-Source": "UNKNOWN" });

    const ids = (text: string) => text.replace(/trace-/g, "br-");
    for (const c of trace.bridgeCommands) expect(await client.api(ids(c.api!))).toBe(ids(c.reply));
    await client.until(() => client.events.some((e) => e["Event-Name"] === "PLAYBACK_STOP" && e["Unique-ID"] === "br-customer"));
    const rows = JSON.parse(await client.api("show channels as json")) as { row_count: number; rows: Record<string, string>[] };
    expect(rows.rows.filter((r) => r.uuid.startsWith("br-")).map((r) => [r.uuid, r.name, r.callstate, r.application])).toEqual([
      ["br-agent", "loopback/100-a", "ACTIVE", "uuid_bridge"],
      ["br-customer", "loopback/5550203-a", "ACTIVE", "uuid_bridge"],
    ]);
    expect(Object.keys(rows.rows[0])).toEqual(trace.showChannelsColumns);
    expect(await client.api("uuid_kill br-customer")).toBe("+OK\n");
    await client.until(() => client.events.filter((e) => e["Event-Name"] === "CHANNEL_DESTROY").length === 4);
    // No park_after_bridge here: the agent goes down with the customer, as in the capture.
    expect(await client.api("uuid_kill br-agent")).toBe("-ERR No such channel!\n");

    const compared = new Set<string>();
    for (const e of client.events.filter((x) => x["Other-Type"] && x["Unique-ID"]?.startsWith("br-"))) {
      const key = `agent-bridge-playback ${e["Event-Name"]}${e.Application ? `:${e.Application}` : ""} (bridged, ${e["Other-Type"]})`;
      if (!shapes[key]) continue;
      expect(Object.keys(e).filter((k) => !k.startsWith("variable_")), key).toEqual(shapes[key]);
      compared.add(key);
    }
    expect(compared.size).toBe(Object.keys(shapes).filter((k) => k.startsWith("agent-bridge-playback")).length);
    const named = (n: string, id: string) => client.events.find((e) => e["Event-Name"] === n && e["Unique-ID"] === id)!;
    expect(named("CHANNEL_BRIDGE", "br-customer")).toMatchObject({ "Bridge-A-Unique-ID": "br-customer", "Bridge-B-Unique-ID": "br-agent", "Other-Leg-Unique-ID": "br-agent", "Other-Type": "originatee" });
    expect(named("CHANNEL_UNBRIDGE", "br-customer")).toMatchObject({ "Answer-State": "hangup", "Hangup-Cause": "NORMAL_CLEARING" });
    expect(named("RECORD_STOP", "br-customer")).toMatchObject({ "Record-File-Path": "/opt/recordings/trace-rec.wav".replace("trace-", "br-"), "Record-Completion-Cause": "success-silence" });
    client.close();
  });

  it("keeps the other side parked after an unbridge when it has park_after_bridge, and lists channels", async () => {
    const idle = await startEslServer({ engine: new SimEngine(), port: 0 });
    const idleClient = await RawClient.authed("", idle.port);
    expect(await idleClient.api("show channels as json")).toBe('{"row_count":0}');
    idleClient.close();
    await idle.close();

    const client = await RawClient.authed();
    engine.sampler.script("5550204", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    engine.sampler.script("5550205", { kind: "human", ringSec: 1, talkSec: 500, dtmf: [] });
    for (const [id, n] of [["pab-1", "5550204"], ["pab-2", "5550205"]]) {
      expect(await client.api(`originate {origination_uuid=${id},park_after_bridge=true}sofia/gateway/gw/${n} &park()`)).toBe(`+OK ${id}\n`);
    }
    expect(await client.api("uuid_bridge pab-1 pab-2")).toBe("+OK pab-2\n");
    expect(await client.api("uuid_park pab-1")).toBe("+OK\n");
    const ours = () => client.events.filter((e) => e["Unique-ID"]?.startsWith("pab-"));
    await client.until(() => ours().filter((e) => e["Event-Name"] === "CHANNEL_PARK").length === 4);
    const after = ours().slice(ours().findIndex((e) => e["Event-Name"] === "CHANNEL_BRIDGE") + 1).map((e) => `${e["Event-Name"]}:${e["Unique-ID"]}`);
    expect(after).toEqual(["CHANNEL_UNBRIDGE:pab-1", "CHANNEL_PARK:pab-1", "CHANNEL_PARK:pab-2"]);
    expect(await client.api("uuid_getvar pab-2 park_after_bridge")).toBe("true");
    expect(await client.api("uuid_getvar pab-2 nothing_here")).toBe("_undef_");
    expect(await client.api("uuid_setvar pab-2 pacer_note hello")).toBe("+OK\n");
    expect(await client.api("uuid_getvar pab-2 pacer_note")).toBe("hello");
    const plain = await client.api("show channels");
    expect(plain.split("\n")[0]).toBe(trace.showChannelsColumns.join(","));
    expect(plain.split("\n").filter((line) => line.startsWith("pab-"))).toHaveLength(2);
    expect(await client.api("hupall")).toBe("+OK hangup all channels with cause MANAGER_REQUEST\n");
    await client.until(() => ours().filter((e) => e["Event-Name"] === "CHANNEL_HANGUP_COMPLETE").length === 2);
    expect(ours().find((e) => e["Event-Name"] === "CHANNEL_HANGUP_COMPLETE")).toMatchObject({ "Hangup-Cause": "MANAGER_REQUEST", variable_hangup_cause_q850: "503", variable_sip_hangup_disposition: "send_bye" });
    client.close();
  });
});
