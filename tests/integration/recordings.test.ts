import { existsSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { client, signIn, type Client } from "../support/api";
import { allPages, dialerCampaign, waitFor } from "../support/dialer";
import { rigForSuite } from "../support/rig-suite";

/**
 * Recordings of calls made with `record_calls`: fetched from the PBX that made them (the
 * simulator's ARI, as from Asterisk's `GET /recordings/stored/{name}/file`) and streamed to
 * admins, supervisors, tokens with `cdr/recording`, and the agent who took the call.
 */
type Auth = { cookie?: string; token?: string };

async function download(base: string, auth: Auth, cdrId: number, headers: Record<string, string> = {}, query = "") {
  const res = await fetch(`${base}/api/cdr/${cdrId}/recording${query}`, {
    headers: { ...headers, ...(auth.cookie ? { Cookie: auth.cookie } : {}), ...(auth.token ? { Authorization: `Bearer ${auth.token}` } : {}) },
  });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, json: () => JSON.parse(body.toString("utf8")) };
}

async function user(admin: Client, base: string, role: "agent" | "supervisor") {
  const username = `${role}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = `password-${username}`;
  const r = await admin.post("/users", { username, password, email: `${username}@example.com`, role });
  expect(r.status).toBe(201);
  const cookie = await signIn(username, password, base);
  if (!cookie) throw new Error("sign-in failed");
  return { id: r.body.data.id as number, cookie };
}

/** Dials `phone` from the campaign until the campaign completes, and gives that call's record. */
async function dialToEnd(admin: Client, campaignId: number, phone: string) {
  expect((await admin.post(`/campaigns/${campaignId}/numbers`, { phone_number: phone })).status).toBe(201);
  expect((await admin.post(`/campaigns/${campaignId}/start`)).status).toBe(200);
  await waitFor(`campaign ${campaignId} completed`, async () => (await admin.get(`/campaigns/${campaignId}`)).body.data.status === "completed", 30_000, 300);
  const [call] = await allPages(admin, `/cdr?campaign_id=${campaignId}`);
  return call;
}

describe("call recordings", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 61 }, { driver: "ari" });

  it("streams a recorded call as WAV to those allowed, refuses others, and says when there is none", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base, cookie: adminCookie } = suite;
    const recorded = "15558010001";
    const unrecorded = "15558010002";
    // Answered at once, 3 s of conversation at this time scale: a recording of 300 simulated seconds.
    rig.sim.engine.sampler.script(recorded, { kind: "human", ringSec: 5, talkSec: 300, dtmf: [] });
    rig.sim.engine.sampler.script(unrecorded, { kind: "human", ringSec: 5, talkSec: 100, dtmf: [] });

    // A progressive campaign with one agent (a user of its own), recording its calls.
    const agentUser = await user(admin, base, "agent");
    const otherUser = await user(admin, base, "agent");
    const agent = await admin.post("/agents", { name: "Rec Agent", extension: "2201", user_id: agentUser.id });
    expect((await admin.post("/agents", { name: "Other Rec Agent", extension: "2202", user_id: otherUser.id })).status).toBe(201);
    const agentId = agent.body.data.id as number;
    const campaign = await admin.post("/campaigns", dialerCampaign("Recorded", { dial_mode: "progressive", wrapup_sec: 0, record_calls: 1 }));
    const recId = campaign.body.data.id as number;
    expect((await client({ cookie: agentUser.cookie }, "/api", base).post(`/agents/${agentId}/login`, { campaign_id: recId })).status).toBe(200);
    await waitFor("agent available", async () => (await admin.get(`/agents/${agentId}`)).body.data.state === "available", 20_000);
    const call = await dialToEnd(admin, recId, recorded);
    expect(call).toMatchObject({ disposition: "answered", agent: "Rec Agent", agent_id: agentId, recording_file: `pacer-${recId}-${call.attempt_id}.wav` });

    // An agentless campaign that does not record.
    const plain = await admin.post("/campaigns", dialerCampaign("Unrecorded"));
    const plainCall = await dialToEnd(admin, plain.body.data.id as number, unrecorded);
    expect(plainCall.recording_file).toBeNull();

    // The simulator keeps it as Asterisk does: a stored recording named without its extension.
    const ariAuth = { Authorization: `Basic ${Buffer.from(`${rig.sim.username}:${rig.sim.password}`).toString("base64")}` };
    const storedName = call.recording_file.replace(/\.wav$/, "");
    const stored = await (await fetch(`${rig.sim.ariUrl}/ari/recordings/stored`, { headers: ariAuth })).json();
    expect(stored).toContainEqual({ name: storedName, format: "wav" });

    // Admin: the whole file, a WAV.
    const whole = await download(base, { cookie: adminCookie }, call.id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/wav");
    expect(whole.headers.get("content-disposition")).toBe(`attachment; filename="${call.recording_file}"`);
    expect(Number(whole.headers.get("content-length"))).toBe(whole.body.length);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.body.subarray(0, 4).toString("ascii")).toBe("RIFF");
    expect(whole.body.subarray(8, 12).toString("ascii")).toBe("WAVE");
    expect(whole.body.readUInt32LE(4)).toBe(whole.body.length - 8);
    // 8 kHz, 16-bit mono: at least a few seconds of audio.
    expect(whole.body.readUInt32LE(24)).toBe(8000);
    expect(whole.body.readUInt32LE(40)).toBeGreaterThanOrEqual(8000 * 2 * 2);

    // A range, for players that seek; inline for the browser's own player.
    const part = await download(base, { cookie: adminCookie }, call.id, { Range: "bytes=0-11" }, "?disposition=inline");
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-11/${whole.body.length}`);
    expect(part.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(part.body.equals(whole.body.subarray(0, 12))).toBe(true);
    const tail = await download(base, { cookie: adminCookie }, call.id, { Range: "bytes=-100" });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(whole.body.subarray(whole.body.length - 100))).toBe(true);
    expect((await download(base, { cookie: adminCookie }, call.id, { Range: `bytes=${whole.body.length + 10}-` })).status).toBe(416);

    // Supervisors; the agent who took the call; tokens with the permission (or a wildcard).
    const supervisor = await user(admin, base, "supervisor");
    expect((await download(base, { cookie: supervisor.cookie }, call.id)).status).toBe(200);
    expect((await download(base, { cookie: agentUser.cookie }, call.id)).status).toBe(200);
    const tokenWith = async (permissions: string[]) => (await admin.post("/tokens", { name: `rec ${permissions.join(",")}`, permissions })).body.data.token as string;
    expect((await download(base, { token: await tokenWith(["cdr/recording"]) }, call.id)).status).toBe(200);
    expect((await download(base, { token: await tokenWith(["cdr/*"]) }, call.id)).status).toBe(200);

    // Refused: a token without the permission, another agent, nobody.
    const narrow = await download(base, { token: await tokenWith(["cdr/list", "cdr/get"]) }, call.id);
    expect(narrow.status).toBe(403);
    expect(narrow.json()).toMatchObject({ success: false, code: 403, message: "Forbidden: token lacks the 'cdr/recording' permission" });
    const other = await download(base, { cookie: otherUser.cookie }, call.id);
    expect(other.status).toBe(403);
    expect(other.json().message).toMatch(/own calls/);
    expect((await download(base, {}, call.id)).status).toBe(401);

    // Missing: no such call, a call not recorded, a recording deleted on the PBX.
    expect((await download(base, { cookie: adminCookie }, 999_999)).status).toBe(404);
    const notRecorded = await download(base, { cookie: adminCookie }, plainCall.id);
    expect(notRecorded.status).toBe(404);
    expect(notRecorded.json().message).toMatch(/not recorded/);
    expect((await fetch(`${rig.sim.ariUrl}/ari/recordings/stored/${storedName}`, { method: "DELETE", headers: ariAuth })).status).toBe(204);
    const gone = await download(base, { cookie: adminCookie }, call.id);
    expect(gone.status).toBe(404);
    expect(gone.json().message).toMatch(/not found on PBX/);

    // Every download that began a file is on the audit log, with who made it.
    const audit = (await admin.get(`/audit?entity_type=cdr&entity_id=${call.id}&per_page=100`)).body.data as any[];
    const downloads = audit.filter((a) => a.action === "recording.download");
    // whole, inline range from 0, supervisor, agent, two tokens (the suffix range and refusals are not downloads from the start).
    expect(downloads).toHaveLength(6);
    expect(downloads.every((d) => d.details.recording_file === call.recording_file)).toBe(true);

    const doc = (await admin.get("/openapi.json")).body as any;
    expect(Object.keys(doc.paths["/cdr/{id}/recording"].get.responses["200"].content)).toContain("audio/wav");
    await client({ cookie: agentUser.cookie }, "/api", base).post(`/agents/${agentId}/logout`);
  });
});

