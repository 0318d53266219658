import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatedRecordingWav } from "../pbx/sim/wav";
import { audioBody, openRecording, parseRange } from "./source";

/** FreeSWITCH recordings are files on its box: read from a directory Pacer sees, or over HTTP. */
describe("recording sources for FreeSWITCH", () => {
  const wav = simulatedRecordingWav(1);
  let dir: string;
  let http: Server;
  let httpBase: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pacer-rec-"));
    writeFileSync(path.join(dir, "pacer-1-1.wav"), wav);
    http = createServer((req, res) => {
      if (req.url === "/recordings/pacer-2-2.wav") res.writeHead(200, { "Content-Type": "audio/wav" }).end(wav);
      else if (req.url === "/recordings/secret.wav") res.writeHead(403).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}/recordings`;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    http.close();
  });

  const files = (over: { dir?: string | null; httpBase?: string | null }) => ({ kind: "files" as const, pbxName: "fs1", dir: null, httpBase: null, ...over });

  it("reads a file from the recording directory, streaming any range of it", async () => {
    const audio = await openRecording(files({ dir }), "pacer-1-1.wav");
    expect(audio).toMatchObject({ kind: "file", size: wav.length });
    const body = new Response(audioBody(audio, { start: 0, end: 3 }));
    expect(Buffer.from(await body.arrayBuffer()).toString("ascii")).toBe("RIFF");
  });

  it("falls back to the HTTP base URL, and says 404 when neither has it", async () => {
    const audio = await openRecording(files({ dir, httpBase }), "pacer-2-2.wav");
    expect(audio.kind === "buffer" && audio.data.equals(wav)).toBe(true);
    await expect(openRecording(files({ dir }), "pacer-9-9.wav")).rejects.toMatchObject({ code: 404, message: expect.stringContaining(dir) });
    await expect(openRecording(files({ httpBase }), "pacer-9-9.wav")).rejects.toMatchObject({ code: 404, message: expect.stringContaining("fs1") });
  });

  it("answers 502 with the reason when the recordings cannot be reached", async () => {
    await expect(openRecording(files({}), "pacer-1-1.wav")).rejects.toMatchObject({ code: 502, message: expect.stringContaining("no recording directory or URL") });
    await expect(openRecording(files({ httpBase }), "secret.wav")).rejects.toMatchObject({ code: 502, message: expect.stringContaining("refused access") });
    // A port nobody listens on any more.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(openRecording(files({ httpBase: `http://127.0.0.1:${port}/rec` }), "pacer-1-1.wav")).rejects.toMatchObject({ code: 502, message: expect.stringContaining("ECONNREFUSED") });
  });

  it("never leaves the recording directory", async () => {
    await expect(openRecording(files({ dir }), "../../etc/passwd")).rejects.toMatchObject({ code: 404 });
    await expect(openRecording(files({ dir }), "a b.wav")).rejects.toMatchObject({ code: 404 });
  });
});

describe("parseRange", () => {
  it("serves one range, the whole file for none, and refuses ranges past the end", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=9-3", 100)).toBe("unsatisfiable");
  });
});
