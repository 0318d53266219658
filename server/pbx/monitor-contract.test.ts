import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AriDriver } from "./ari/ari-driver";
import type { CallEvent, PbxDriver } from "./driver";
import { EslDriver } from "./esl/esl-driver";
import { startAriServer } from "./sim/ari-server";
import { startEslServer } from "./sim/esl-server";
import { SimEngine } from "./sim/engine";

/**
 * Supervisors listening in, through either driver, over real sockets to the simulator: the
 * simulator's audio model says who hears whom after each step (listen, whisper, barge).
 */
const harnesses = [
  {
    name: "ARI (Asterisk)",
    endpoint: (n: string) => `PJSIP/${n}@trunk`,
    phone: (e: string) => `PJSIP/${e}`,
    start: (engine: SimEngine) => startAriServer({ engine, port: 0 }),
    driver: (port: number): PbxDriver => new AriDriver({ url: `http://127.0.0.1:${port}`, username: "pacer", password: "pacer", reconnect: { initialMs: 50, maxMs: 200 } }),
  },
  {
    name: "ESL (FreeSWITCH)",
    endpoint: (n: string) => `sofia/gateway/trunk/${n}`,
    phone: (e: string) => `user/${e}`,
    start: (engine: SimEngine) => startEslServer({ engine, port: 0 }),
    driver: (port: number): PbxDriver => new EslDriver({ host: "127.0.0.1", port, password: "ClueCon", reconnect: { initialMs: 50, maxMs: 200 } }),
  },
];

describe.each(harnesses)("$name: monitoring a call", (h) => {
  let engine: SimEngine;
  let server: { port: number; close(): Promise<void> };
  let driver: PbxDriver;
  const events: CallEvent[] = [];
  let seq = 0;
  const id = () => `m-${Date.now().toString(36)}-${++seq}`;

  beforeAll(async () => {
    engine = new SimEngine({ timeScale: 0.02 });
    server = await h.start(engine);
    driver = h.driver(server.port);
    driver.on("call", (e: CallEvent) => events.push(e));
    await driver.connect();
  });
  afterAll(async () => {
    await driver.close();
    await server.close();
  });

  const waitFor = async (channelId: string, type: CallEvent["type"]) => {
    const started = Date.now();
    while (!events.some((e) => e.channelId === channelId && e.type === type)) {
      if (Date.now() - started > 3000) throw new Error(`no ${type} for ${channelId}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return events.find((e) => e.channelId === channelId && e.type === type)!;
  };
  const until = async (check: () => boolean) => {
    const started = Date.now();
    while (!check() && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
  };
  /** An agent and a customer talking in a bridge, and a supervisor's phone answered under Pacer's control. */
  async function callWithSupervisor(number: string, agentExt: string, superExt: string) {
    engine.sampler.script(number, { kind: "human", ringSec: 1, talkSec: 5000, dtmf: [] });
    const agent = id();
    const customer = id();
    const supervisor = id();
    await driver.originate({ channelId: agent, endpoint: h.phone(agentExt), ringTimeoutSec: 30, onAnswer: { kind: "control", args: ["agent", "1"] } });
    await driver.originate({ channelId: customer, endpoint: h.endpoint(number), ringTimeoutSec: 30, onAnswer: { kind: "control" } });
    await waitFor(agent, "answered");
    await waitFor(customer, "answered");
    const bridgeId = id();
    await driver.createBridge(bridgeId);
    await driver.addToBridge(bridgeId, agent);
    await driver.addToBridge(bridgeId, customer);
    await waitFor(customer, "bridge_entered");
    await driver.originate({ channelId: supervisor, endpoint: h.phone(superExt), ringTimeoutSec: 30, onAnswer: { kind: "control", args: ["monitor", "1"] } });
    await waitFor(supervisor, "answered");
    return { agent, customer, supervisor, bridgeId };
  }

  it("listens, whispers to the agent, barges in, goes back to listening, and leaves the call as it was", async () => {
    const { agent, customer, supervisor, bridgeId } = await callWithSupervisor("5550013", "2001", "2002");
    const hears = () => [...engine.heardBy(supervisor)].sort();
    const heardBy = () => [...engine.hearersOf(supervisor)].sort();

    await driver.startMonitor(supervisor, { agentChannelId: agent, bridgeId }, "listen");
    await until(() => hears().length === 2);
    expect(hears()).toEqual([agent, customer].sort());
    expect(heardBy()).toEqual([]);

    await driver.setMonitorMode(supervisor, "whisper");
    await until(() => heardBy().length === 1);
    expect(heardBy()).toEqual([agent]);
    expect(hears()).toEqual([agent, customer].sort());

    await driver.setMonitorMode(supervisor, "barge");
    await until(() => heardBy().length === 2);
    expect(heardBy()).toEqual([agent, customer].sort());

    await driver.setMonitorMode(supervisor, "listen");
    await until(() => heardBy().length === 0);
    expect(heardBy()).toEqual([]);
    expect(hears()).toEqual([agent, customer].sort());

    await driver.hangup(supervisor);
    await waitFor(supervisor, "hangup");
    // Nothing of the monitoring is left (snoop channels, eavesdrops), and the call goes on.
    await until(() => [...engine.channels.values()].every((c) => !c.snoop) && engine.eavesdrops.size === 0);
    expect([...engine.channels.values()].filter((c) => c.snoop)).toEqual([]);
    expect(engine.eavesdrops.size).toBe(0);
    expect(engine.heardBy(customer)).toEqual([agent]);
    expect(engine.heardBy(agent)).toEqual([customer]);
    await expect(driver.setMonitorMode(supervisor, "whisper")).rejects.toMatchObject({ name: "PbxError", code: "not_found" });
    await driver.hangup(customer);
    await driver.hangup(agent);
  });

  it("starts in whisper, refuses a second start, and ends with the agent's leg", async () => {
    const { agent, customer, supervisor, bridgeId } = await callWithSupervisor("5550014", "2003", "2004");
    await driver.startMonitor(supervisor, { agentChannelId: agent, bridgeId }, "whisper");
    await until(() => engine.hearersOf(supervisor).length === 1);
    expect(engine.hearersOf(supervisor)).toEqual([agent]);
    await expect(driver.startMonitor(supervisor, { agentChannelId: agent, bridgeId }, "listen")).rejects.toMatchObject({ code: "conflict" });
    await driver.hangup(agent);
    await waitFor(agent, "hangup");
    // FreeSWITCH's eavesdrop returns and the inline dialplan hangs the supervisor up; on Asterisk
    // the snoop channel goes and the supervisor is left alone in its bridge, for Pacer to hang up.
    if (h.name.startsWith("ESL")) expect(await waitFor(supervisor, "hangup")).toMatchObject({ cause: 16 });
    else {
      await until(() => [...engine.channels.values()].every((c) => !c.snoop));
      expect(engine.heardBy(supervisor)).toEqual([]);
      await driver.hangup(supervisor);
    }
    await driver.hangup(customer).catch(() => {});
  });
});
