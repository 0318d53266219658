import { sql } from "drizzle-orm";
import type { z } from "zod";
import { getDb, inTransaction, type Db } from "@/db/client";
import type { PbxServer } from "@/db/schema";
import type { Caller } from "../api/caller";
import { ApiError, orNotFound } from "../api/errors";
import { formatTime } from "../api/format";
import { recordAudit } from "../audit/queries";
import { seal } from "../auth/secret-box";
import type { Env } from "../env";
import { logger } from "../logger";
import { runtime, type PbxHealthEntry } from "../runtime/registry";
import { connectionConfigOf, testConnection, type PbxConnectionConfig } from "./manager";
import { deletePbxServerRow, findPbxServer, insertPbxServer, listPbxServerRows, toPbxServerDto, updatePbxServerRow } from "./queries";
import type { createPbxBody, testPbxBody, updatePbxBody } from "./validation";

function healthOf(id: number, entries: PbxHealthEntry[]) {
  const h = entries.find((e) => e.id === id);
  return h ? { connected: h.connected, last_error: h.lastError, rtt_ms: h.rttMs, since: formatTime(h.since) } : null;
}

function withHealth(row: PbxServer) {
  return { ...toPbxServerDto(row), health: healthOf(row.id, runtime().pbx?.health() ?? []) };
}

/** The configured servers with live health, and the built-in simulator when it is what runs. */
export async function listPbxServers() {
  const rows = await listPbxServerRows(await getDb());
  const health = runtime().pbx?.health() ?? [];
  const builtin = health.find((h) => h.builtin);
  const address = runtime().pbx?.simulatorAddress() ?? null;
  return {
    servers: rows.map((r) => ({ ...toPbxServerDto(r), health: healthOf(r.id, health) })),
    simulator: {
      running: address !== null,
      ari_url: address?.ariUrl ?? null,
      esl_port: address?.eslPort ?? null,
      connected: builtin?.connected ?? false,
      rtt_ms: builtin?.rttMs ?? null,
      last_error: builtin?.lastError ?? null,
    },
  };
}

export async function getPbxServer(id: number) {
  const row = orNotFound(await findPbxServer(await getDb(), id), "PBX server");
  return withHealth(row);
}

async function reloadManager() {
  try {
    await runtime().pbx?.reload();
  } catch (err) {
    logger.error({ err }, "PBX reload failed");
  }
}

function rowValues(input: z.output<typeof createPbxBody>) {
  return input.kind === "asterisk"
    ? { name: input.name, kind: input.kind, ariUrl: input.ari_url, ariUsername: input.ari_username, ariApp: input.ari_app, eslHost: null, eslPort: null, agentDialTemplate: input.agent_dial_template, enabled: input.enabled, passwordEnc: seal(input.password) }
    : { name: input.name, kind: input.kind, ariUrl: null, ariUsername: null, ariApp: null, eslHost: input.esl_host, eslPort: input.esl_port, agentDialTemplate: input.agent_dial_template, recordingPath: input.recording_path || null, recordingUrl: input.recording_url || null, enabled: input.enabled, passwordEnc: seal(input.password) };
}

export async function createPbxServer(caller: Caller, input: z.output<typeof createPbxBody>) {
  const row = await inTransaction(async (tx) => {
    const row = await insertPbxServer(tx, rowValues(input));
    await recordAudit(tx, caller, { action: "pbx.create", entityType: "pbx_server", entityId: row.id, details: toPbxServerDto(row) });
    return row;
  });
  await reloadManager();
  return withHealth(row);
}

