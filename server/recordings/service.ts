import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { callAttempts, type Cdr } from "@/db/schema";
import type { Caller } from "../api/caller";
import { FILE_LENGTH_HEADER } from "../api/content-length";
import { ApiError, orNotFound } from "../api/errors";
import { findAgentByUser } from "../agents/queries";
import { recordAudit } from "../audit/queries";
import { findCdr } from "../cdr/queries";
import { connectionConfigOf } from "../pbx/manager";
import { findPbxServer } from "../pbx/queries";
import { runtime } from "../runtime/registry";
import { audioBody, audioSize, mediaTypeOf, openRecording, parseRange, safeRecordingName, type RecordingSource } from "./source";

/** Supervisors and admins hear any call; an agent only the calls it took. */
async function checkAllowed(db: DbOrTx, caller: Caller, row: Cdr) {
  if (caller.user.role !== "agent") return;
  const agent = await findAgentByUser(db, caller.user.id);
  if (!agent || row.agentId !== agent.id) throw ApiError.forbidden("Forbidden: agents may only download recordings of their own calls");
}

/** Which PBX recorded the call: the one its attempt was placed on. */
async function sourceOf(db: DbOrTx, row: Cdr): Promise<RecordingSource> {
  const [attempt] = row.attemptId ? await db.select({ pbxKey: callAttempts.pbxKey }).from(callAttempts).where(eq(callAttempts.id, row.attemptId)) : [];
  const key = attempt?.pbxKey;
  if (!key) throw new ApiError(502, "Cannot fetch the recording: the call record does not say which PBX recorded it");
  if (key.startsWith("sim:")) {
    const ari = runtime().pbx?.builtinAri();
    if (!ari) throw new ApiError(502, "Cannot fetch the recording: it was made on a built-in simulator that is no longer running");
    return { kind: "ari", pbxName: "built-in simulator", ...ari };
  }
  const id = Number(key.replace(/^db:/, ""));
  const server = Number.isInteger(id) ? await findPbxServer(db, id) : undefined;
  if (!server) throw new ApiError(502, "Cannot fetch the recording: the PBX server that recorded it was removed from Pacer");
  if (server.kind === "freeswitch") return { kind: "files", pbxName: server.name, dir: server.recordingPath, httpBase: server.recordingUrl };
  const config = connectionConfigOf(server);
  if (config.kind !== "asterisk") throw new ApiError(502, "Cannot fetch the recording: unexpected PBX kind");
  return { kind: "ari", pbxName: server.name, url: config.url, username: config.username, password: config.password };
}

/**
 * Streams a call's recording. Honours a single `Range` (players seek with it). Every download is
 * audited; a player's follow-up range requests (those not starting at byte 0) are not, so one
 * listen is one entry.
 */
export async function downloadRecording(caller: Caller, cdrId: number, opts: { range: string | null; inline: boolean }): Promise<Response> {
  const db = await getDb();
  const row = orNotFound(await findCdr(db, cdrId), "CDR record");
  await checkAllowed(db, caller, row);
  if (!row.recordingFile) throw new ApiError(404, "Recording not found: this call was not recorded");
  const name = safeRecordingName(row.recordingFile);
  const audio = await openRecording(await sourceOf(db, row), name);
  const size = audioSize(audio);
  const range = parseRange(opts.range, size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}`, "Accept-Ranges": "bytes" } });
  }
  if (!range || range.start === 0) {
    await recordAudit(db, caller, {
      action: "recording.download",
      entityType: "cdr",
      entityId: row.id,
      details: { recording_file: name, campaign_id: row.campaignId, destination: row.destination, bytes: size, range: opts.range },
    });
  }
  const headers: Record<string, string> = {
    "Content-Type": mediaTypeOf(name),
    "Content-Length": String(range ? range.end - range.start + 1 : size),
    [FILE_LENGTH_HEADER]: String(range ? range.end - range.start + 1 : size),
    "Content-Disposition": `${opts.inline ? "inline" : "attachment"}; filename="${name}"`,
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
  };
  if (range) headers["Content-Range"] = `bytes ${range.start}-${range.end}/${size}`;
  return new Response(audioBody(audio, range), { status: range ? 206 : 200, headers });
}
