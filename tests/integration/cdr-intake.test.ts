import { describe, expect, it } from "vitest";
import { adminClient, baseUrl, client, clientAs, createToken, createUser, signIn } from "../support/api";
import { allPages, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * POST /api/cdr/intake as FreeSWITCH's mod_json_cdr calls it: plain JSON or its `cdr=` forms, the
 * token as a Bearer or as the Basic password, stored once per uuid; bad bodies refused with
 * nothing written; the dedicated scope allows nothing else; and a real call placed over the
 * simulator's event socket, posted as the switch's record, matched to its attempt.
 */

type Posted = { status: number; body: any };

async function post(body: string, opts: { token?: string; basic?: string; type?: string; base?: string } = {}): Promise<Posted> {
  const headers: Record<string, string> = { "Content-Type": opts.type ?? "application/json" };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.basic) headers.Authorization = `Basic ${Buffer.from(opts.basic).toString("base64")}`;
  const res = await fetch(`${opts.base ?? baseUrl()}/api/cdr/intake`, { method: "POST", headers, body });
  return { status: res.status, body: await res.json() };
}

let seq = 0;
const uuid = () => `ext-${Date.now().toString(36)}-${++seq}-0000-4000-8000-000000000000`;

/** A record as mod_json_cdr posts it with its default encode-values: every value url-encoded. */
function switchRecord(id: string, vars: Record<string, string> = {}) {
  const variables: Record<string, string> = {
    uuid: id,
    call_uuid: id,
    direction: "inbound",
    caller_id_name: "Front desk",
    caller_id_number: "%2B13055550123",
    destination_number: "15552223333",
    start_stamp: "2026-01-05%2010%3A00%3A00",
    start_epoch: "1767607200",
    answer_epoch: "1767607204",
    end_epoch: "1767607246",
    duration: "46",
    billsec: "42",
    hangup_cause: "NORMAL_CLEARING",
    hangup_cause_q850: "16",
    sip_hangup_disposition: "recv_bye",
    ...vars,
  };
  return { "core-uuid": "7d1f0c1e-0000-4000-8000-000000000001", switchname: "fs-test", channel_data: { state: "CS_REPORTING", direction: "inbound" }, variables, callflow: [] };
}

async function intakeTotal(): Promise<number> {
  const admin = await adminClient();
  return (await admin.get("/cdr/intake?per_page=1")).body.pagination.total;
}

async function auditTotal(): Promise<number> {
  const admin = await adminClient();
  return (await admin.get("/audit?entity_type=cdr_intake&per_page=1")).body.pagination.total;
}

