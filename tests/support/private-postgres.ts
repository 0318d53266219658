import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { freePort } from "./server-process";

/**
 * A PostgreSQL cluster of a test's own, in a temporary directory on a free port, that the test may
 * stop and start (the shared server other suites use must never be restarted). Built from the
 * PostgreSQL binaries installed here (/usr/lib/postgresql/<version>/bin, the newest version); run
 * as the `postgres` user when the test runs as root, since PostgreSQL refuses to run as root.
 */
export type PrivatePostgres = { url: string; port: number; dir: string; stop(): void; start(): void; destroy(): void };

/** The newest installed PostgreSQL's bin directory, or why there is none. */
export function postgresBinaries(): { bin: string } | { missing: string } {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  if (versions.length === 0) return { missing: `no PostgreSQL server binaries under ${root}/<version>/bin (initdb, pg_ctl)` };
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  const bin = path.join(root, versions[0], "bin");
  if (userInfo().uid === 0) {
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      return { missing: "running as root and there is no `postgres` user to run the cluster as" };
    }
  }
  return { bin };
}

export async function startPrivatePostgres(bin: string): Promise<PrivatePostgres> {
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "pacer-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const cmd = path.join(bin, tool);
    execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, { stdio: "pipe", timeout: 60_000 });
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    // Fast shutdown: every session is ended at once, as a restart by an operator or a failover does.
    stop: () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]),
    start,
    destroy() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
