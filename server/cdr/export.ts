import type { DbOrTx } from "@/db/client";
import { keysetCsvStream } from "../api/csv-stream";
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

const cells = (dto: CdrDto & { outcome: string | null }) => CDR_CSV_COLUMNS.map((c) => (dto[c] === null ? "" : String(dto[c])));

/** Every record matching `filter` as CSV, newest first, in keyset batches (see keysetCsvStream). */
export function cdrCsvStream(db: DbOrTx, filter: CdrFilter, batchRows = EXPORT_BATCH_ROWS): ReadableStream<Uint8Array> {
  return keysetCsvStream<Awaited<ReturnType<typeof cdrExportBatch>>[number], CdrCursor>({
    header: CDR_CSV_COLUMNS,
    batch: (after, limit) => cdrExportBatch(db, filter, after, limit),
    cells: (r) => cells({ ...toCdrDto(r.record), outcome: r.outcome }),
    cursor: (last) => ({ startTime: last.cursorTime, id: last.record.id }),
    batchRows,
    what: "CDR",
  });
}

/** `cdr_campaign-3_2024-12-01_2024-12-09.csv`: what the file holds, readable in a downloads folder. */
export function cdrExportFileName(f: CdrFilter): string {
  return [`cdr_${f.campaignId ? `campaign-${f.campaignId}` : "all"}`, f.startDate, f.endDate].filter(Boolean).join("_") + ".csv";
}
