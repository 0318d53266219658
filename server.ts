import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { closeDb, initDb } from "./db/client";
import { ensureFirstAdmin } from "./server/bootstrap";
import { DemoCrew } from "./server/demo/crew";
import { installDemo } from "./server/demo/service";
import { parseEnv } from "./server/env";
import { resolveAuthSecret } from "./server/auth/secret";
import { logger } from "./server/logger";
import { PbxManager } from "./server/pbx/manager";
import { bootstrapPbxFromEnv } from "./server/pbx/service";
import { randomUUID } from "node:crypto";
import { Dialer } from "./server/dialer/engine";
import { ReminderCaller } from "./server/reminders/reminder-calls";
import { attachRealtime } from "./server/realtime/socket";
import { runtime } from "./server/runtime/registry";
import { restoreContentLength } from "./server/api/content-length";
import { setBaseHeaders } from "./server/security-headers";
import { resumeImports } from "./server/lists/import";
import { adoptUnlistedLeads } from "./server/lists/queries";
import { WebhookWorker } from "./server/webhooks/delivery-worker";
import { parseDeniedNetworks } from "./server/webhooks/guarded-post";

/**
 * Pacer's process: one http server carrying the Next.js app (pages + /api), Socket.IO, and (from
 * the dialer issue on) the dialer. Wiring only; everything it starts lives under server/.
 */
async function main() {
  const env = parseEnv();
  process.env.NEXTAUTH_SECRET = resolveAuthSecret({ authSecret: env.AUTH_SECRET, dataDir: env.DATA_DIR });
  // next-auth derives its URL from the request's Host (see forwardedHeaders below).
  process.env.AUTH_TRUST_HOST ??= "true";

  const db = await initDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  logger.info({ database: db.kind, location: env.DATABASE_URL ? "DATABASE_URL" : env.PGLITE_DIR }, "database ready");

  const print = (line: string) => process.stdout.write(line + "\n");
  const { created } = await ensureFirstAdmin(db.db, { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD, print });
  // The demo (a running campaign worked by simulated agents) only where they can work: PGlite
  // and the built-in simulator, i.e. no PBX to be configured, and the dialer in this process.
  const embedded = db.kind === "pglite" && env.PBX_SIMULATOR && env.DIALER && !env.ARI_URL && !env.ESL_HOST;
  if (created && env.DEMO_DATA && embedded) {
    await installDemo({ system: true }, { agents: env.DEMO_AGENTS }).catch((err) => logger.error({ err }, "the demo could not be created; Pacer starts without it"));
  }
  const adopted = await adoptUnlistedLeads(db.db);
  if (adopted) logger.info({ leads: adopted }, "numbers from before lists moved into their campaigns' default lists");

  await bootstrapPbxFromEnv(db.db, env);
  // One id per process run: leases, attempts and PBX ownership name it.
  const nodeId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const pbx = new PbxManager(db.db, {
    simulator: env.PBX_SIMULATOR,
    simAriPort: env.SIM_ARI_PORT,
    simEslPort: env.SIM_ESL_PORT,
    simReplies: env.SIM_REPLIES,
    databaseUrl: env.DIALER ? env.DATABASE_URL : undefined,
    nodeId,
  });
  const dialer = env.DIALER ? new Dialer(db.db, pbx, { nodeId, maxCps: env.DIALER_MAX_CPS, singleProcess: db.kind === "pglite" }) : null;
  await pbx.start();
  runtime().pbx = pbx;
  if (dialer) {
    await dialer.start();
    runtime().dialer = dialer.asRuntime();
  }
  // Appointment reminders are called by each dialer process, beside its campaigns.
  const reminders = dialer ? new ReminderCaller(db.db, pbx, { nodeId, singleProcess: db.kind === "pglite" }) : null;
  await reminders?.start();
  // The demo's simulated agents resume their work after a restart (and start it on first start).
  const crew = dialer ? new DemoCrew(pbx, { agents: env.DEMO_AGENTS, handle: env.DEMO_HANDLE_SEC }) : null;
  if (crew) {
    runtime().demo = { resume: () => crew.start(), halt: () => crew.halt(), running: () => crew.running(), canRun: () => crew.canRun() };
    await crew.start().catch((err) => logger.error({ err }, "the demo crew could not start"));
  }

  const dev = env.NODE_ENV !== "production";
  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    forwardedHeaders(req, env.TRUST_PROXY);
    setBaseHeaders(res, req.headers["x-forwarded-proto"] === "https");
    restoreContentLength(res);
    handle(req, res).catch((err) => {
      logger.error({ err, url: req.url }, "request failed");
      if (!res.headersSent) res.writeHead(500).end("Internal server error");
    });
  });
  const io = attachRealtime(server, { databaseUrl: db.kind === "postgres" ? env.DATABASE_URL : undefined });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  // Webhooks pending from before a restart go out now; several processes share the outbox safely.
  const webhooks = new WebhookWorker(db.db, { owner: nodeId, timeoutMs: env.WEBHOOK_TIMEOUT_MS, maxAttempts: env.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: env.WEBHOOK_RETRY_BASE_MS, denied: parseDeniedNetworks(env.WEBHOOK_DENY_NETWORKS) });
  webhooks.start();
  void resumeImports(db.db).catch((err) => logger.error({ err }, "could not resume list imports"));
  print(`Pacer is listening on http://localhost:${env.PORT} (${dev ? "development" : "production"}, ${db.kind})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await webhooks.stop();
    await crew?.halt();
    await reminders?.stop();
    await dialer?.stop();
    await pbx.stop();
    await closeDb();
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

/**
 * The remote address reaches route handlers (for the audit log) as `x-pacer-remote-addr`, which a
 * client cannot forge. Unless TRUST_PROXY=1, forwarded headers from clients are replaced: the
 * scheme is plain http, as this server speaks it.
 */
function forwardedHeaders(req: IncomingMessage, trustProxy: boolean) {
  const forwardedFor = trustProxy ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() : "";
  req.headers["x-pacer-remote-addr"] = forwardedFor || req.socket.remoteAddress || "";
  if (!trustProxy || !req.headers["x-forwarded-proto"]) req.headers["x-forwarded-proto"] = "http";
  if (!trustProxy) delete req.headers["x-forwarded-host"];
}

process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

main().catch((err) => {
  process.stderr.write(`Pacer failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
