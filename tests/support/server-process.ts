import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
  /** SIGKILL to the whole process group: tsx runs the server in a child process of its own. */
  kill: () => Promise<void>;
};

/** How long a start may take: 120 s, or TEST_SERVER_START_MS on a machine so loaded that a start takes longer. */
const START_MS = Number(process.env.TEST_SERVER_START_MS ?? 120_000);

/** Starts `server.ts` (production build) as a real process and waits until it listens. */
export function startServer(env: Record<string, string>, timeoutMs = START_MS, nodeArgs: string[] = []): Promise<RunningServer> {
  return startProcess("server.ts", "Pacer is listening", env, timeoutMs, nodeArgs);
}

/** Starts `scripts/dialer.ts` (`npm run dialer`: the dialer alone, no web app) and waits until it runs (nothing listens at its `url`). */
export function startDialerProcess(env: Record<string, string>, timeoutMs = START_MS): Promise<RunningServer> {
  return startProcess("scripts/dialer.ts", "running against PostgreSQL", env, timeoutMs);
}

async function startProcess(script: string, ready: string, env: Record<string, string>, timeoutMs: number, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  // `nodeArgs` (e.g. --cpu-prof for a benchmark's profile) go to the process's Node through tsx.
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...nodeArgs, script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a crash test can kill tsx and the server under it at once.
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
    stop: () =>
      new Promise((resolve) => {
        // A process killed by a signal has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
