import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { ApiError } from "../api/errors";

/**
 * Where a recording's audio lives. Asterisk keeps it and serves it over ARI
 * (`GET /ari/recordings/stored/{name}/file`, the name without its extension); FreeSWITCH writes a
 * file on its own box, which Pacer reads from a directory it can see (the same box, or a shared
 * mount) or through an HTTP server in front of that directory.
 */
export type RecordingSource =
  | { kind: "ari"; pbxName: string; url: string; username: string; password: string }
  | { kind: "files"; pbxName: string; dir: string | null; httpBase: string | null };

/** The audio, whole (fetched over HTTP) or as a local file to stream from. */
export type RecordingAudio = { kind: "buffer"; data: Buffer } | { kind: "file"; path: string; size: number };

const FETCH_TIMEOUT_MS = 15_000;

const MEDIA_TYPES: Record<string, string> = {
  ".wav": "audio/wav",
  ".wav16": "audio/wav",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".gsm": "audio/x-gsm",
  ".ulaw": "audio/basic",
  ".sln": "audio/L16",
};

export function mediaTypeOf(file: string): string {
  return MEDIA_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** A recording's file name as the CDR holds it, reduced to a bare name (no directories). */
export function safeRecordingName(file: string): string {
  const base = path.basename(file.replace(/\\/g, "/"));
  if (!base || base === "." || base === ".." || !/^[A-Za-z0-9._-]+$/.test(base)) throw new ApiError(404, "Recording not found: the call record names no usable file");
  return base;
}

const unreachable = (pbxName: string, why: string) => new ApiError(502, `Cannot fetch the recording from PBX '${pbxName}': ${why}`);

async function fetchAudio(pbxName: string, url: string, headers: Record<string, string>): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw unreachable(pbxName, cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
  }
  if (res.status === 404) throw new ApiError(404, `Recording not found on PBX '${pbxName}' (deleted there, or never stored)`);
  if (res.status === 401 || res.status === 403) throw unreachable(pbxName, `it refused access (HTTP ${res.status})`);
  if (!res.ok) throw unreachable(pbxName, `it answered HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function openRecording(source: RecordingSource, file: string): Promise<RecordingAudio> {
  const name = safeRecordingName(file);
  if (source.kind === "ari") {
    const stored = name.replace(/\.[^.]+$/, "");
    const auth = Buffer.from(`${source.username}:${source.password}`).toString("base64");
    const url = `${source.url.replace(/\/+$/, "")}/ari/recordings/stored/${encodeURIComponent(stored)}/file`;
    return { kind: "buffer", data: await fetchAudio(source.pbxName, url, { Authorization: `Basic ${auth}` }) };
  }
  if (!source.dir && !source.httpBase) {
    throw unreachable(source.pbxName, "no recording directory or URL is set for it (Settings → PBX servers)");
  }
  if (source.dir) {
    const full = path.join(source.dir, name);
    try {
      const st = await stat(full);
      if (st.isFile()) return { kind: "file", path: full, size: st.size };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw unreachable(source.pbxName, `cannot read ${source.dir} (${code ?? "error"})`);
    }
    if (!source.httpBase) throw new ApiError(404, `Recording not found: no file ${name} in ${source.dir}`);
  }
  return { kind: "buffer", data: await fetchAudio(source.pbxName, `${source.httpBase}/${encodeURIComponent(name)}`, {}) };
}

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range of a file of `size` bytes (RFC 9110): `start-end`, `start-`, or `-suffix`.
 * null for no Range header (or one Pacer does not serve, such as several ranges: the whole file
 * then); "unsatisfiable" for a range past the end.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | "unsatisfiable" {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** The body for a range (or all) of the audio. */
export function audioBody(audio: RecordingAudio, range: ByteRange | null): BodyInit {
  if (audio.kind === "buffer") {
    const slice = range ? audio.data.subarray(range.start, range.end + 1) : audio.data;
    return new Uint8Array(slice);
  }
  const stream = createReadStream(audio.path, range ? { start: range.start, end: range.end } : {});
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

export function audioSize(audio: RecordingAudio): number {
  return audio.kind === "buffer" ? audio.data.length : audio.size;
}
