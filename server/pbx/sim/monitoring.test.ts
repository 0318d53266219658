import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAriServer, type AriServer } from "./ari-server";
import { SimEngine } from "./engine";
import { startEslServer, type EslServer } from "./esl-server";

/**
 * Listening in on calls, on each face of the simulator: ARI's snoop channels answered as
 * res/ari/resource_channels.c answers, and FreeSWITCH's eavesdrop run from the inline dialplan
 * and switched with uuid_recv_dtmf, with mod_commands' replies.
 */
let engine: SimEngine;
let ari: AriServer;
let esl: EslServer;
const auth = { Authorization: `Basic ${Buffer.from("pacer:pacer").toString("base64")}` };
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
const sorted = (ids: string[]) => [...ids].sort();

beforeAll(async () => {
  engine = new SimEngine({ timeScale: 0.02 });
  ari = await startAriServer({ engine, port: 0 });
  esl = await startEslServer({ engine, port: 0 });
});
afterAll(async () => {
  await ari.close();
  await esl.close();
});

async function request(method: string, path: string) {
  const res = await fetch(`${ari.url}/ari${path}`, { method, headers: auth });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A bare event-socket client: api commands and JSON events, in order. */
class EslClient {
  private buffer = "";
  private readonly bodies: string[] = [];
  readonly events: Record<string, string>[] = [];
  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.receive(chunk.toString()));
  }
  static async open(): Promise<EslClient> {
    const socket = connect(esl.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    const c = new EslClient(socket);
    await c.send("auth ClueCon");
    await c.send("event json ALL");
    return c;
  }
  private receive(text: string) {
    this.buffer += text;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end < 0) return;
      const headers = Object.fromEntries(this.buffer.slice(0, end).split("\n").map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)]));
      const length = Number(headers["Content-Length"] ?? 0);
      if (Buffer.byteLength(this.buffer) < end + 2 + length) return;
      const body = this.buffer.slice(end + 2, end + 2 + length);
      this.buffer = this.buffer.slice(end + 2 + length);
      if (headers["Content-Type"] === "text/event-json") this.events.push(JSON.parse(body));
      else if (headers["Content-Type"] !== "auth/request") this.bodies.push(headers["Content-Type"] === "api/response" ? body : (headers["Reply-Text"] ?? ""));
    }
  }
  async send(line: string): Promise<string> {
    const before = this.bodies.length;
    this.socket.write(`${line}\n\n`);
    while (this.bodies.length === before) await settle(5);
    return this.bodies[before];
  }
  api = (command: string) => this.send(`api ${command}`);
  async until(check: () => boolean) {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 3000) throw new Error("timed out");
      await settle(10);
    }
  }
  close() {
    this.socket.destroy();
  }
}

