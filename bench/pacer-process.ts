import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../tests/support/server-process";

/** What the benchmarks that run a real Pacer process share: starting it, its memory, its API. */
const ROOT = path.resolve(__dirname, "..");

/** Resident memory of a process and its descendants (tsx runs the server in a child of its own), MB. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // The process is gone, or this is not Linux: it counts for nothing.
    }
  };
  visit(pid);
  return kb / 1024;
}

export type PacerProcess = { url: string; child: ChildProcess; rssMb: () => number; stop: () => Promise<void> };

/** `server.ts` as a real process (production build) on a free port; resolves once it listens. */
export async function startPacer(env: Record<string, string>): Promise<PacerProcess> {
  const port = await freePort();
  // BENCH_PROFILE_DIR: run Pacer under the V8 profiler (one process, no tsx wrapper) to see where its time goes.
  const profile = process.env.BENCH_PROFILE_DIR;
  const args = profile ? ["--cpu-prof", "--cpu-prof-dir", profile, "--import", "tsx", "server.ts"] : [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "server.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes("Pacer is listening")) {
        clearInterval(t);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(t);
      reject(new Error(`Pacer exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    rssMb: () => treeRssMb(child.pid!),
    stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once("exit", () => r()), child.kill("SIGTERM")))),
  };
}

/** The API as a signed-in browser calls it; throws on a refusal, returns the envelope's data. */
export function api(base: string, cookie: string) {
  return async <T = any>(method: string, p: string, body?: unknown): Promise<T> => {
    const send = () => fetch(`${base}/api${p}`, { method, headers: { Cookie: cookie, ...(body ? { "Content-Type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
    // A read may meet a keep-alive socket the server closed just then (ECONNRESET on a loaded machine): it is asked once more.
    const res = await send().catch((err) => (method === "GET" ? send() : Promise.reject(err)));
    const json = (await res.json()) as { success: boolean; data: T; message: string };
    if (!json.success) throw new Error(`${method} ${p}: ${res.status} ${json.message}`);
    return json.data;
  };
}

/** A zone whose local hour is now in [from, to): 10–18 never holds a campaign back, 0–5 may not be called. */
export function zoneWithLocalHour(from: number, to: number): string {
  return Intl.supportedValuesOf("timeZone").find((z) => {
    const h = Number(new Intl.DateTimeFormat("en-GB", { timeZone: z, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
    return h >= from && h < to;
  })!;
}