describe("call recordings on FreeSWITCH", () => {
  const suite = rigForSuite({ timeScale: 0.01, seed: 62 }, { driver: "esl" });
  const dir = mkdtempSync(path.join(tmpdir(), "pacer-fs-rec-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the file FreeSWITCH wrote from the server's recordings directory, and says why when it cannot", { timeout: 120_000 }, async () => {
    const { rig, api: admin, base, cookie: adminCookie } = suite;
    const [fs] = (await admin.get("/pbx")).body.data.servers as any[];
    expect(fs.kind).toBe("freeswitch");
    expect((await admin.put(`/pbx/${fs.id}`, { recording_path: dir })).status).toBe(200);
    await waitFor("FreeSWITCH connected", async () => (await admin.get(`/pbx/${fs.id}`)).body.data.health?.connected === true, 20_000);

    const phone = "15558020001";
    rig.sim.engine.sampler.script(phone, { kind: "human", ringSec: 5, talkSec: 200, dtmf: [] });
    const campaign = await admin.post("/campaigns", dialerCampaign("FS recorded", { record_calls: 1 }));
    const id = campaign.body.data.id as number;
    const call = await dialToEnd(admin, id, phone);
    expect(call.recording_file).toBe(`pacer-${id}-${call.attempt_id}.wav`);
    const file = path.join(dir, call.recording_file);
    await waitFor("the recording on disk", async () => existsSync(file), 5000, 50);

    const got = await download(base, { cookie: adminCookie }, call.id);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("audio/wav");
    expect(Number(got.headers.get("content-length"))).toBe(got.body.length);
    expect(got.body.subarray(0, 4).toString("ascii")).toBe("RIFF");
    const part = await download(base, { cookie: adminCookie }, call.id, { Range: "bytes=8-11" });
    expect(part.status).toBe(206);
    expect(part.body.toString("ascii")).toBe("WAVE");

    // Not reachable: a clear 502 naming the server and why.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    expect((await admin.put(`/pbx/${fs.id}`, { recording_path: "", recording_url: `http://127.0.0.1:${port}/recordings` })).status).toBe(200);
    const refused = await download(base, { cookie: adminCookie }, call.id);
    expect(refused.status).toBe(502);
    expect(refused.json().message).toMatch(new RegExp(`PBX '${fs.name}'.*ECONNREFUSED`));
    expect((await admin.put(`/pbx/${fs.id}`, { recording_url: "" })).status).toBe(200);
    const unset = await download(base, { cookie: adminCookie }, call.id);
    expect(unset.status).toBe(502);
    expect(unset.json().message).toMatch(/no recording directory or URL/);

    // The file gone from the directory: 404.
    expect((await admin.put(`/pbx/${fs.id}`, { recording_path: dir })).status).toBe(200);
    unlinkSync(file);
    const gone = await download(base, { cookie: adminCookie }, call.id);
    expect(gone.status).toBe(404);
    expect(gone.json().message).toContain(call.recording_file);
  });
});
