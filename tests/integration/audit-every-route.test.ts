import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, baseUrl, type Client } from "../support/api";
import { agentUser, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";
import { sampleSurvey } from "../support/surveys";
import { webhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Every change the API can make leaves an audit row. The operations are read from
 * /api/openapi.json; each POST/PUT/PATCH/DELETE in it must have an entry below (or a reasoned
 * exemption), so a new route fails this test until it is added. Each entry builds what its request
 * needs, then the test sends that one valid request and waits for a new audit row naming the
 * entry's action and entity type.
 *
 * The routes run on a Pacer of this suite's own, dialing through a simulator in the test process
 * (the agent's call, the monitor, the preview and the probe need real calls). The demo routes run
 * on the shared test server: the demo needs the built-in simulator inside Pacer's process.
 */

type Request = {
  /** Path parameters in the order of the path's `{...}`. */
  ids?: (number | string)[];
  body?: unknown;
  /** A body sent as is, with its content type (CSV uploads, say). */
  raw?: { type: string; text: string };
  /** Who sends it: the suite's admin session unless given. */
  auth?: { token?: string; cookie?: string };
  /** The server it goes to: the suite's Pacer unless given. */
  base?: string;
};
type Entry = { action: string; entity: string; prepare: () => Promise<Request>; status?: number[] };

/** Operations that change nothing, so write no audit row. */
const EXEMPT: Record<string, string> = {
  "POST /pbx/test": "tests a PBX connection from a form's values; nothing is stored",
  "POST /pbx/{id}/test": "tests a stored PBX connection; nothing is changed",
};

const suite = rigForSuite({ timeScale: 0.01, seed: 141 }, { driver: "ari" });

/** State the entries share, filled in as they run (in the order of the table). */
const fx: Record<string, any> = {};
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;
const phone = () => `1555714${String(++seq).padStart(4, "0")}`;
const ok = (r: { status: number; body: { data?: unknown } }, what: string): any => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.data;
};
const admin = () => suite.api;
const agentConsole = async (c: Client) => (await c.get("/agents/me")).body.data;
const receivers: WebhookReceiver[] = [];

/** A campaign that never dials by itself (its schedule starts in 2099). */
async function idleCampaign(): Promise<number> {
  return ok(await admin().post("/campaigns", dialerCampaign(`Audit ${unique()}`, { schedule: { from: "2099-01-01" } })), "campaign").id;
}

async function callingAgent() {
  if (fx.agent) return fx.agent;
  const A = phone();
  // Answers at once and talks far longer than the test: the agent hangs up.
  suite.rig.sim.engine.sampler.script(A, { kind: "human", ringSec: 1, talkSec: 100_000, dtmf: [] });
  const campaign = ok(await admin().post("/campaigns", dialerCampaign(`Audit calls ${unique()}`, { dial_mode: "progressive", wrapup_sec: 0, calling_hours_start: "00:00", calling_hours_end: "23:59" })), "campaign").id;
  ok(await admin().post(`/campaigns/${campaign}/numbers`, { phone_number: A }), "number");
  const me = await agentUser(admin(), suite.base, "Audit Agent", "2301");
  fx.agent = { ...me, campaign, phone: A };
  return fx.agent;
}

function reminder() {
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  return { contact_name: `Audit ${unique()}`, phone_number: phone(), appointment_at: `${day} 10:00`, timezone: "Asia/Kathmandu", message: "custom/appointment-reminder", call_before_min: 60, trunk_value: "carrier" };
}

const TABLE: Record<string, Entry> = {
  "POST /tokens": { action: "token.create", entity: "api_token", prepare: async () => ({ body: { name: `audit ${unique()}` } }) },
  "DELETE /tokens/{id}": {
    action: "token.revoke",
    entity: "api_token",
    prepare: async () => ({ ids: [ok(await admin().post("/tokens", { name: `revoked ${unique()}` }), "token").id] }),
  },
  "POST /users": {
    action: "user.create",
    entity: "user",
    prepare: async () => {
      const username = `audit${unique()}`;
      return { body: { username, password: `password-${username}`, email: `${username}@example.com`, role: "supervisor" } };
    },
  },
  "PUT /users/{id}": {
    action: "user.update",
    entity: "user",
    prepare: async () => {
      const username = `audit${unique()}`;
      fx.user = ok(await admin().post("/users", { username, password: `password-${username}`, email: `${username}@example.com`, role: "supervisor" }), "user").id;
      return { ids: [fx.user], body: { email: `changed-${username}@example.com` } };
    },
  },
  "DELETE /users/{id}": { action: "user.delete", entity: "user", prepare: async () => ({ ids: [fx.user] }) },

  "POST /campaigns": { action: "campaign.create", entity: "campaign", prepare: async () => ({ body: dialerCampaign(`Audit ${unique()}`, { schedule: { from: "2099-01-01" } }) }) },
  "PUT /campaigns/{id}": { action: "campaign.update", entity: "campaign", prepare: async () => ({ ids: [(fx.campaign = await idleCampaign())], body: { concurrent_calls: 4 } }) },
  "POST /campaigns/{id}/numbers": { action: "number.create", entity: "campaign", prepare: async () => ({ ids: [fx.campaign], body: { phone_number: phone() } }) },
  "POST /campaigns/{id}/numbers/bulk": {
    action: "number.bulk_create",
    entity: "campaign",
    prepare: async () => ({ ids: [fx.campaign], body: { numbers: [{ phone_number: phone() }, { phone_number: phone() }] } }),
  },
  "PUT /numbers/{id}": {
    action: "number.update",
    entity: "number",
    prepare: async () => {
      const numbers = ok(await admin().get(`/campaigns/${fx.campaign}/numbers`), "numbers") as { id: number }[];
      fx.lead = numbers[0].id;
      return { ids: [fx.lead], body: { phone_number: phone() } };
    },
  },
  "DELETE /numbers/{id}": { action: "number.delete", entity: "number", prepare: async () => ({ ids: [fx.lead] }) },
  "PUT /campaigns/{id}/trunks": {
    action: "campaign.trunks",
    entity: "campaign",
    prepare: async () => {
      fx.trunk = ok(await admin().post("/trunks", { name: `audit-${unique()}`, type: "pjsip", value: "carrier", probe_number: phone() }), "trunk").id;
      return { ids: [fx.campaign], body: { trunks: [{ trunk_id: fx.trunk, weight: 1, priority: 0 }] } };
    },
  },
  "POST /campaigns/{id}/start": { action: "campaign.start", entity: "campaign", prepare: async () => ({ ids: [fx.campaign] }) },
  "POST /campaigns/{id}/pause": { action: "campaign.pause", entity: "campaign", prepare: async () => ({ ids: [fx.campaign] }) },
  "POST /campaigns/{id}/resume": { action: "campaign.resume", entity: "campaign", prepare: async () => ({ ids: [fx.campaign] }) },
  "POST /campaigns/{id}/stop": { action: "campaign.stop", entity: "campaign", prepare: async () => ({ ids: [fx.campaign] }) },

  "POST /lists": { action: "list.create", entity: "list", prepare: async () => ({ body: { name: `Audit list ${unique()}`, campaign_id: fx.campaign } }) },
  "PUT /lists/{id}": {
    action: "list.update",
    entity: "list",
    prepare: async () => ({ ids: [(fx.list = ok(await admin().post("/lists", { name: `Audit list ${unique()}`, campaign_id: fx.campaign }), "list").id)], body: { description: "changed" } }),
  },
  "POST /lists/{id}/leads": { action: "lead.create", entity: "list", prepare: async () => ({ ids: [fx.list], body: { phone_number: phone(), custom: { name: "Ada" } } }) },
  "POST /lists/{id}/import": { action: "list.import", entity: "list", prepare: async () => ({ ids: [fx.list], raw: { type: "text/csv", text: `phone,name\n${phone()},Grace\n${phone()},Alan\n` } }) },
  "DELETE /lists/{id}": {
    action: "list.delete",
    entity: "list",
    prepare: async () => {
      await waitFor("the import done", async () => ((ok(await admin().get(`/lists/${fx.list}/imports`), "imports") as { status: string }[])[0]?.status ?? "") === "completed", 20_000);
      return { ids: [fx.list] };
    },
  },
  "DELETE /campaigns/{id}": { action: "campaign.delete", entity: "campaign", prepare: async () => ({ ids: [fx.campaign] }) },

  "POST /dnc": { action: "dnc.add", entity: "dnc_number", prepare: async () => ({ body: { phone_number: phone() } }) },
  "POST /dnc/bulk": { action: "dnc.bulk_add", entity: "dnc_list", prepare: async () => ({ body: { numbers: [{ phone_number: phone() }, { phone_number: phone() }] } }) },
  "DELETE /dnc/{id}": { action: "dnc.delete", entity: "dnc_number", prepare: async () => ({ ids: [ok(await admin().post("/dnc", { phone_number: phone() }), "dnc").id] }) },

  "POST /ivr": { action: "ivr.create", entity: "ivr_menu", prepare: async () => ({ body: { name: `Audit menu ${unique()}` } }) },
  "PUT /ivr/{id}": { action: "ivr.update", entity: "ivr_menu", prepare: async () => ({ ids: [(fx.ivr = ok(await admin().post("/ivr", { name: `Audit menu ${unique()}` }), "ivr").id)], body: { timeout: 7 } }) },
  "DELETE /ivr/{id}": { action: "ivr.delete", entity: "ivr_menu", prepare: async () => ({ ids: [fx.ivr] }) },

  "POST /surveys": { action: "survey.create", entity: "survey", prepare: async () => ({ body: sampleSurvey() }) },
  "PUT /surveys/{id}": { action: "survey.update", entity: "survey", prepare: async () => ({ ids: [(fx.survey = ok(await admin().post("/surveys", sampleSurvey()), "survey").id)], body: { description: "changed" } }) },
  "DELETE /surveys/{id}": { action: "survey.delete", entity: "survey", prepare: async () => ({ ids: [fx.survey] }) },

  "POST /pbx": {
    action: "pbx.create",
    entity: "pbx_server",
    // Nothing listens there: the server is kept, disabled, only to be audited.
    prepare: async () => ({ body: { kind: "asterisk", name: `audit-${unique()}`, ari_url: "http://127.0.0.1:9/ari", ari_username: "pacer", password: "secret", enabled: false } }),
  },
  "PUT /pbx/{id}": {
    action: "pbx.update",
    entity: "pbx_server",
    prepare: async () => {
      fx.pbx = ok(await admin().post("/pbx", { kind: "asterisk", name: `audit-${unique()}`, ari_url: "http://127.0.0.1:9/ari", ari_username: "pacer", password: "secret", enabled: false }), "pbx").id;
      return { ids: [fx.pbx], body: { name: `audit-${unique()}` } };
    },
  },
  "DELETE /pbx/{id}": { action: "pbx.delete", entity: "pbx_server", prepare: async () => ({ ids: [fx.pbx] }) },

  "POST /trunks": { action: "trunk.create", entity: "trunk", prepare: async () => ({ body: { name: `audit-${unique()}`, type: "pjsip", value: "carrier" } }) },
  "PUT /trunks/{id}": { action: "trunk.update", entity: "trunk", prepare: async () => ({ ids: [fx.trunk], body: { max_cps: 5 } }) },
  "POST /providers/{id}/probe": {
    action: "trunk.probe",
    entity: "trunk",
    status: [200, 202],
    prepare: async () => {
      const probe = ok(await admin().get(`/trunks/${fx.trunk}`), "trunk").probe_number as string;
      suite.rig.sim.engine.sampler.script(probe, { kind: "human", ringSec: 1, talkSec: 2, dtmf: [] });
      return { ids: [fx.trunk] };
    },
  },
  "DELETE /trunks/{id}": { action: "trunk.delete", entity: "trunk", prepare: async () => ({ ids: [ok(await admin().post("/trunks", { name: `audit-${unique()}`, type: "pjsip", value: "carrier" }), "trunk").id] }) },

  "POST /webhooks": { action: "webhook.create", entity: "webhook", prepare: async () => ({ body: { name: `audit ${unique()}`, url: fx.receiver.url, event_types: ["campaign.status_changed"] } }) },
  "PUT /webhooks/{id}": {
    action: "webhook.update",
    entity: "webhook",
    prepare: async () => {
      fx.webhook = ok(await admin().post("/webhooks", { name: `audit ${unique()}`, url: fx.receiver.url, event_types: ["campaign.status_changed"] }), "webhook");
      fx.receiver.useSecret(fx.webhook.secret);
      return { ids: [fx.webhook.id], body: { name: `audit ${unique()}` } };
    },
  },
  "POST /webhooks/{id}/deliveries/{deliveryId}/replay": {
    action: "webhook.replay",
    entity: "webhook",
    prepare: async () => {
      // An event for it: a campaign started.
      ok(await admin().post(`/campaigns/${await idleCampaign()}/start`), "start");
      const delivered = await waitFor("a delivery done", async () => {
        const [d] = ok(await admin().get(`/webhooks/${fx.webhook.id}/deliveries`), "deliveries") as { id: number; status: string }[];
        return d && d.status !== "pending" && d.status !== "delivering" ? d : undefined;
      }, 30_000);
      return { ids: [fx.webhook.id, delivered.id] };
    },
  },
  "POST /webhooks/{id}/rotate-secret": { action: "webhook.rotate_secret", entity: "webhook", prepare: async () => ({ ids: [fx.webhook.id] }) },
  "DELETE /webhooks/{id}": { action: "webhook.delete", entity: "webhook", prepare: async () => ({ ids: [fx.webhook.id] }) },

  "POST /agents": { action: "agent.create", entity: "agent", prepare: async () => ({ body: { name: `Audit ${unique()}`, extension: "2399" } }) },
  "PUT /agents/{id}": { action: "agent.update", entity: "agent", prepare: async () => ({ ids: [(fx.spareAgent = ok(await admin().post("/agents", { name: `Audit ${unique()}`, extension: "2398" }), "agent").id)], body: { extension: "2397" } }) },
  "DELETE /agents/{id}": { action: "agent.delete", entity: "agent", prepare: async () => ({ ids: [fx.spareAgent] }) },

  // An agent's working day: log in, pause, take a call that a supervisor listens to, hang up,
  // disposition it, fix the lead's numbers, log out.
  "POST /agents/{id}/login": {
    action: "agent.login",
    entity: "agent",
    prepare: async () => {
      const me = await callingAgent();
      return { ids: [me.id], body: { campaign_id: me.campaign }, auth: me.api.auth };
    },
  },
  "POST /agents/{id}/state": {
    action: "agent.state",
    entity: "agent",
    prepare: async () => {
      // A state change needs the agent logged in: its phone answered and held by the dialer.
      await waitFor("the agent logged in", async () => (await agentConsole(fx.agent.api))?.agent?.state === "available", 30_000, 100);
      return { ids: [fx.agent.id], body: { state: "on_break", reason: "lunch" }, auth: fx.agent.api.auth };
    },
  },
  "PATCH /agents/{id}/state": { action: "agent.state", entity: "agent", prepare: async () => ({ ids: [fx.agent.id], body: { status: "Available" }, auth: fx.agent.api.auth }) },
  "POST /agents/{id}/monitor": {
    action: "monitor.start",
    entity: "monitor",
    prepare: async () => {
      const me = fx.agent;
      ok(await me.api.post(`/agents/${me.id}/state`, { state: "available" }), "available");
      ok(await admin().post(`/campaigns/${me.campaign}/start`), "start");
      await waitFor("the agent's call up", async () => {
        const call = (await agentConsole(me.api))?.call;
        return call && call.answered_at && !call.ended_at;
      }, 30_000, 100);
      return { ids: [me.id], body: { mode: "listen", phone: "2900" } };
    },
  },
  "PATCH /monitors/{id}": {
    action: "monitor.mode",
    entity: "monitor",
    prepare: async () => {
      const [m] = ok(await admin().get("/monitors"), "monitors") as { id: number; agent_id: number }[];
      fx.monitor = m.id;
      return { ids: [m.id], body: { mode: "whisper" } };
    },
  },
  "DELETE /monitors/{id}": { action: "monitor.stop", entity: "monitor", prepare: async () => ({ ids: [fx.monitor] }) },
  "POST /agents/{id}/hangup": { action: "agent.hangup", entity: "agent", prepare: async () => ({ ids: [fx.agent.id], auth: fx.agent.api.auth }) },
  "POST /agents/{id}/disposition": {
    action: "lead.disposition",
    entity: "lead",
    prepare: async () => {
      const me = fx.agent;
      const call = await waitFor("the call ended", async () => {
        const c = (await agentConsole(me.api))?.call;
        return c?.ended_at ? c : undefined;
      }, 30_000, 100);
      fx.agentLead = call.lead.id;
      return { ids: [me.id], body: { disposition: "SALE", notes: "audited" }, auth: me.api.auth };
    },
  },
  "PUT /agents/{id}/leads/{leadId}/phones": { action: "number.update", entity: "number", prepare: async () => ({ ids: [fx.agent.id, fx.agentLead], body: { phones: [phone()] }, auth: fx.agent.api.auth }) },
  "POST /agents/{id}/logout": { action: "agent.logout", entity: "agent", prepare: async () => ({ ids: [fx.agent.id], auth: fx.agent.api.auth }) },

  // A preview agent: skips the first lead shown, dials the second.
  "POST /agents/{id}/preview/skip": {
    action: "agent.preview_skip",
    entity: "agent",
    prepare: async () => {
      const numbers = [phone(), phone()];
      for (const n of numbers) suite.rig.sim.engine.sampler.script(n, { kind: "human", ringSec: 1, talkSec: 1, dtmf: [] });
      const campaign = ok(await admin().post("/campaigns", dialerCampaign(`Audit preview ${unique()}`, { dial_mode: "preview", wrapup_sec: 0, preview_timeout_sec: 0, calling_hours_start: "00:00", calling_hours_end: "23:59" })), "campaign").id;
      ok(await admin().post(`/campaigns/${campaign}/numbers/bulk`, { numbers: numbers.map((phone_number) => ({ phone_number })) }), "numbers");
      const me = await agentUser(admin(), suite.base, "Audit Preview", "2302");
      ok(await me.api.post(`/agents/${me.id}/login`, { campaign_id: campaign }), "login");
      ok(await admin().post(`/campaigns/${campaign}/start`), "start");
      fx.preview = me;
      await waitFor("a preview shown", async () => (await agentConsole(me.api))?.call?.state === "preview", 30_000, 100);
      fx.previewFirst = (await agentConsole(me.api)).call.phone_number;
      return { ids: [me.id], auth: me.api.auth };
    },
  },
  "POST /agents/{id}/preview/dial": {
    action: "agent.preview_dial",
    entity: "agent",
    prepare: async () => {
      const me = fx.preview;
      await waitFor("the next preview shown", async () => {
        const call = (await agentConsole(me.api))?.call;
        return call?.state === "preview" && call.phone_number !== fx.previewFirst;
      }, 30_000, 100);
      return { ids: [me.id], auth: me.api.auth };
    },
  },

  "POST /cdr/intake": {
    action: "cdr.intake",
    entity: "cdr_intake",
    prepare: async () => {
      const { token } = ok(await admin().post("/tokens", { name: `intake ${unique()}`, permissions: ["cdr_intake/post"] }), "token") as { token: string };
      const id = `audit-${unique()}-0000-4000-8000-000000000000`;
      const variables = { uuid: id, call_uuid: id, direction: "inbound", caller_id_number: "13055550123", destination_number: "15552223333", start_epoch: "1767607200", answer_epoch: "1767607204", end_epoch: "1767607246", duration: "46", billsec: "42", hangup_cause: "NORMAL_CLEARING" };
      return { body: { "core-uuid": "7d1f0c1e-0000-4000-8000-000000000001", switchname: "fs-audit", variables, callflow: [] }, auth: { token } };
    },
  },

  "POST /queues": { action: "queue.create", entity: "queue", prepare: async () => ({ body: { name: `audit-q-${unique()}`, strategy: "round-robin" } }) },
  "PATCH /queues/{id}": {
    action: "queue.update",
    entity: "queue",
    prepare: async () => ({ ids: [(fx.queue = ok(await admin().post("/queues", { name: `audit-q-${unique()}` }), "queue").id)], body: { wrap_up_sec: 5 } }),
  },
  "POST /queues/{id}/tiers": {
    action: "queue.tier_add",
    entity: "queue",
    prepare: async () => {
      fx.tierAgent = ok(await admin().post("/agents", { name: `Audit tier ${unique()}`, extension: "2396" }), "agent").id;
      return { ids: [fx.queue], body: { agent: fx.tierAgent, level: 1, position: 1 } };
    },
  },
  "DELETE /queues/{id}/tiers/{agentId}": { action: "queue.tier_remove", entity: "queue", prepare: async () => ({ ids: [fx.queue, fx.tierAgent] }) },
  "DELETE /queues/{id}": { action: "queue.delete", entity: "queue", prepare: async () => ({ ids: [fx.queue] }) },

  // Appointments three days ahead: nothing here is due, so the suite's dialer calls none of them.
  "POST /reminders": { action: "reminder.create", entity: "reminder", prepare: async () => ({ body: reminder() }) },
  "PUT /reminders/{id}": { action: "reminder.update", entity: "reminder", prepare: async () => ({ ids: [(fx.reminder = ok(await admin().post("/reminders", reminder()), "reminder").id)], body: { call_before_min: 30 } }) },
  "DELETE /reminders/{id}": { action: "reminder.delete", entity: "reminder", prepare: async () => ({ ids: [fx.reminder] }) },
  "POST /reminders/import": {
    action: "reminder.import",
    entity: "reminder",
    prepare: async () => {
      const r = reminder();
      const header = "contact_name,phone_number,appointment_at,timezone,message,call_before_min,trunk_value";
      return { raw: { type: "text/csv", text: `${header}\n${r.contact_name},${phone()},${r.appointment_at},${r.timezone},${r.message},${r.call_before_min},${r.trunk_value}\n` } };
    },
  },

  "POST /demo": { action: "demo.install", entity: "demo", prepare: async () => ({ base: baseUrl(), auth: (await adminClient()).auth }) },
  "DELETE /demo": { action: "demo.remove", entity: "demo", prepare: async () => ({ base: baseUrl(), auth: (await adminClient()).auth }) },
};

type AuditRow = { id: number; action: string; entity_type: string; entity_id: string | null };

async function newestAuditId(api: Client): Promise<number> {
  return ((await api.get("/audit?per_page=1")).body.data as AuditRow[])[0]?.id ?? 0;
}

describe("every change through the API is audited", () => {
  let ops: string[] = [];

  beforeAll(async () => {
    const doc = (await (await fetch(`${baseUrl()}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .map((m) => m.toUpperCase())
        .filter((m) => ["POST", "PUT", "PATCH", "DELETE"].includes(m))
        .map((m) => `${m} ${path}`),
    );
    fx.receiver = await webhookReceiver();
    receivers.push(fx.receiver);
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
  });

  it("has an entry (or a reasoned exemption) for every mutating operation in the OpenAPI document, and none for operations it lacks", () => {
    expect(ops.length).toBeGreaterThan(50);
    expect(ops.filter((op) => !(op in TABLE) && !(op in EXEMPT))).toEqual([]);
    expect(Object.keys({ ...TABLE, ...EXEMPT }).filter((op) => !ops.includes(op))).toEqual([]);
    for (const reason of Object.values(EXEMPT)) expect(reason.length).toBeGreaterThan(10);
  });

  it("writes an audit row naming the action and the entity for each valid change", { timeout: 600_000 }, async () => {
    const missing: string[] = [];
    for (const [op, entry] of Object.entries(TABLE)) {
      const [method, path] = op.split(" ");
      const req = await entry.prepare();
      const base = req.base ?? suite.base;
      const reader = req.base ? await adminClient() : admin();
      const before = await newestAuditId(reader);
      let i = 0;
      const url = `${base}/api${path.replace(/\{\w+\}/g, () => String(req.ids?.[i++]))}`;
      const auth = req.auth ?? admin().auth;
      const headers: Record<string, string> = {};
      if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
      if (auth.cookie) headers.Cookie = auth.cookie;
      if (req.raw) headers["Content-Type"] = req.raw.type;
      else if (req.body !== undefined) headers["Content-Type"] = "application/json";
      const res = await fetch(url, { method, headers, body: req.raw?.text ?? (req.body !== undefined ? JSON.stringify(req.body) : undefined) });
      const text = await res.text();
      const accepted = entry.status ?? [200, 201, 202, 204];
      if (!accepted.includes(res.status)) {
        missing.push(`${op}: the valid request got ${res.status} ${text.slice(0, 200)}`);
        continue;
      }
      try {
        await waitFor(`${op}: audit ${entry.action}`, async () => {
          const rows = (await reader.get("/audit?per_page=100")).body.data as AuditRow[];
          return rows.some((r) => r.id > before && r.action === entry.action && r.entity_type === entry.entity);
        }, 10_000, 100);
      } catch {
        const rows = ((await reader.get("/audit?per_page=20")).body.data as AuditRow[]).filter((r) => r.id > before);
        missing.push(`${op}: no ${entry.action} row on ${entry.entity} (new rows: ${rows.map((r) => `${r.action}/${r.entity_type}`).join(", ") || "none"})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
