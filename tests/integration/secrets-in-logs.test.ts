import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { startSimulator, type RunningSimulator } from "@/server/pbx/sim/simulator";
import { client, signIn } from "../support/api";
import { waitFor } from "../support/dialer";
import { startServer, type RunningServer } from "../support/server-process";
import { createScratchDatabase } from "../support/test-database";

/**
 * A server logging everything it can (LOG_LEVEL=debug) is taken through every path a secret
 * travels: sign-in with a wrong and the right password, tokens made and used (Bearer, Basic, a
 * socket), a webhook's signing secret made and rotated, a PBX connected with its ARI and ESL
 * passwords. Then its whole log is searched: none of them may appear in it.
 */
const ADMIN_PASSWORD = `log-admin-${Math.random().toString(36).slice(2)}`;
const WRONG_PASSWORD = `log-wrong-${Math.random().toString(36).slice(2)}`;
const ARI_PASSWORD = `ari-${Math.random().toString(36).slice(2)}`;
const ESL_PASSWORD = `esl-${Math.random().toString(36).slice(2)}`;

let server: RunningServer;
let sim: RunningSimulator;
let dataDir: string;
let scratch: { url: string; drop: () => Promise<void> } | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "pacer-secrets-"));
  scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, "pacer_secrets") : undefined;
  sim = await startSimulator({ ariPort: 0, eslPort: 0, password: ARI_PASSWORD, eslPassword: ESL_PASSWORD });
  server = await startServer({
    DATA_DIR: dataDir,
    ADMIN_USERNAME: "admin",
    ADMIN_PASSWORD,
    DATABASE_URL: scratch?.url ?? "",
    SIM_ARI_PORT: "0",
    SIM_ESL_PORT: "0",
    DEMO_DATA: "false",
    LOG_LEVEL: "debug",
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  await scratch?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("secrets in the logs", () => {
  it("never writes a password, token, signing secret, PBX password or session to the log", { timeout: 120_000 }, async () => {
    const base = server.url;
    const secrets: Record<string, string> = { "admin password": ADMIN_PASSWORD, "wrong password": WRONG_PASSWORD, "ARI password": ARI_PASSWORD, "ESL password": ESL_PASSWORD };

    expect(await signIn("admin", WRONG_PASSWORD, base)).toBeUndefined();
    const cookie = (await signIn("admin", ADMIN_PASSWORD, base))!;
    expect(cookie).toBeTruthy();
    secrets["session cookie"] = /session-token=([^;]+)/.exec(cookie)![1];
    const admin = client({ cookie }, "/api", base);

    // Tokens: made, used as Bearer, as the Basic password of a PBX posting records, and on a socket.
    const full = await admin.post("/tokens", { name: "log test" });
    expect(full.status).toBe(201);
    secrets["API token"] = full.body.data.token;
    expect((await client({ token: secrets["API token"] }, "/api", base).get("/campaigns")).status).toBe(200);
    const intake = await admin.post("/tokens", { name: "log intake", permissions: ["cdr_intake/post"] });
    secrets["intake token"] = intake.body.data.token;
    const posted = await fetch(`${base}/api/cdr/intake`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from(`freeswitch:${secrets["intake token"]}`).toString("base64")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ variables: { uuid: "log-test-call", destination_number: "15550001111", hangup_cause: "NORMAL_CLEARING", duration: "3", billsec: "2" } }),
    });
    expect(posted.status).toBe(201);
    const socket = io(base, { path: "/socket.io", transports: ["websocket"], auth: { token: secrets["API token"] }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    socket.close();

    // A webhook's signing secret, made and rotated.
    const hook = await admin.post("/webhooks", { name: "log hook", url: "https://example.com/hook", event_types: ["call.finished"] });
    expect(hook.status).toBe(201);
    secrets["webhook secret"] = hook.body.data.secret;
    const rotated = await admin.post(`/webhooks/${hook.body.data.id}/rotate-secret`);
    secrets["rotated webhook secret"] = rotated.body.data.secret;

    // PBX passwords: tested, saved, connected with; a wrong one refused.
    expect((await admin.post("/pbx/test", { kind: "freeswitch", name: "x", esl_host: "127.0.0.1", esl_port: sim.eslPort, password: ESL_PASSWORD })).status).toBe(200);
    expect((await admin.post("/pbx/test", { kind: "asterisk", name: "x", ari_url: sim.ariUrl, ari_username: "pacer", password: `${ARI_PASSWORD}-nope` })).body.data?.ok ?? false).toBe(false);
    const pbx = await admin.post("/pbx", { kind: "asterisk", name: "Log Asterisk", ari_url: sim.ariUrl, ari_username: "pacer", password: ARI_PASSWORD });
    expect(pbx.status).toBe(201);
    await waitFor("the PBX connected", async () => (await admin.get(`/pbx/${pbx.body.data.id}`)).body.data.health?.connected === true, 30_000);

    await server.stop();
    const log = server.output();
    // The log holds the run: a test of an empty log would prove nothing.
    expect(log).toContain('"PBX connected","pbx":"Log Asterisk"');
    expect(log).toContain("shutting down");
    const leaked = Object.entries(secrets).filter(([, value]) => value && log.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
