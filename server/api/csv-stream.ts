import { csvLine } from "@/lib/csv";
import { logger } from "../logger";

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

/**
 * Rows as CSV, read in keyset batches as the reader asks for more: a slow client holds back the
 * reads instead of the rows piling up in memory, and a client that goes away stops them.
 */
export function keysetCsvStream<Row, Cursor>(src: KeysetCsvSource<Row, Cursor>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Cursor | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...src.header]) + "\r\n"));
          return;
        }
        try {
          const batch = await src.batch(after, src.batchRows);
          if (batch.length > 0) {
            controller.enqueue(encoder.encode(batch.map((r) => csvLine(src.cells(r)) + "\r\n").join("")));
            after = src.cursor(batch[batch.length - 1]);
          }
          if (batch.length < src.batchRows) controller.close();
        } catch (err) {
          // The status line is long gone: the download ends short, and the log says why.
          logger.error({ err }, `${src.what} export failed mid-stream`);
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
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
