import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

/**
 * `npm run pbx-sim` as someone runs it: the script in its own process, dialled over its real ARI
 * and ESL sockets. Short numbers sent through a trunk or gateway are the outside world's, not the
 * simulated phones: with a fixed seed the outcome model gives a mix of answers and failures.
 */
const ROOT = path.resolve(__dirname, "..");
const NUMBERS = Array.from({ length: 30 }, (_, i) => String(5550 + i));

let sim: ChildProcess;
let ariUrl = "";
let eslPort = 0;
/** Each run of calls gets its own channel ids: answered calls from the last run may still be up. */
let run = 0;

beforeAll(async () => {
  sim = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/pbx-sim.ts"], {
    cwd: ROOT,
    env: { ...process.env, SIM_ARI_PORT: "0", SIM_ESL_PORT: "0", SIM_SEED: "7", SIM_TIME_SCALE: "0.01" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const banner = await new Promise<string>((resolve, reject) => {
    let out = "";
    sim.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out);
    });
    sim.once("exit", (code) => reject(new Error(`pbx-sim exited with ${code}: ${out}`)));
  });
  ariUrl = /ARI (http:\/\/\S+)\/ari/.exec(banner)![1];
  eslPort = Number(/ESL [\d.]+:(\d+)/.exec(banner)![1]);
});
afterAll(() => {
  sim.kill("SIGTERM");
});

type Outcome = { answered: boolean; failure: string | null };

/** Originates each number through the trunk, following each call to its answer or its end. */
async function dialThroughAri(endpoint: (n: string) => string): Promise<Outcome[]> {
  const auth = "api_key=pacer:pacer";
  const ws = new WebSocket(`${ariUrl.replace("http", "ws")}/ari/events?app=pacer&${auth}`);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const outcomes = new Map<string, Outcome>();
  run += 1;
  const prefix = `ari-${run}-`;
  ws.on("message", (raw) => {
    const e = JSON.parse(String(raw)) as { type: string; channel?: { id: string }; cause?: number };
    const id = e.channel?.id;
    // Calls answered in an earlier run end meanwhile, and their events come here too.
    if (!id?.startsWith(prefix) || outcomes.has(id)) return;
    if (e.type === "StasisStart") outcomes.set(id, { answered: true, failure: null });
    if (e.type === "ChannelDestroyed") outcomes.set(id, { answered: false, failure: `cause ${e.cause}` });
  });
  for (const n of NUMBERS) {
    const res = await fetch(`${ariUrl}/ari/channels?endpoint=${encodeURIComponent(endpoint(n))}&app=pacer&timeout=30&channelId=${prefix}${n}&${auth}`, { method: "POST" });
    expect(res.status).toBe(200);
  }
  await until(() => outcomes.size === NUMBERS.length);
  ws.close();
  return [...outcomes.values()];
}

/** The same through the event socket: `bgapi originate … &park()` answers +OK <uuid> or -ERR <cause>. */
async function dialThroughEsl(endpoint: (n: string) => string): Promise<Outcome[]> {
  const socket = connect(eslPort, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
  await until(() => text.includes("auth/request"));
  socket.write("auth ClueCon\n\nevent json BACKGROUND_JOB\n\n");
  await until(() => text.includes("+OK event listener enabled json"));
  run += 1;
  for (const n of NUMBERS) socket.write(`bgapi originate {origination_uuid=esl-${run}-${n},originate_timeout=30}${endpoint(n)} &park()\n\n`);
  const jobs = () => [...text.matchAll(/"_body":"([^"]*)"/g)].map((m) => m[1]);
  await until(() => jobs().length === NUMBERS.length);
  socket.destroy();
  return jobs().map((body) => (body.startsWith("+OK") ? { answered: true, failure: null } : { answered: false, failure: body.trim() }));
}

async function until(done: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expectCalleeModel(outcomes: Outcome[]) {
  const answered = outcomes.filter((o) => o.answered).length;
  const failures = new Set(outcomes.flatMap((o) => (o.failure ? [o.failure] : [])));
  expect(outcomes).toHaveLength(NUMBERS.length);
  expect(answered, "some callees answer").toBeGreaterThan(0);
  expect(answered, "not every callee answers").toBeLessThan(NUMBERS.length);
  // Busy, no answer, congestion, unallocated: more than one way to fail.
  expect(failures.size, [...failures].join(", ")).toBeGreaterThan(1);
}

describe("npm run pbx-sim: short numbers dialled through a trunk meet the callee model", () => {
  it("ARI: PJSIP/5550@trunk … PJSIP/5579@trunk", async () => {
    expectCalleeModel(await dialThroughAri((n) => `PJSIP/${n}@trunk`));
  });

  it("ARI: SIP/trunk/5550 … and Local/5550@from-trunk …", async () => {
    expectCalleeModel(await dialThroughAri((n) => `SIP/trunk/${n}`));
    expectCalleeModel(await dialThroughAri((n) => `Local/${n}@from-trunk`));
  });

  it("ESL: sofia/gateway/trunk/5550 … sofia/gateway/trunk/5579", async () => {
    expectCalleeModel(await dialThroughEsl((n) => `sofia/gateway/trunk/${n}`));
  });

  it("a bare agent endpoint is still a simulated phone that answers", async () => {
    const ari = await dialThroughAri((n) => `PJSIP/${n}`);
    expect(ari.every((o) => o.answered)).toBe(true);
    const esl = await dialThroughEsl((n) => `user/${n}`);
    expect(esl.every((o) => o.answered)).toBe(true);
  });
});