describe("CDR intake", () => {
  it("stores an external call once per uuid: Bearer or Basic, JSON or mod_json_cdr's forms; listed and audited", async () => {
    const { token } = await createToken({ permissions: ["cdr_intake/post"] });
    const id = uuid();
    const first = await post(JSON.stringify(switchRecord(id)), { token });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      uuid: id,
      matched: false,
      duplicate: false,
      attempt_id: null,
      cdr_id: null,
      caller_id_number: "+13055550123",
      start_time: "2026-01-05 10:00:00",
      answer_time: "2026-01-05 10:00:04",
      end_time: "2026-01-05 10:00:46",
      billsec: 42,
      hangup_cause: "NORMAL_CLEARING",
      hangup_cause_code: 16,
      switch_name: "fs-test",
    });
    const total = await intakeTotal();
    const audits = await auditTotal();

    // Again, as mod_json_cdr sends it: Basic credentials (any user, the token as the password).
    const again = await post(JSON.stringify(switchRecord(id, { billsec: "99" })), { basic: `freeswitch:${token}` });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ id: first.body.data.id, duplicate: true, billsec: 42 });
    expect(await intakeTotal()).toBe(total);
    expect(await auditTotal()).toBe(audits);

    // mod_json_cdr's default encoding (cdr=<url-encoded JSON>) and its base64 one.
    const formId = uuid();
    const form = await post(`cdr=${encodeURIComponent(JSON.stringify(switchRecord(formId)))}`, { basic: `pacer:${token}`, type: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(201);
    expect(form.body.data.uuid).toBe(formId);
    const b64Id = uuid();
    const b64 = await post(`cdr=${Buffer.from(JSON.stringify(switchRecord(b64Id))).toString("base64")}`, { token, type: "application/x-www-form-base64-encoded" });
    expect(b64.status).toBe(201);
    // encode=false on some versions: the cdr= form with the JSON as it is ('+' and '%' stay).
    const plainId = uuid();
    const plain = await post(`cdr=${JSON.stringify(switchRecord(plainId, { caller_id_name: "A+B 100%" }))}`, { token, type: "application/x-www-form-plaintext" });
    expect(plain.status).toBe(201);
    expect(plain.body.data).toMatchObject({ uuid: plainId, caller_id_name: "A+B 100%" });
    // The seed's flat form, numbers as numbers.
    const flatId = uuid();
    const flat = await post(JSON.stringify({ uuid: flatId, start_stamp: "2026-01-05 09:00:00", duration: 45, billsec: 42, hangup_cause: "USER_BUSY", caller_id_number: "+13055550123", destination_number: "+12223334444" }), { token });
    expect(flat.status).toBe(201);
    expect(flat.body.data).toMatchObject({ hangup_cause_code: 17, start_time: "2026-01-05 09:00:00", destination_number: "+12223334444" });

    const admin = await adminClient();
    const external = await allPages(admin, `/cdr/intake?matched=0&search=${encodeURIComponent("ext-")}`);
    for (const u of [id, formId, b64Id, flatId]) expect(external.filter((r) => r.uuid === u)).toHaveLength(1);
    const audit = (await admin.get(`/audit?entity_type=cdr_intake&entity_id=${first.body.data.id}`)).body.data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "cdr.intake", auth_method: "token" });
  });

  it("the intake scope does nothing else, and nothing else may post: unrestricted and cdr/* tokens, agents, no or bad credentials", async () => {
    const intake = await createToken({ permissions: ["cdr_intake/post"] });
    const asIntake = client({ token: intake.token });
    for (const path of ["/cdr", "/cdr/intake", "/campaigns", "/tokens", "/integrations/freeswitch"]) expect((await asIntake.get(path)).status, path).toBe(403);
    expect((await asIntake.post("/tokens", { name: "escalate" })).status).toBe(403);

    const body = () => JSON.stringify(switchRecord(uuid()));
    const total = await intakeTotal();
    const cdrAll = await createToken({ permissions: ["cdr/*"] });
    expect((await post(body(), { token: cdrAll.token })).status).toBe(403);
    const unrestricted = await createToken();
    const refused = await post(body(), { token: unrestricted.token });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("cdr_intake/post");
    const agent = await createUser("agent");
    const agentCookie = (await signIn(agent.username, agent.password))!;
    const agentToken = await createToken({ permissions: ["cdr_intake/post"], cookie: agentCookie });
    expect((await post(body(), { token: agentToken.token })).status).toBe(403);
    expect((await post(body())).status).toBe(401);
    expect((await post(body(), { basic: `pacer:${"0".repeat(64)}` })).status).toBe(401);
    expect((await post(body(), { basic: "pacer-without-password" })).status).toBe(401);
    // Basic is taken on this route only.
    const basicElsewhere = await fetch(`${baseUrl()}/api/cdr`, { headers: { Authorization: `Basic ${Buffer.from(`x:${intake.token}`).toString("base64")}` } });
    expect(basicElsewhere.status).toBe(401);
    expect(await intakeTotal()).toBe(total);

    // The admin's wildcard covers it, as it covers everything.
    const star = await createToken({ permissions: ["*"] });
    expect((await post(body(), { token: star.token })).status).toBe(201);
  });

  it("refuses malformed records with a clear 400 and writes nothing", async () => {
    const { token } = await createToken({ permissions: ["cdr_intake/post"] });
    const total = await intakeTotal();
    const audits = await auditTotal();
    const bad: [string, string | RegExp, { type?: string }?][] = [
      ["{not json", /Malformed JSON/],
      ["", /uuid/],
      ["[1,2]", /JSON object/],
      [JSON.stringify({ variables: { billsec: "3" } }), /variables\.uuid: is required/],
      [JSON.stringify({ uuid: 12345 }), /uuid: must be a string/],
      [JSON.stringify({ variables: { uuid: uuid(), billsec: "forty" } }), /variables\.billsec: must be a whole number of seconds/],
      [JSON.stringify({ variables: { uuid: uuid(), PACER_ATTEMPT: "x1" } }), /variables\.PACER_ATTEMPT: must be a Pacer id/],
      [JSON.stringify({ variables: { uuid: uuid(), answer_epoch: "soon" } }), /variables\.answer_epoch/],
      [JSON.stringify({ variables: ["uuid"] }), /variables: must be an object/],
      [JSON.stringify({ variables: { uuid: "has spaces; and more" } }), /variables\.uuid/],
      [JSON.stringify({ ...switchRecord(uuid()), padding: "x".repeat(300 * 1024) }), /too large/],
      ["cdr=%E0%A4%A", /URL-encoded/, { type: "application/x-www-form-urlencoded" }],
      ["uuid=abc", /'cdr' field/, { type: "application/x-www-form-urlencoded" }],
    ];
    for (const [body, message, opts] of bad) {
      const r = await post(body, { token, type: opts?.type });
      expect(r.status, body.slice(0, 60)).toBe(400);
      expect(r.body.success).toBe(false);
      expect(r.body.message, body.slice(0, 60)).toMatch(message);
    }
    expect(await intakeTotal()).toBe(total);
    expect(await auditTotal()).toBe(audits);
  });

  it("lists with bad filters get a 400", async () => {
    const admin = await adminClient();
    expect((await admin.get("/cdr/intake?matched=maybe")).status).toBe(400);
    const supervisor = await clientAs("supervisor");
    expect((await supervisor.get("/cdr/intake?matched=1")).status).toBe(200);
    expect((await supervisor.get("/integrations/freeswitch")).status).toBe(403);
  });

  it("GET /api/integrations/freeswitch renders the configuration for this install without a secret", async () => {
    const admin = await adminClient();
    const r = await admin.get("/integrations/freeswitch");
    expect(r.status).toBe(200);
    const { pacer_url, intake_url, files, esl_port } = r.body.data;
    expect(pacer_url).toBe(new URL(baseUrl()).origin);
    expect(intake_url).toBe(`${pacer_url}/api/cdr/intake`);
    expect(files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(["autoload_configs/event_socket.conf.xml", "dialplan/pacer.xml", "autoload_configs/json_cdr.conf.xml"]));
    const jsonCdr = files.find((f: { path: string }) => f.path.endsWith("json_cdr.conf.xml")).content;
    expect(jsonCdr).toContain(`<param name="url" value="${intake_url}"/>`);
    expect(jsonCdr).toContain("YOUR_CDR_INTAKE_TOKEN");
    const esl = files.find((f: { path: string }) => f.path.endsWith("event_socket.conf.xml")).content;
    expect(esl).toContain(`<param name="listen-port" value="${esl_port}"/>`);
    expect(esl).toContain('<param name="apply-inbound-acl" value="pacer"/>');
    expect(esl).not.toContain("ClueCon");
  });
});

