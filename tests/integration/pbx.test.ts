import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/server/pbx/sim/simulator";
import { adminClient, clientAs, tokenClient } from "../support/api";

/** A second simulator, standing in for a real Asterisk/FreeSWITCH an admin adds. */
let pbx: RunningSimulator;
beforeAll(async () => {
  pbx = await startSimulator({ ariPort: 0, eslPort: 0, password: "ari-secret-pw", eslPassword: "esl-secret-pw" });
});
afterAll(() => pbx.close());

const waitUntil = async (check: () => Promise<boolean>, ms = 8000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("PBX servers", () => {
  it("runs and connects to the built-in simulator when no PBX is configured", async () => {
    const admin = await adminClient();
    const r = await admin.get("/pbx");
    expect(r.status).toBe(200);
    expect(r.body.data.servers).toEqual([]);
    expect(r.body.data.simulator).toMatchObject({ running: true, connected: true });
    expect(r.body.data.simulator.ari_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await admin.get("/monitoring/status")).body.data.asterisk).toBe(true);
  });

  it("tests a connection before saving it", async () => {
    const admin = await adminClient();
    const ok = await admin.post("/pbx/test", { kind: "asterisk", name: "x", ari_url: `${pbx.ariUrl}/ari`, ari_username: "pacer", password: "ari-secret-pw" });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ ok: true, error: null });
    expect(ok.body.data.rtt_ms).toBeGreaterThanOrEqual(0);
    const wrong = await admin.post("/pbx/test", { kind: "freeswitch", name: "x", esl_host: "127.0.0.1", esl_port: pbx.eslPort, password: "not-it" });
    expect(wrong.body.data.ok).toBe(false);
    expect(wrong.body.data.error).toBeTruthy();
    const esl = await admin.post("/pbx/test", { kind: "freeswitch", name: "x", esl_host: "127.0.0.1", esl_port: pbx.eslPort, password: "esl-secret-pw" });
    expect(esl.body.data.ok).toBe(true);
    const started = Date.now();
    const wrongAri = await admin.post("/pbx/test", { kind: "asterisk", name: "x", ari_url: pbx.ariUrl, ari_username: "pacer", password: "nope" });
    expect(wrongAri.body.data.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("validates per kind", async () => {
    const admin = await adminClient();
    const noKind = await admin.post("/pbx", { name: "x" });
    expect(noKind.status).toBe(400);
    const ari = await admin.post("/pbx", { kind: "asterisk", name: "x", ari_url: "not a url" });
    expect(ari.status).toBe(400);
    expect(Object.keys(ari.body.errors!)).toEqual(expect.arrayContaining(["ari_url", "ari_username", "password"]));
    const esl = await admin.post("/pbx", { kind: "freeswitch", name: "x", esl_host: "bad host!", esl_port: 70000, password: "p" });
    expect(Object.keys(esl.body.errors!)).toEqual(expect.arrayContaining(["esl_host", "esl_port"]));
  });

  it("adds a server, connects to it instead of the simulator, never returns its password, and removes it", async () => {
    const admin = await adminClient();
    const created = await admin.post("/pbx", { kind: "asterisk", name: "Lab Asterisk", ari_url: pbx.ariUrl, ari_username: "pacer", password: "ari-secret-pw" });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({ name: "Lab Asterisk", kind: "asterisk", ari_app: "pacer", agent_dial_template: "PJSIP/{exten}", enabled: 1, has_password: 1 });
    await waitUntil(async () => (await admin.get(`/pbx/${id}`)).body.data.health?.connected === true);
    const list = await admin.get("/pbx");
    expect(list.body.data.simulator.running).toBe(false);
    expect(JSON.stringify(list.body)).not.toContain("ari-secret-pw");
    expect(JSON.stringify((await admin.get(`/audit?entity_type=pbx_server&entity_id=${id}`)).body)).not.toContain("ari-secret-pw");

    const misplaced = await admin.put(`/pbx/${id}`, { esl_host: "10.0.0.1" });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.errors).toHaveProperty("esl_host");
    const renamed = await admin.put(`/pbx/${id}`, { name: "Lab PBX" });
    expect(renamed.body.data).toMatchObject({ name: "Lab PBX", has_password: 1 });
    expect((await admin.post(`/pbx/${id}/test`)).body.data.ok).toBe(true);
    const wrongPw = await admin.put(`/pbx/${id}`, { password: "changed-wrong" });
    expect(wrongPw.status).toBe(200);
    expect((await admin.post(`/pbx/${id}/test`)).body.data.ok).toBe(false);

    await admin.put(`/pbx/${id}`, { enabled: 0 });
    expect((await admin.get("/pbx")).body.data.simulator.running).toBe(false);
    expect((await admin.get(`/pbx/${id}`)).body.data.health).toBeNull();
    expect((await admin.del(`/pbx/${id}`)).body).toEqual({ success: true, code: 200, message: "PBX server deleted successfully" });
    expect((await admin.get(`/pbx/${id}`)).status).toBe(404);
    await waitUntil(async () => (await admin.get("/pbx")).body.data.simulator.connected === true);
  });

  it("keeps where a FreeSWITCH server's recordings are read from, checked field by field", async () => {
    const admin = await adminClient();
    const base = { kind: "freeswitch", name: "Lab FS", esl_host: "127.0.0.1", esl_port: pbx.eslPort, password: "esl-secret-pw", enabled: 0 };
    const bad = await admin.post("/pbx", { ...base, recording_path: "relative/dir", recording_url: "ftp://fs/rec" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors!).sort()).toEqual(["recording_path", "recording_url"]);
    const created = await admin.post("/pbx", { ...base, recording_path: "/var/lib/freeswitch/recordings", recording_url: "https://fs.example.com/recordings/" });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({ recording_path: "/var/lib/freeswitch/recordings", recording_url: "https://fs.example.com/recordings" });
    const cleared = await admin.put(`/pbx/${id}`, { recording_url: "" });
    expect(cleared.body.data).toMatchObject({ recording_path: "/var/lib/freeswitch/recordings", recording_url: null });
    expect((await admin.del(`/pbx/${id}`)).status).toBe(200);
    await waitUntil(async () => (await admin.get("/pbx")).body.data.simulator.connected === true);
  });

  it("is for admins only", async () => {
    const supervisor = await clientAs("supervisor");
    expect((await supervisor.get("/pbx")).status).toBe(403);
    const narrow = await tokenClient(["campaigns/*"]);
    expect((await narrow.get("/pbx")).status).toBe(403);
  });
});