export async function updatePbxServer(caller: Caller, id: number, input: z.output<typeof updatePbxBody>) {
  const row = await inTransaction(async (tx) => {
    const before = orNotFound(await findPbxServer(tx, id, { forUpdate: true }), "PBX server");
    const otherKind = before.kind === "asterisk" ? (["esl_host", "esl_port", "recording_path", "recording_url"] as const) : (["ari_url", "ari_username", "ari_app"] as const);
    const misplaced = otherKind.filter((f) => input[f] !== undefined);
    if (misplaced.length) {
      throw ApiError.badRequest(
        `Validation failed: ${misplaced[0]}: not a setting of a${before.kind === "asterisk" ? "n Asterisk" : " FreeSWITCH"} server`,
        Object.fromEntries(misplaced.map((f) => [f, [`not a setting of a${before.kind === "asterisk" ? "n Asterisk" : " FreeSWITCH"} server`]])),
      );
    }
    const kindFields =
      before.kind === "asterisk"
        ? { ariUrl: input.ari_url, ariUsername: input.ari_username, ariApp: input.ari_app }
        : {
            eslHost: input.esl_host,
            eslPort: input.esl_port,
            recordingPath: input.recording_path === undefined ? undefined : input.recording_path || null,
            recordingUrl: input.recording_url === undefined ? undefined : input.recording_url || null,
          };
    const after = await updatePbxServerRow(tx, id, {
      name: input.name,
      ...kindFields,
      agentDialTemplate: input.agent_dial_template,
      enabled: input.enabled,
      ...(input.password !== undefined ? { passwordEnc: seal(input.password) } : {}),
    });
    await recordAudit(tx, caller, {
      action: "pbx.update",
      entityType: "pbx_server",
      entityId: id,
      details: { before: toPbxServerDto(before), after: toPbxServerDto(after), password_changed: input.password !== undefined },
    });
    return after;
  });
  await reloadManager();
  return withHealth(row);
}

export async function deletePbxServer(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const row = orNotFound(await findPbxServer(tx, id, { forUpdate: true }), "PBX server");
    await deletePbxServerRow(tx, id);
    await recordAudit(tx, caller, { action: "pbx.delete", entityType: "pbx_server", entityId: id, details: toPbxServerDto(row) });
  });
  await reloadManager();
}

function configOfInput(input: z.output<typeof testPbxBody>): PbxConnectionConfig {
  return input.kind === "asterisk"
    ? { kind: "asterisk", url: input.ari_url, username: input.ari_username, password: input.password, app: input.ari_app }
    : { kind: "freeswitch", host: input.esl_host, port: input.esl_port, password: input.password };
}

export async function testNewPbxServer(input: z.output<typeof testPbxBody>) {
  return testConnection(configOfInput(input));
}

export async function testSavedPbxServer(id: number) {
  const row = orNotFound(await findPbxServer(await getDb(), id), "PBX server");
  let config: PbxConnectionConfig;
  try {
    config = connectionConfigOf(row);
  } catch {
    throw ApiError.conflict("The stored password cannot be read (AUTH_SECRET changed?): enter it again");
  }
  return testConnection(config);
}

/** Advisory-lock key that serialises start-up bootstraps of env PBX servers across processes. */
const BOOTSTRAP_LOCK = 727_101;

/**
 * ARI_URL / ESL_HOST at start-up add that server once, unless one with the same address exists.
 * Under a transaction-scoped advisory lock: two processes starting together on one PostgreSQL
 * would otherwise both see no row and both insert one.
 */
export async function bootstrapPbxFromEnv(db: Db, env: Env): Promise<void> {
  if (!(env.ARI_URL && env.ARI_PASSWORD) && !env.ESL_HOST) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const rows = await listPbxServerRows(tx);
    if (env.ARI_URL && env.ARI_PASSWORD) {
      const url = env.ARI_URL.replace(/\/+$/, "").replace(/\/ari$/, "");
      if (!rows.some((r) => r.kind === "asterisk" && r.ariUrl === url)) {
        const row = await insertPbxServer(tx, { name: "Asterisk", kind: "asterisk", ariUrl: url, ariUsername: env.ARI_USERNAME, ariApp: env.ARI_APP, agentDialTemplate: "PJSIP/{exten}", passwordEnc: seal(env.ARI_PASSWORD) });
        await recordAudit(tx, { system: true }, { action: "pbx.create", entityType: "pbx_server", entityId: row.id, details: { ...toPbxServerDto(row), from: "ARI_URL" } });
      }
    }
    if (env.ESL_HOST) {
      if (!rows.some((r) => r.kind === "freeswitch" && r.eslHost === env.ESL_HOST && r.eslPort === env.ESL_PORT)) {
        const row = await insertPbxServer(tx, { name: "FreeSWITCH", kind: "freeswitch", eslHost: env.ESL_HOST, eslPort: env.ESL_PORT, agentDialTemplate: "user/{exten}", passwordEnc: seal(env.ESL_PASSWORD) });
        await recordAudit(tx, { system: true }, { action: "pbx.create", entityType: "pbx_server", entityId: row.id, details: { ...toPbxServerDto(row), from: "ESL_HOST" } });
      }
    }
  });
}
