import { describe, expect, it } from "vitest";
import { agentUser, allPages, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";
import type { Client } from "../support/api";
import { webhookReceiver } from "../support/webhook-receiver";

/**
 * The agent console's own API, against a running Pacer dialing through the simulator: the lead's
 * history and numbers (only the lead the agent is on), hanging up, a callback picked in the lead's
 * time zone, and breaks with reason codes.
 */
async function agentState(api: Client, id: number) {
  return (await api.get(`/agents/${id}`)).body.data as { state: string; break_reason: string | null };
}

describe("agent console", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 61 }, { driver: "ari" });

  it("shows the lead's history to its agent only, edits its numbers, hangs up, and stores a callback picked in the lead's zone in UTC", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base } = suite;
    const A = "15557210001";
    const OTHER = "15557210002";
    // A person who answers at once and talks for far longer than the test: the agent hangs up.
    rig.sim.engine.sampler.script(A, { kind: "human", ringSec: 10, talkSec: 100_000, dtmf: [] });
    const created = await admin.post("/campaigns", dialerCampaign("Console", { dial_mode: "progressive", wrapup_sec: 0, calling_hours_start: "00:00", calling_hours_end: "23:59" }));
    expect(created.status).toBe(201);
    const id = created.body.data.id as number;
    expect((await admin.post(`/campaigns/${id}/numbers`, { phone_number: A, timezone: "America/New_York", data: { name: "Ada" } })).status).toBe(201);
    // Another campaign's lead, never dialed: no agent is on it.
    const otherCampaign = (await admin.post("/campaigns", dialerCampaign("Console other"))).body.data.id as number;
    expect((await admin.post(`/campaigns/${otherCampaign}/numbers`, { phone_number: OTHER })).status).toBe(201);
    const [otherLead] = await allPages(admin, `/campaigns/${otherCampaign}/numbers`);

    const me = await agentUser(admin, base, "Console Agent", "2201");
    const colleague = await agentUser(admin, base, "Console Colleague", "2202");
    // No call yet: nothing to hang up.
    expect((await me.api.post(`/agents/${me.id}/hangup`)).status).toBe(409);
    expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
    await waitFor("agent ready", async () => (await agentState(me.api, me.id)).state === "available", 20_000);
    expect((await admin.post(`/campaigns/${id}/start`)).status).toBe(200);

    const call = await waitFor("the call put through", async () => {
      const c = (await me.api.get("/agents/me")).body.data.call;
      return c && c.answered_at && !c.ended_at && c.phone_number === A ? c : undefined;
    }, 30_000, 100);
    // The screen pop names the zone the lead is called in, and where it came from.
    expect(call.lead).toMatchObject({ phone_number: A, time_zone: { zone: "America/New_York", source: "lead" }, phones: [{ phone_number: A }] });
    const leadId = call.lead.id as number;

    // The call in progress is in the lead's history; other leads are not the agent's to read or edit.
    const during = await me.api.get(`/agents/${me.id}/leads/${leadId}/history`);
    expect(during.status).toBe(200);
    expect(during.body.data.attempts).toHaveLength(1);
    expect(during.body.data.attempts[0]).toMatchObject({ phone_number: A, attempt_no: 1, outcome: null, agent: "Console Agent" });
    const denied = await me.api.get(`/agents/${me.id}/leads/${otherLead.id}/history`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toMatch(/not on this lead/);
    expect((await me.api.put(`/agents/${me.id}/leads/${otherLead.id}/phones`, { phones: ["15557210099"] })).status).toBe(403);
    // Nor another agent's console.
    expect((await colleague.api.get(`/agents/${me.id}/leads/${leadId}/history`)).status).toBe(403);
    // While the lead is being called its numbers stay as dialed.
    expect((await me.api.put(`/agents/${me.id}/leads/${leadId}/phones`, { phones: ["15557210003"] })).status).toBe(409);

    // H: the agent hangs up; the simulator's channel goes, and the call ends as answered.
    const hangup = await me.api.post(`/agents/${me.id}/hangup`);
    expect(hangup.status).toBe(202);
    expect(hangup.body.data).toMatchObject({ agent_id: me.id, phone_number: A });
    await waitFor("the call ended", async () => (await me.api.get("/agents/me")).body.data.call?.ended_at);
    await waitFor("the simulator's channel gone", async () => ![...rig.sim.engine.channels.values()].some((c) => c.number === A));

    // A callback at 10:00 in New York: 15:00 UTC in winter (EST, −5), 14:00 UTC in summer (EDT, −4).
    const bad = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "CALLBACK", callback_local: "2027-02-30T10:00" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.callback_local?.[0]).toMatch(/YYYY-MM-DDTHH:MM/);
    const both = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "CALLBACK", callback_local: "2027-01-15T10:00", callback_at: "2027-01-15T15:00:00Z" });
    expect(both.status).toBe(400);
    const past = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "CALLBACK", callback_local: "2020-01-15T10:00" });
    expect(past.status).toBe(400);
    expect(past.body.errors?.callback_local?.[0]).toMatch(/future/);

    // Each disposition is also a signed lead.disposed webhook.
    const hook = await webhookReceiver();
    const sub = await admin.post("/webhooks", { name: "Dispositions", url: hook.url, event_types: ["lead.disposed"] });
    expect(sub.status).toBe(201);
    hook.useSecret(sub.body.data.secret);

    const summer = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "CALLBACK", callback_local: "2027-07-15T10:00", notes: "Call after the school run" });
    expect(summer.status).toBe(200);
    expect(summer.body.data).toMatchObject({ disposition: "CALLBACK", lead_status: "pending", next_attempt_at: "2027-07-15 14:00:00" });
    const winter = await me.api.post(`/agents/${me.id}/disposition`, { disposition: "CALLBACK", callback_local: "2027-01-15T10:00", notes: "Wants a winter call" });
    expect(winter.status).toBe(200);
    expect(winter.body.data.next_attempt_at).toBe("2027-01-15 15:00:00");
    expect((await admin.get(`/numbers/${leadId}`)).body.data).toMatchObject({ next_attempt_at: "2027-01-15 15:00:00", disposition: "CALLBACK" });
    await waitFor("both dispositions at the receiver", async () => hook.received.length === 2, 20_000);
    await hook.close();
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
    expect(hook.received.map((r) => r.json.data.notes).sort()).toEqual(["Call after the school run", "Wants a winter call"]);
    for (const r of hook.received) {
      expect(r.json).toMatchObject({ type: "lead.disposed", data: { lead_id: leadId, campaign_id: id, agent_id: me.id, phone_number: A, disposition: "CALLBACK", lead_status: "pending", applied: "now" } });
    }
    expect((await admin.del(`/webhooks/${sub.body.data.id}`)).status).toBe(200);

    // The history now shows how the call ended, the agent's word and notes.
    const after = await me.api.get(`/agents/${me.id}/leads/${leadId}/history`);
    expect(after.body.data.attempts[0]).toMatchObject({
      outcome: "answered",
      disposition: "CALLBACK",
      callback_at: "2027-01-15 15:00:00",
      notes: "Wants a winter call",
      agent: "Console Agent",
    });
    expect(after.body.data.attempts[0].talk_sec).toBeGreaterThanOrEqual(0);

    // The call over, the agent edits the lead's numbers as the lists do, audited with the agent.
    const edited = await me.api.put(`/agents/${me.id}/leads/${leadId}/phones`, { phones: ["15557210004"] });
    expect(edited.status).toBe(200);
    expect(edited.body.data.phones.map((p: { phone_number: string }) => p.phone_number)).toEqual([A, "15557210004"]);
    const badNumber = await me.api.put(`/agents/${me.id}/leads/${leadId}/phones`, { phones: ["12"] });
    expect(badNumber.status).toBe(400);
    expect(Object.keys(badNumber.body.errors ?? {})).toContain("phones.0");
    const audit = (await admin.get(`/audit?entity_type=number&entity_id=${leadId}&per_page=50`)).body.data as { action: string; details: any }[];
    const entry = audit.find((a) => a.action === "number.update");
    expect(entry?.details).toMatchObject({ agent_id: me.id, changes: { phones: { from: [A], to: [A, "15557210004"] } } });
    const hangups = (await admin.get(`/audit?entity_type=agent&entity_id=${me.id}&per_page=50`)).body.data as { action: string; details: any }[];
    expect(hangups.find((a) => a.action === "agent.hangup")?.details).toMatchObject({ lead_id: leadId, phone_number: A });

    expect((await admin.post(`/campaigns/${id}/stop`)).status).toBe(200);
    expect((await me.api.post(`/agents/${me.id}/logout`)).status).toBe(200);
  });

  it("pauses with a reason code, shows it to supervisors, refuses unknown reasons, and reports break time by reason", { timeout: 60_000 }, async () => {
    const { api: admin, base } = suite;
    const created = await admin.post("/campaigns", dialerCampaign("Pauses", { dial_mode: "progressive" }));
    const id = created.body.data.id as number;
    const me = await agentUser(admin, base, "Pausing Agent", "2203");
    expect((await me.api.post(`/agents/${me.id}/login`, { campaign_id: id })).status).toBe(200);
    await waitFor("agent ready", async () => (await agentState(me.api, me.id)).state === "available", 20_000);

    const unknown = await me.api.post(`/agents/${me.id}/state`, { state: "on_break", reason: "nap" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.reason?.[0]).toMatch(/break, lunch, training, meeting, coaching, technical, other/);
    const misplaced = await me.api.post(`/agents/${me.id}/state`, { state: "available", reason: "lunch" });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.errors?.reason?.[0]).toMatch(/only for state on_break/);

    const lunch = await me.api.post(`/agents/${me.id}/state`, { state: "on_break", reason: "lunch" });
    expect(lunch.status).toBe(200);
    expect(lunch.body.data.break_reason).toBe("lunch");
    await waitFor("on a lunch break", async () => (await agentState(me.api, me.id)).state === "on_break");
    // Supervisors see the reason on the agents list.
    const listed = ((await admin.get(`/agents?campaign_id=${id}`)).body.data as { id: number; state: string; break_reason: string | null }[]).find((a) => a.id === me.id);
    expect(listed).toMatchObject({ state: "on_break", break_reason: "lunch" });

    // A new reason while on break starts a new stretch.
    expect((await me.api.post(`/agents/${me.id}/state`, { state: "on_break", reason: "training" })).status).toBe(200);
    await waitFor("on a training break", async () => {
      const report = (await admin.get(`/reports/agents?campaign_id=${id}`)).body.data;
      const row = report.rows.find((r: { agent_id: number }) => r.agent_id === me.id);
      return row && "training" in row.break_by_reason ? row : undefined;
    });
    expect((await agentState(me.api, me.id)).break_reason).toBe("training");
    expect((await me.api.post(`/agents/${me.id}/state`, { state: "available" })).status).toBe(200);
    await waitFor("ready again", async () => (await agentState(me.api, me.id)).state === "available");
    expect((await agentState(me.api, me.id)).break_reason).toBeNull();

    const report = (await admin.get(`/reports/agents?campaign_id=${id}`)).body.data;
    const row = report.rows.find((r: { agent_id: number }) => r.agent_id === me.id);
    expect(Object.keys(row.break_by_reason).sort()).toEqual(["lunch", "training"]);
    expect(row.break_sec).toBe(row.break_by_reason.lunch + row.break_by_reason.training);

    const audit = (await admin.get(`/audit?entity_type=agent&entity_id=${me.id}&per_page=50`)).body.data as { action: string; details: any }[];
    expect(audit.filter((a) => a.action === "agent.state").map((a) => a.details)).toContainEqual(expect.objectContaining({ requested: "on_break", reason: "training", was_reason: "lunch" }));
    expect((await me.api.post(`/agents/${me.id}/logout`)).status).toBe(200);
  });
});
