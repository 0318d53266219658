import { randomUUID } from "node:crypto";
import { closeDb, initDb } from "../db/client";
import { resolveAuthSecret } from "../server/auth/secret";
import { Dialer } from "../server/dialer/engine";
import { ReminderCaller } from "../server/reminders/reminder-calls";
import { parseEnv } from "../server/env";
import { logger } from "../server/logger";
import { PbxManager } from "../server/pbx/manager";
import { bootstrapPbxFromEnv } from "../server/pbx/service";
import { serveDialerMetrics } from "../server/metrics/dialer-port";
import { runtime } from "../server/runtime/registry";

/**
 * `npm run dialer`: the dialer alone, without the web app — for a PostgreSQL deployment that runs
 * its web servers with DIALER=off and dialers apart, or more dialers than web servers.
 */
async function main() {
  const env = parseEnv();
  if (!env.DATABASE_URL) throw new Error("npm run dialer needs DATABASE_URL: on PGlite the dialer runs inside `npm start`");
  // The PBX passwords are sealed under the auth secret; the dialer must read them as the web app does.
  process.env.NEXTAUTH_SECRET = resolveAuthSecret({ authSecret: env.AUTH_SECRET, dataDir: env.DATA_DIR });
  const db = await initDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  await bootstrapPbxFromEnv(db.db, env);
  const nodeId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const pbx = new PbxManager(db.db, { simulator: false, simAriPort: env.SIM_ARI_PORT, simEslPort: env.SIM_ESL_PORT, databaseUrl: env.DATABASE_URL, nodeId });
  const dialer = new Dialer(db.db, pbx, { nodeId, maxCps: env.DIALER_MAX_CPS });
  await pbx.start();
  await dialer.start();
  const reminders = new ReminderCaller(db.db, pbx, { nodeId, singleProcess: false });
  await reminders.start();
  runtime().pbx = pbx;
  runtime().dialer = dialer.asRuntime();
  const metricsServer = env.METRICS_PORT ? await serveDialerMetrics(env.METRICS_PORT, env.HOST) : null;
  if (env.METRICS_PORT) process.stdout.write(`Dialer metrics on http://${env.HOST}:${env.METRICS_PORT}/metrics (for ${env.METRICS_ALLOW || "no address: set METRICS_ALLOW"})\n`);
  process.stdout.write(`Pacer dialer ${nodeId} running against PostgreSQL\n`);
  // The dialer's own timers are unref'd (inside server.ts the HTTP server keeps the process up):
  // here, with nothing else holding the event loop (a standby dialer holding no PBX while the
  // database is down or restarting), the process would exit quietly with code 0.
  const keepAlive = setInterval(() => {}, 60_000);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(keepAlive);
    logger.info({ signal }, "dialer shutting down");
    setTimeout(() => process.exit(1), 10_000).unref();
    metricsServer?.close();
    await reminders.stop();
    await dialer.stop();
    await pbx.stop();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
main().catch((err) => {
  process.stderr.write(`Pacer dialer failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