describe("ARI: snoop channels", () => {
  it("answers refusals as Asterisk does, spies and whispers, and goes with its target", async () => {
    engine.sampler.script("5550108", { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    await request("POST", "/channels?endpoint=PJSIP%2F2001&app=pacer&channelId=sn-agent");
    await request("POST", "/channels?endpoint=PJSIP%2F5550108%40trunk&app=pacer&channelId=sn-customer");
    await request("POST", "/channels?endpoint=PJSIP%2F2002&app=pacer&channelId=sn-super");
    await settle();
    await request("POST", "/bridges/sn-call?type=mixing");
    await request("POST", "/bridges/sn-call/addChannel?channel=sn-agent");
    await request("POST", "/bridges/sn-call/addChannel?channel=sn-customer");

    expect(await request("POST", "/channels/sn-agent/snoop?spy=sideways&app=pacer")).toEqual({ status: 400, body: { message: "Invalid direction specified for spy" } });
    expect(await request("POST", "/channels/sn-agent/snoop?spy=both&whisper=up&app=pacer")).toEqual({ status: 400, body: { message: "Invalid direction specified for whisper" } });
    expect(await request("POST", "/channels/sn-agent/snoop?app=pacer")).toEqual({ status: 400, body: { message: "Direction must be specified for at least spy or whisper" } });
    expect(await request("POST", "/channels/sn-agent/snoop?spy=both")).toEqual({ status: 400, body: { message: "Application name is required" } });
    expect(await request("POST", "/channels/nobody/snoop?spy=both&app=pacer")).toEqual({ status: 404, body: { message: "Provided channel was not found" } });

    const snoop = await request("POST", "/channels/sn-agent/snoop/sn-snoop?spy=both&whisper=out&app=pacer&appArgs=monitor%2C7");
    expect(snoop.status).toBe(200);
    expect(snoop.body).toMatchObject({ id: "sn-snoop", state: "Up", caller: { name: "", number: "" }, dialplan: { context: "default", exten: "s", app_name: "Stasis", app_data: "pacer,monitor,7" } });
    expect(snoop.body.name).toMatch(/^Snoop\/sn-agent-[0-9a-f]{8}$/);
    expect((await request("POST", "/channels/sn-agent/snoop/sn-snoop?spy=both&app=pacer")).status).toBe(500);
    await request("POST", "/bridges/sn-monitor?type=mixing");
    expect((await request("POST", "/bridges/sn-monitor/addChannel?channel=sn-snoop")).status).toBe(204);
    expect((await request("POST", "/bridges/sn-monitor/addChannel?channel=sn-super")).status).toBe(204);
    expect(engine.hearersOf("sn-super")).toEqual(["sn-agent"]);
    expect(sorted(engine.heardBy("sn-super"))).toEqual(["sn-agent", "sn-customer"]);
    expect((await request("GET", "/channels")).body.map((c: { id: string }) => c.id)).toContain("sn-snoop");

    expect((await request("DELETE", "/channels/sn-agent")).status).toBe(204);
    expect(engine.channel("sn-snoop")).toBeUndefined();
    expect(engine.channel("sn-super")).toBeDefined();
    for (const id of ["sn-customer", "sn-super"]) await request("DELETE", `/channels/${id}`);
    for (const id of ["sn-call", "sn-monitor"]) await request("DELETE", `/bridges/${id}`);
  });
});

describe("ESL: eavesdrop from the inline dialplan", () => {
  it("listens in, switches with uuid_recv_dtmf, and hangs up when the target does", async () => {
    const client = await EslClient.open();
    engine.sampler.script("5550206", { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    for (const [id, dial] of [["ed-agent", "user/2001"], ["ed-customer", "sofia/gateway/gw/5550206"], ["ed-super", "user/2002"]]) {
      expect(await client.api(`originate {origination_uuid=${id},park_after_bridge=true}${dial} &park()`)).toBe(`+OK ${id}\n`);
    }
    expect(await client.api("uuid_bridge ed-customer ed-agent")).toBe("+OK ed-agent\n");
    expect(await client.api("uuid_recv_dtmf")).toBe("-USAGE: <uuid> <dtmf_data>\n");
    expect(await client.api("uuid_recv_dtmf nobody 2")).toBe("-ERR Cannot locate session!\n");

    expect(await client.api("uuid_transfer ed-super set:eavesdrop_enable_dtmf=true,set:eavesdrop_whisper_bleg=true,eavesdrop:ed-agent inline")).toBe("+OK\n");
    await client.until(() => engine.eavesdrops.has("ed-super"));
    const executed = () => client.events.filter((e) => e["Unique-ID"] === "ed-super" && e["Event-Name"] === "CHANNEL_EXECUTE_COMPLETE").map((e) => `${e.Application}:${e["Application-Data"] ?? ""}`);
    expect(executed()).toEqual(["park:", "set:eavesdrop_enable_dtmf=true", "set:eavesdrop_whisper_bleg=true"]);
    expect(sorted(engine.heardBy("ed-super"))).toEqual(["ed-agent", "ed-customer"]);
    expect(engine.hearersOf("ed-super")).toEqual(["ed-agent"]);
    const row = (JSON.parse(await client.api("show channels as json")).rows as Record<string, string>[]).find((r) => r.uuid === "ed-super")!;
    expect(row).toMatchObject({ application: "eavesdrop", application_data: "ed-agent" });

    expect(await client.api("uuid_recv_dtmf ed-super 3")).toBe("+OK ed-super received DTMF 3.\n");
    expect(sorted(engine.hearersOf("ed-super"))).toEqual(["ed-agent", "ed-customer"]);
    expect(await client.api("uuid_recv_dtmf ed-super 1")).toBe("+OK ed-super received DTMF 1.\n");
    expect(engine.hearersOf("ed-super")).toEqual(["ed-customer"]);
    expect(await client.api("uuid_recv_dtmf ed-super 0")).toBe("+OK ed-super received DTMF 0.\n");
    expect(engine.hearersOf("ed-super")).toEqual([]);
    await client.until(() => client.events.filter((e) => e["Event-Name"] === "DTMF" && e["Unique-ID"] === "ed-super").length === 3);
    const dtmf = client.events.filter((e) => e["Event-Name"] === "DTMF" && e["Unique-ID"] === "ed-super");
    expect(dtmf.map((e) => [e["DTMF-Digit"], e["DTMF-Source"], e["DTMF-Duration"]])).toEqual([["3", "APP", "2000"], ["1", "APP", "2000"], ["0", "APP", "2000"]]);

    expect(await client.api("uuid_kill ed-agent")).toBe("+OK\n");
    await client.until(() => client.events.some((e) => e["Unique-ID"] === "ed-super" && e["Event-Name"] === "CHANNEL_DESTROY"));
    const last = client.events.filter((e) => e["Unique-ID"] === "ed-super").slice(-4).map((e) => `${e["Event-Name"]}${e.Application ? `:${e.Application}` : ""}`);
    expect(last).toEqual(["CHANNEL_EXECUTE_COMPLETE:eavesdrop", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_DESTROY"]);
    expect(client.events.find((e) => e["Unique-ID"] === "ed-super" && e["Event-Name"] === "CHANNEL_HANGUP_COMPLETE")).toMatchObject({ "Hangup-Cause": "NORMAL_CLEARING", variable_sip_hangup_disposition: "send_bye" });
    await client.api("hupall");
    client.close();
  });

  it("ignores the switches with eavesdrop_enable_dtmf=false; * ends it; nothing to eavesdrop on returns at once", async () => {
    const client = await EslClient.open();
    for (const [id, dial] of [["ed2-agent", "user/2003"], ["ed2-super", "user/2004"], ["ed2-lone", "user/2005"]]) {
      expect(await client.api(`originate {origination_uuid=${id}}${dial} &park()`)).toBe(`+OK ${id}\n`);
    }
    expect(await client.api("uuid_transfer ed2-super set:eavesdrop_enable_dtmf=false,eavesdrop:ed2-agent inline")).toBe("+OK\n");
    await client.until(() => engine.eavesdrops.has("ed2-super"));
    await client.api("uuid_recv_dtmf ed2-super 3");
    expect(engine.eavesdrops.get("ed2-super")).toMatchObject({ toTarget: false, toPartner: false });
    expect(await client.api("uuid_setvar ed2-super eavesdrop_enable_dtmf true")).toBe("+OK\n");
    await client.api("uuid_recv_dtmf ed2-super *");
    await client.until(() => !engine.channel("ed2-super"));
    expect(engine.channel("ed2-agent")).toBeDefined();

    expect(await client.api("uuid_transfer ed2-lone eavesdrop:no-such-call inline")).toBe("+OK\n");
    await client.until(() => !engine.channel("ed2-lone"));
    await client.until(() => client.events.some((e) => e["Unique-ID"] === "ed2-lone" && e["Event-Name"] === "CHANNEL_DESTROY"));
    const lone = client.events.filter((e) => e["Unique-ID"] === "ed2-lone" && e["Event-Name"] === "CHANNEL_EXECUTE_COMPLETE").map((e) => e.Application);
    expect(lone).toEqual(["park", "eavesdrop"]);
    await client.api("hupall");
    client.close();
  });
});
