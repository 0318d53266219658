import type { DbOrTx } from "@/db/client";
import { keysetCsvStream } from "../api/csv-stream";
import { formatTime } from "../api/format";
import { ledgerBatch, type LedgerCursor, type LedgerRow } from "./queries";
import type { ComplianceRange } from "./validation";

export const LEDGER_BATCH_ROWS = 1000;

/**
 * One line per attempt, for an auditor: the call (when, to whom, how it ended), then the decision
 * that let it out as the evidence recorded it, then the two checks judged from it.
 */
export const LEDGER_CSV_COLUMNS = [
  "attempt_id", "lead_id", "phone_number", "attempt_no", "started_at", "answered_at", "connected_at", "ended_at", "outcome", "amd_result", "abandoned",
  "connect_ms", "zone", "zone_source", "local_date", "local_time", "local_weekday", "window_start", "window_end", "within_window", "on_dnc_at_dial",
  "campaign_zone", "schedule", "dnc_lists", "abandon_rate_24h", "abandon_rate_30d", "abandon_rate_1h", "abandon_cap", "pacing_mode", "pacing_lines",
  "pacing_ready_agents", "pacing_ratio", "ring_timeout_sec", "decided_at", "trunk",
] as const;

type Column = (typeof LEDGER_CSV_COLUMNS)[number];
const text = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** A ledger row as the CSV's cells, by column. */
export function ledgerCells(r: LedgerRow): Record<Column, string> {
  const a = r.attempt;
  const e = a.evidence;
  return {
    attempt_id: text(a.id),
    lead_id: text(a.leadId),
    phone_number: a.phoneNumber,
    attempt_no: text(a.attemptNo),
    started_at: text(formatTime(a.startedAt)),
    answered_at: text(formatTime(a.answeredAt)),
    connected_at: text(formatTime(a.connectedAt)),
    ended_at: text(formatTime(a.endedAt)),
    outcome: text(a.outcome),
    amd_result: text(a.amdResult),
    abandoned: a.abandoned ? "1" : "0",
    connect_ms: text(r.connectMs),
    zone: text(e?.zone),
    zone_source: text(e?.zone_source),
    local_date: text(e?.local_date),
    local_time: text(e?.local_time),
    local_weekday: text(e?.local_weekday),
    window_start: text(e?.calling_window.start),
    window_end: text(e?.calling_window.end),
    within_window: r.withinWindow === null ? "" : r.withinWindow ? "1" : "0",
    on_dnc_at_dial: r.onDnc ? "1" : "0",
    campaign_zone: text(e?.campaign_zone),
    schedule: e?.schedule ? JSON.stringify(e.schedule) : "",
    // `system@2026-01-02T03:04:05.000Z; campaign 4@never`: each list checked and its newest entry.
    dnc_lists: e ? e.dnc_lists.map((l) => `${l.scope === "system" ? "system" : `campaign ${l.campaign_id}`}@${l.updated_at ?? "empty"}`).join("; ") : "",
    abandon_rate_24h: text(e?.abandonment?.window_24h.rate),
    abandon_rate_30d: text(e?.abandonment?.window_30d.rate),
    abandon_rate_1h: text(e?.abandonment?.last_hour.rate),
    abandon_cap: text(e?.abandonment?.cap),
    pacing_mode: text(e?.pacing?.mode),
    pacing_lines: text(e?.pacing?.lines),
    pacing_ready_agents: text(e?.pacing?.ready_agents),
    pacing_ratio: text(e?.pacing?.ratio),
    ring_timeout_sec: text(e?.ring_timeout_sec),
    decided_at: text(e?.decided_at),
    trunk: text(a.trunk),
  };
}

/** The campaign's ledger over the period as CSV, oldest first, streamed in keyset batches. */
export function ledgerCsvStream(db: DbOrTx, campaignId: number, range: ComplianceRange, batchRows = LEDGER_BATCH_ROWS): ReadableStream<Uint8Array> {
  return keysetCsvStream<LedgerRow, LedgerCursor>({
    header: LEDGER_CSV_COLUMNS,
    batch: (after, limit) => ledgerBatch(db, campaignId, range, after, limit),
    cells: (r) => {
      const cells = ledgerCells(r);
      return LEDGER_CSV_COLUMNS.map((c) => cells[c]);
    },
    cursor: (last) => ({ startedAt: last.cursorTime, id: last.attempt.id }),
    batchRows,
    what: "compliance ledger",
  });
}

/** `compliance_campaign-3_2026-11-07_2026-12-07.csv`. */
export function ledgerFileName(campaignId: number, r: ComplianceRange): string {
  return `compliance_campaign-${campaignId}_${r.from.toISOString().slice(0, 10)}_${r.to.toISOString().slice(0, 10)}.csv`;
}
