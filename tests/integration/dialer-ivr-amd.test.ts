import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "../support/api";
import { allPages, dialerCampaign, dialerRig, waitFor, type DialerRig } from "../support/dialer";

/**
 * What happens once a call is answered, when nobody's agent takes it: an IVR menu played by Pacer
 * with DTMF actions (extension, opt-out to DNC, callback, no input), answering-machine detection
 * with a message left on machines, and predictive pacing with agents.
 */
describe("IVR, AMD and predictive campaigns", () => {
  let rig: DialerRig;
  let api: Client;
  const played: { channelId: string; media: string }[] = [];
  beforeAll(async () => {
    rig = await dialerRig({ timeScale: 0.01, seed: 51 });
    rig.sim.engine.on("playbackStarted", (pb) => played.push({ channelId: pb.channelId, media: pb.media }));
    ({ api } = await rig.start({ driver: "ari" }));
  });
  afterAll(() => rig?.close());

  const campaign = async (over: Record<string, unknown>) => {
    const r = await api.post("/campaigns", dialerCampaign(`C ${Math.random()}`, { concurrent_calls: 10, ...over }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.id as number;
  };
  const human = (digit?: string) => ({ kind: "human" as const, ringSec: 2, talkSec: 400, dtmf: digit ? [{ atSec: 60, digit }] : [] });
  /** Campaign `id` dials an answering machine and a person to the end: their CDRs, by number. */
  const machineAndPerson = async (id: number, machine: string, person: string) => {
    rig.sim.engine.sampler.script(machine, { kind: "machine", ringSec: 2, amdSec: 2.5, greetingSec: 10 });
    rig.sim.engine.sampler.script(person, human());
    await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: [machine, person].map((phone_number) => ({ phone_number })) });
    await api.post(`/campaigns/${id}/start`);
    await waitFor("campaign completed", async () => (await api.get(`/campaigns/${id}`)).body.data.status === "completed", 40_000);
    return Object.fromEntries((await allPages(api, `/cdr?campaign_id=${id}`)).map((r) => [r.destination, r]));
  };

  it("runs the campaign's IVR menu: an extension, a DNC opt-out, a callback, and silence", { timeout: 60_000 }, async () => {
    const menu = await api.post("/ivr", {
      name: "Renewals",
      audio_file: "custom/renewal-menu",
      timeout: 2,
      actions: [
        { dtmf_digit: "1", action_type: "exten", action_value: "100" },
        { dtmf_digit: "2", action_type: "callback", action_value: "30" },
        { dtmf_digit: "9", action_type: "dnc" },
      ],
    });
    expect(menu.status).toBe(201);
    const id = await campaign({ agent_dest_type: "ivr", agent_dest_value: String(menu.body.data.id) });
    const [toAgent, callback, optOut, silent] = ["15554440001", "15554440002", "15554440003", "15554440004"];
    rig.sim.engine.sampler.script(toAgent, human("1"));
    rig.sim.engine.sampler.script(callback, human("2"));
    rig.sim.engine.sampler.script(optOut, human("9"));
    rig.sim.engine.sampler.script(silent, { ...human(), talkSec: 3000 });
    await api.post(`/campaigns/${id}/numbers/bulk`, { numbers: [toAgent, callback, optOut, silent].map((phone_number) => ({ phone_number })) });
    await api.post(`/campaigns/${id}/start`);
    await waitFor("all four calls over", async () => (await api.get(`/campaigns/${id}/stats`)).body.data.total_calls === 4 || undefined, 40_000);

    const leads = Object.fromEntries((await allPages(api, `/campaigns/${id}/numbers`)).map((l) => [l.phone_number, l]));
    const cdr = Object.fromEntries((await allPages(api, `/cdr?campaign_id=${id}`)).map((r) => [r.destination, r]));
    expect(cdr[toAgent]).toMatchObject({ disposition: "answered", agent: "100" });
    expect(leads[toAgent].status).toBe("answered");
    expect(leads[optOut]).toMatchObject({ status: "dnc", disposition: "DNC" });
    expect((await api.get(`/dnc/check?phone_number=${optOut}&campaign_id=${id}`)).body.data.dnc).toBe(true);
    expect(leads[callback]).toMatchObject({ status: "pending", disposition: "CALLBACK" });
    const due = Date.parse(leads[callback].next_attempt_at + "Z") - Date.now();
    expect(due).toBeGreaterThan(25 * 60_000);
    expect(due).toBeLessThan(31 * 60_000);
    // Nobody pressed anything: the menu played three times, then Pacer hung up.
    const silentPlays = played.filter((p) => p.channelId === cdr[silent].channel_id).map((p) => p.media);
    expect(silentPlays).toEqual(["sound:custom/renewal-menu", "sound:custom/renewal-menu", "sound:custom/renewal-menu"]);
    expect(leads[silent].status).toBe("answered");
    expect(played.filter((p) => p.channelId === cdr[optOut].channel_id).map((p) => p.media)).toEqual(["sound:custom/renewal-menu", "sound:pacer/dnc-confirmed"]);
    // The callback keeps the campaign running until it is due.
    expect((await api.get(`/campaigns/${id}`)).body.data.status).toBe("running");
    await api.post(`/campaigns/${id}/stop`);
  });

  it("detects answering machines, leaves the campaign's message on them, and sends people on", { timeout: 60_000 }, async () => {
    const id = await campaign({ amd_enabled: 1, machine_action: "message", machine_message: "custom/sorry-we-missed-you" });
    const [machine, person] = ["15554450001", "15554450002"];
    const cdr = await machineAndPerson(id, machine, person);
    expect(cdr[machine]).toMatchObject({ disposition: "answered", amd_result: "MACHINE", abandoned: 0 });
    expect(cdr[person]).toMatchObject({ disposition: "answered", amd_result: "HUMAN", agent: "100" });
    expect(played.filter((p) => p.channelId === cdr[machine].channel_id).map((p) => p.media)).toEqual(["sound:custom/sorry-we-missed-you"]);
    const leads = Object.fromEntries((await allPages(api, `/campaigns/${id}/numbers`)).map((l) => [l.phone_number, l]));
    expect(leads[machine].status).toBe("no_answer");
    expect(leads[person].status).toBe("answered");
    // A machine is not a live answer: it does not count towards the abandonment rate's base.
    expect((await api.get(`/campaigns/${id}/stats`)).body.data).toMatchObject({ answered_calls: 2, abandoned_calls: 0 });
  });

  it("under the UK rule, turns AMD off when the false-positive estimate would spend the cap, and machines go on like people", { timeout: 60_000 }, async () => {
    const settings = { amd_enabled: 1, machine_action: "hangup", abandon_rule: "uk", amd_false_positive_rate: 0.05 };
    const id = await campaign(settings);
    expect((await api.get(`/campaigns/${id}`)).body.data).toMatchObject({ abandon_rule: "uk", amd_false_positive_rate: 0.05 });
    const [machine, person] = ["15554460001", "15554460002"];
    const cdr = await machineAndPerson(id, machine, person);
    // No AMD step: neither call has a result, and both reached the destination.
    expect(cdr[machine]).toMatchObject({ disposition: "answered", amd_result: null, agent: "100" });
    expect(cdr[person]).toMatchObject({ disposition: "answered", amd_result: null, agent: "100" });

    // The same estimate under the US rule keeps AMD on.
    const us = await campaign({ ...settings, abandon_rule: "us" });
    const [machine2, person2] = ["15554460003", "15554460004"];
    const cdr2 = await machineAndPerson(us, machine2, person2);
    expect(cdr2[machine2]).toMatchObject({ amd_result: "MACHINE" });
    expect(cdr2[person2]).toMatchObject({ amd_result: "HUMAN", agent: "100" });

    const bad = await api.post("/campaigns", dialerCampaign("bad rule", { abandon_rule: "eu", amd_false_positive_rate: 2 }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors ?? {})).toEqual(expect.arrayContaining(["abandon_rule", "amd_false_positive_rate"]));
  });

  it("paces a predictive campaign with the pacing module, never dials with no agent, and keeps rates equal to the CDR", { timeout: 300_000 }, async () => {
    const id = await campaign({ dial_mode: "predictive", wrapup_sec: 1 });
    const numbers = Array.from({ length: 300 }, (_, i) => ({ phone_number: `1555${String(3_000_000 + i)}` }));
    await api.post(`/campaigns/${id}/numbers/bulk`, { numbers });
    await api.post(`/campaigns/${id}/start`);
    // No agent logged in: nothing is dialed.
    await new Promise((r) => setTimeout(r, 1500));
    expect(rig.sim.engine.callLog.filter((c) => c.number.startsWith("15553")).length).toBe(0);
    expect((await api.get(`/campaigns/${id}/runtime`)).body.data.pacing).toMatchObject({ mode: "idle", lines: 0 });
    const agents: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await api.post("/agents", { name: `Pred ${i}`, extension: String(2101 + i) });
      agents.push(a.body.data.id);
      await api.post(`/agents/${a.body.data.id}/login`, { campaign_id: id });
    }
    const modes = new Set<string>();
    await waitFor("campaign completed", async () => {
      const rt = (await api.get(`/campaigns/${id}/runtime`)).body.data;
      if (rt.pacing) modes.add(rt.pacing.mode);
      return (await api.get(`/campaigns/${id}`)).body.data.status === "completed";
    }, 270_000, 300);
    // It starts progressive (too little data) and turns predictive once it has seen enough dials.
    expect(modes.has("predictive")).toBe(true);
    const cdr = await allPages(api, `/cdr?campaign_id=${id}`);
    expect(cdr).toHaveLength(300);
    const live = cdr.filter((r) => r.disposition === "answered" && r.amd_result !== "MACHINE");
    const abandoned = cdr.filter((r) => r.abandoned === 1);
    for (const r of live.filter((x) => x.abandoned === 0)) expect(r.agent).toMatch(/^Pred \d$/);
    const stats = (await api.get(`/campaigns/${id}/stats`)).body.data;
    expect(stats.abandoned_calls).toBe(abandoned.length);
    expect(stats.abandon_rate_30d).toBeCloseTo(abandoned.length / live.length, 3);
    for (const a of agents) await api.post(`/agents/${a}/logout`);
  });
});
