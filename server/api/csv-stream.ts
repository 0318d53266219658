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
