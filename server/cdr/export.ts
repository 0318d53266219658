import { csvLine } from "@/lib/csv";
import type { DbOrTx } from "@/db/client";
import { batchedCsvStream } from "../api/csv-stream";
import { cdrExportBatch, toCdrDto, type CdrCursor, type CdrFilter } from "./queries";

/** Rows read per query: large enough that the round trips do not dominate, small enough to keep memory flat. */
export const EXPORT_BATCH_ROWS = 1000;

type CdrDto = ReturnType<typeof toCdrDto>;

/** The export's columns, in reading order: when, who was called, how it ended, then the plumbing. */
export const CDR_CSV_COLUMNS = [
  "id", "start_time", "answer_time", "end_time", "campaign_id", "campaign_number_id", "destination", "phone_position", "callerid",
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
  let after: CdrCursor | null = null;
  return batchedCsvStream(
    CDR_CSV_COLUMNS,
    async () => {
      const batch = await cdrExportBatch(db, filter, after, batchRows);
      if (batch.length > 0) {
        const last = batch[batch.length - 1];
        after = { startTime: last.cursorTime, id: last.record.id };
      }
      return { lines: batch.map((r) => csvRow({ ...toCdrDto(r.record), outcome: r.outcome })), more: batch.length === batchRows };
    },
    "CDR export",
  );
}

/** `cdr_campaign-3_2024-12-01_2024-12-09.csv`: what the file holds, readable in a downloads folder. */
export function cdrExportFileName(f: CdrFilter): string {
  return [`cdr_${f.campaignId ? `campaign-${f.campaignId}` : "all"}`, f.startDate, f.endDate].filter(Boolean).join("_") + ".csv";
}