describe("CDR intake of a real call placed over the simulator's event socket", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 21 }, { driver: "esl" });

  it("the switch's record of each call is matched to its attempt, fills only what Pacer lacks, and once", { timeout: 120_000 }, async () => {
    const { rig, api, base } = suite;
    const created = await api.post("/campaigns", dialerCampaign("Intake over ESL", { concurrent_calls: 4, retry_times: 0 }));
    expect(created.status).toBe(201);
    const campaign = created.body.data.id as number;
    const numbers = Array.from({ length: 6 }, (_, i) => ({ phone_number: `1555${String(8_100_000 + i)}` }));
    expect((await api.post(`/campaigns/${campaign}/numbers/bulk`, { numbers })).status).toBe(201);
    expect((await api.post(`/campaigns/${campaign}/start`)).status).toBe(200);
    const records = await waitFor("every number called", async () => {
      const rows = await allPages(api, `/cdr?campaign_id=${campaign}`);
      return rows.length === numbers.length && rows;
    }, 60_000, 300);

    const tokenReply = await api.post("/tokens", { name: "FreeSWITCH CDR", permissions: ["cdr_intake/post"] });
    expect(tokenReply.status).toBe(201);
    const token = tokenReply.body.data.token as string;
    for (const before of records) {
      const record = rig.sim.jsonCdr(before.channel_id);
      expect(record, `the switch's record of ${before.channel_id}`).toBeDefined();
      const variables = record!.variables as Record<string, string>;
      // What Pacer set on its originate travels with the call.
      expect(variables).toMatchObject({ uuid: before.channel_id, PACER_ATTEMPT: String(before.attempt_id), PACER_CAMPAIGN: String(campaign) });

      const r = await post(JSON.stringify(record), { basic: `freeswitch:${token}`, base });
      expect(r.status).toBe(201);
      expect(r.body.data).toMatchObject({ uuid: before.channel_id, matched: true, attempt_id: before.attempt_id, cdr_id: before.id, campaign_id: campaign, lead_id: before.campaign_number_id, duplicate: false });
      expect(r.body.data.hangup_cause).toBe(variables.hangup_cause);
      expect(r.body.data.billsec).toBe(Number(variables.billsec));

      const after = (await api.get(`/cdr/${before.id}`)).body.data;
      for (const [field, value] of Object.entries(before)) {
        if (r.body.data.filled.includes(field)) {
          // Only a field Pacer left empty is filled.
          expect([null, 0], field).toContain(value);
        } else expect(after[field], field).toEqual(value);
      }
      const again = await post(JSON.stringify(record), { token, base });
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ id: r.body.data.id, duplicate: true, cdr_id: before.id });
    }
    const matched = await allPages(api, "/cdr/intake?matched=1");
    expect(matched.filter((m) => m.campaign_id === campaign)).toHaveLength(records.length);
  });
});
