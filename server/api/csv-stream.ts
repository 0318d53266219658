import { csvLine } from "@/lib/csv";
import { logger } from "../logger";

/**
 * A CSV download of any size in flat memory: the header row, then each batch `next` reads when the
 * reader asks for more (a slow client holds back the reads, a client that goes away stops them).
 * `next` returns the batch's lines (already CSV, without line ends) and whether more may follow.
 */
export function batchedCsvStream(header: readonly string[], next: () => Promise<{ lines: string[]; more: boolean }>, what: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...header]) + "\r\n"));
          return;
        }
        try {
          const { lines, more } = await next();
          if (lines.length) controller.enqueue(encoder.encode(lines.map((l) => l + "\r\n").join("")));
          if (!more) controller.close();
        } catch (err) {
          // The status line is long gone: the download ends short, and the log says why.
          logger.error({ err }, `${what} failed mid-stream`);
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
}

export type KeysetCsvSource<Row, Cursor> = {
  header: readonly string[];
  /** The next rows after `after` (null: from the start), at most `limit`. */
  batch: (after: Cursor | null, limit: number) => Promise<Row[]>;
  cells: (row: Row) => string[];
  cursor: (last: Row) => Cursor;
  batchRows: number;
  /** What is exported, for the log line when a read fails mid-stream. */
  what: string;
};

/** Rows read in keyset batches (each batch starts after the last row's cursor), as a batched CSV stream. */
export function keysetCsvStream<Row, Cursor>(src: KeysetCsvSource<Row, Cursor>): ReadableStream<Uint8Array> {
  let after: Cursor | null = null;
  return batchedCsvStream(
    src.header,
    async () => {
      const batch = await src.batch(after, src.batchRows);
      if (batch.length > 0) after = src.cursor(batch[batch.length - 1]);
      return { lines: batch.map((r) => csvLine(src.cells(r))), more: batch.length === src.batchRows };
    },
    `${src.what} export`,
  );
}

/** A CSV download's headers: the file's name, and never cached (it carries people's numbers). */
export function csvDownload(stream: ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
