import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureBuild } from "../../scripts/build-state";
import { createScratchDatabase } from "./test-database";
import { startServer } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminUsername: string;
    adminPassword: string;
    databaseUrl: string;
    databaseKind: "pglite" | "postgres";
  }
}

/** One real Pacer server for the whole run, on a fresh database: PGlite, or PostgreSQL when DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  ensureBuild((line) => process.stdout.write(line + "\n"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "pacer-test-"));
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL) : undefined;
  const adminPassword = `pw-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const server = await startServer({
    DATA_DIR: dataDir,
    ADMIN_USERNAME: "admin",
    ADMIN_PASSWORD: adminPassword,
    DATABASE_URL: scratch?.url ?? "",
    // The built-in simulator on free ports, so a Pacer or PBX already running here is left alone.
    SIM_ARI_PORT: "0",
    SIM_ESL_PORT: "0",
    // Suites share this server: no demo campaign and simulated agents dialing under them
    // (tests/integration/demo.test.ts starts servers of its own with the demo).
    DEMO_DATA: "false",
  });
  process.stdout.write(`Test server: ${server.url} on ${scratch ? "PostgreSQL" : "PGlite"}\n`);
  project.provide("baseUrl", server.url);
  project.provide("adminUsername", "admin");
  project.provide("adminPassword", adminPassword);
  project.provide("databaseUrl", scratch?.url ?? "");
  project.provide("databaseKind", scratch ? "postgres" : "pglite");

  return async () => {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`server exited with ${code}:\n${server.output().slice(-4000)}\n`);
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
