import { csvLine } from "@/lib/csv";
import type { DbOrTx } from "@/db/client";
import { logger } from "../logger";
import { cdrExportBatch, toCdrDto, type CdrCursor, type CdrFilter } from "./queries";

/** Rows read per query: large enough that the round trips do not dominate, small enough to keep memory flat. */
export const EXPORT_BATCH_ROWS = 1000;

type CdrDto = ReturnType<typeof toCdrDto>;

/** The export's columns, in reading order: when, who was called, how it ended, then the plumbing. */
export const CDR_CSV_COLUMNS = [
  "id", "start_time", "answer_time", "end_time", "campaign_id", "campaign_number_id", "destination", "dialed_number", "phone_position", "callerid",
  "agent", "agent_id", "disposition", "outcome", "amd_result", "abandoned", "lead_disposition", "duration", "billsec",
  "hangup_cause", "hangup_cause_text", "sip_code", "post_dial_delay_ms", "trunk", "trunk_id", "recording_file", "channel_id", "uniqueid", "attempt_id", "created_at",
] as const satisfies readonly (keyof CdrDto | "outcome")[];

function csvRow(dto: CdrDto & { outcome: string | null }): string {
  return csvLine(CDR_CSV_COLUMNS.map((c) => (dto[c] === null ? "" : String(dto[c]))));
}

/**
 * Every record matching `filter` as CSV, read in keyset batches as the reader asks for more: a
 * slow client holds back the reads instead of the rows piling up in memory, and a client that goes
 * away stops them.
 */
export function cdrCsvStream(db: DbOrTx, filter: CdrFilter, batchRows = EXPORT_BATCH_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: CdrCursor | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...CDR_CSV_COLUMNS]) + "\r\n"));
          return;
        }
        try {
          const batch = await cdrExportBatch(db, filter, after, batchRows);
          if (batch.length > 0) {
            const text = batch.map((r) => csvRow({ ...toCdrDto(r.record), outcome: r.outcome }) + "\r\n").join("");
            controller.enqueue(encoder.encode(text));
            const last = batch[batch.length - 1];
            after = { startTime: last.cursorTime, id: last.record.id };
          }
          if (batch.length < batchRows) controller.close();
        } catch (err) {
          // The status line is long gone: the download ends short, and the log says why.
          logger.error({ err }, "CDR export failed mid-stream");
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** `cdr_campaign-3_2024-12-01_2024-12-09.csv`: what the file holds, readable in a downloads folder. */
export function cdrExportFileName(f: CdrFilter): string {
  return [`cdr_${f.campaignId ? `campaign-${f.campaignId}` : "all"}`, f.startDate, f.endDate].filter(Boolean).join("_") + ".csv";
}
