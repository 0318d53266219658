import type { NextRequest } from "next/server";
import { getDb, type Db } from "@/db/client";
import { csvLine } from "@/lib/csv";
import { findCampaign } from "../campaigns/queries";
import { ApiError } from "../api/errors";
import { agentRows, agentTimeRows, callAverages, dispositionRows, leadDispositionCounts, listRows, summaryRows, trunkCauseRows, trunkRows, type ReportScope, type SummaryRow } from "./queries";
import { daysBetween, MAX_DAYS, type ListsReportQuery, type RangeReportQuery, type ReportGroup, type TimeReportQuery } from "./validation";

/** The law's default cap (US: 3 % of live answers) for a report over every campaign. */
const DEFAULT_ABANDON_CAP = 0.03;

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);

/** Today's date in a zone, YYYY-MM-DD. */
function todayIn(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Who and when a report covers: the campaign (which must exist), the zone (given, else the
 * campaign's, else UTC) and the local days (default the week ending today there).
 */
async function scopeOf(db: Db, q: { campaign_id?: number; tz?: string; from?: string; to?: string; group?: ReportGroup }) {
  const campaign = q.campaign_id ? await findCampaign(db, q.campaign_id) : undefined;
  if (q.campaign_id && !campaign) throw ApiError.badRequest("Validation failed: campaign_id", { campaign_id: ["no such campaign"] });
  const tz = q.tz ?? campaign?.timezone ?? "UTC";
  const to = q.to ?? (q.from && q.from > todayIn(tz) ? q.from : todayIn(tz));
  const from = q.from ?? daysBefore(to, 6);
  // Both given were checked with the query; a default end may still make the range too long.
  const group = q.group ?? "day";
  if (daysBetween(from, to) > MAX_DAYS[group]) throw ApiError.badRequest("Validation failed: from", { from: [`must be at most ${MAX_DAYS[group]} days before to (by ${group})`] });
  const scope: ReportScope = { campaignId: q.campaign_id, tz, from, to };
  return { scope, campaign, echo: { campaign_id: q.campaign_id ?? null, tz, from, to } };
}

const rates = (r: Omit<SummaryRow, "bucket">) => ({
  attempts: r.attempts,
  connects: r.connects,
  live_answers: r.live_answers,
  abandoned: r.abandoned,
  answer_rate: ratio(r.connects, r.attempts),
  abandon_rate: ratio(r.abandoned, r.live_answers),
  abandon_rate_24h: ratio(r.ab24, r.live24),
  abandon_rate_30d: ratio(r.ab30, r.live30),
});

export async function summaryReport(q: TimeReportQuery) {
  const db = await getDb();
  const { scope, campaign, echo } = await scopeOf(db, q);
  const rows = await summaryRows(db, scope, q.group);
  const sum = (k: "attempts" | "connects" | "live_answers" | "abandoned") => rows.reduce((n, r) => n + r[k], 0);
  const last = rows[rows.length - 1];
  const totals = rates({
    attempts: sum("attempts"),
    connects: sum("connects"),
    live_answers: sum("live_answers"),
    abandoned: sum("abandoned"),
    // The rolling windows as they stood at the end of the range.
    live24: last?.live24 ?? 0,
    ab24: last?.ab24 ?? 0,
    live30: last?.live30 ?? 0,
    ab30: last?.ab30 ?? 0,
  });
  return {
    ...echo,
    group: q.group,
    abandon_cap: campaign?.abandonCap ?? DEFAULT_ABANDON_CAP,
    totals,
    rows: rows.map((r) => ({ bucket: r.bucket, ...rates(r) })),
  };
}

export async function dispositionsReport(q: TimeReportQuery) {
  const db = await getDb();
  const { scope, echo } = await scopeOf(db, q);
  const [rows, leadDispositions, averages] = await Promise.all([dispositionRows(db, scope, q.group), leadDispositionCounts(db, scope), callAverages(db, scope)]);
  return { ...echo, group: q.group, rows, lead_dispositions: leadDispositions, averages };
}

type AgentReportRow = {
  agent_id: number;
  agent: string;
  calls: number;
  talk_sec: number;
  avg_talk_sec: number;
  wrap_sec: number;
  idle_sec: number;
  break_sec: number;
  break_by_reason: Record<string, number>;
  occupancy: number;
  dispositions: Record<string, number>;
};

/** Calls and dispositions from the call records, time in each state from the agents' state log. */
export async function agentsReport(q: RangeReportQuery) {
  const db = await getDb();
  const { scope, echo } = await scopeOf(db, q);
  const [calls, time] = await Promise.all([agentRows(db, scope), agentTimeRows(db, scope)]);
  const byAgent = new Map<number, AgentReportRow & { on_call_sec: number }>();
  const rowOf = (id: number, name: string) => {
    let a = byAgent.get(id);
    if (!a) byAgent.set(id, (a = { agent_id: id, agent: name, calls: 0, talk_sec: 0, avg_talk_sec: 0, wrap_sec: 0, idle_sec: 0, break_sec: 0, break_by_reason: {}, occupancy: 0, dispositions: {}, on_call_sec: 0 }));
    return a;
  };
  for (const r of calls) {
    const a = rowOf(r.agent_id, r.agent);
    a.calls += r.calls;
    a.talk_sec += r.talk_sec;
    a.dispositions[r.disposition] = r.calls;
  }
  const STATE_FIELD = { on_call: "on_call_sec", wrapup: "wrap_sec", available: "idle_sec", on_break: "break_sec" } as const;
  for (const r of time) {
    const field = STATE_FIELD[r.state as keyof typeof STATE_FIELD];
    if (!field) continue;
    const a = rowOf(r.agent_id, r.agent);
    a[field] += r.sec;
    // Breaks from before reason codes count as plain breaks.
    if (field === "break_sec") a.break_by_reason[r.reason ?? "break"] = (a.break_by_reason[r.reason ?? "break"] ?? 0) + r.sec;
  }
  const rows: AgentReportRow[] = [...byAgent.values()]
    .sort((a, b) => a.agent.localeCompare(b.agent))
    .map(({ on_call_sec, ...a }) => ({
      ...a,
      avg_talk_sec: a.calls ? Math.round((a.talk_sec / a.calls) * 10) / 10 : 0,
      occupancy: ratio(on_call_sec + a.wrap_sec, on_call_sec + a.wrap_sec + a.idle_sec),
    }));
  return { ...echo, rows };
}

export async function trunksReport(q: RangeReportQuery) {
  const db = await getDb();
  const { scope, echo } = await scopeOf(db, q);
  const [rows, causes] = await Promise.all([trunkRows(db, scope), trunkCauseRows(db, scope)]);
  return {
    ...echo,
    rows: rows.map((r) => ({
      trunk_id: r.trunk_id,
      trunk: r.trunk,
      attempts: r.attempts,
      answered: r.answered,
      asr: ratio(r.answered, r.attempts),
      acd_sec: r.answered ? Math.round((r.billsec / r.answered) * 10) / 10 : 0,
      pdd_ms: r.pdd_ms,
      failures: r.attempts - r.answered,
    })),
    causes,
  };
}

export async function listsReport(q: ListsReportQuery) {
  const db = await getDb();
  if (q.campaign_id && !(await findCampaign(db, q.campaign_id))) throw ApiError.badRequest("Validation failed: campaign_id", { campaign_id: ["no such campaign"] });
  const rows = (await listRows(db, q.campaign_id)).map((r) => ({ ...r, penetration: ratio(r.dialed, r.leads) }));
  return { campaign_id: q.campaign_id ?? null, rows };
}

// ---------------------------------------------------------------------------------------------
// CSV: the rows a chart draws, with a header row. Nested figures (an agent's dispositions) are
// written as `SALE=3;NOANSWER=1`.

type CsvValue = string | number | boolean | null | Record<string, number>;

function cell(v: CsvValue): string {
  if (v === null) return "";
  if (typeof v === "object") return Object.entries(v).map(([k, n]) => `${k}=${n}`).join(";");
  return String(v);
}

function reportCsv(name: string, rows: Record<string, CsvValue>[], columns: string[]): Response {
  const lines = [csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => cell(r[c] ?? null))))];
  return new Response(lines.join("\r\n") + "\r\n", {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` },
  });
}

/** `format=csv` or an `Accept` header that asks for text/csv (and not JSON first). */
export function wantsCsv(req: NextRequest, format: "json" | "csv"): boolean {
  if (format === "csv") return true;
  if (new URL(req.url).searchParams.has("format")) return false;
  const accept = req.headers.get("accept") ?? "";
  return /\btext\/csv\b/.test(accept) && !/application\/json/.test(accept);
}

/** The file name of a report's download: what, which campaign, which days. */
function reportFileName(report: string, r: { campaign_id: number | null; from?: string; to?: string }): string {
  const who = r.campaign_id ? `campaign-${r.campaign_id}` : "all";
  return [`report-${report}`, who, r.from, r.to].filter(Boolean).join("_");
}

// ---------------------------------------------------------------------------------------------
// Replies: the envelope, or the report's rows as CSV.

/** Each report's CSV columns, in the order of its table. */
export const REPORT_COLUMNS = {
  summary: ["bucket", "attempts", "connects", "live_answers", "abandoned", "answer_rate", "abandon_rate", "abandon_rate_24h", "abandon_rate_30d"],
  dispositions: ["bucket", "answered", "no_answer", "busy", "failed", "cancelled", "amd_human", "amd_machine", "amd_notsure"],
  agents: ["agent_id", "agent", "calls", "talk_sec", "avg_talk_sec", "wrap_sec", "idle_sec", "break_sec", "break_by_reason", "occupancy", "dispositions"],
  trunks: ["trunk_id", "trunk", "attempts", "answered", "asr", "acd_sec", "pdd_ms", "failures"],
  lists: ["list_id", "list", "campaign_id", "active", "leads", "dialed", "remaining", "exhausted", "callbacks_due", "penetration"],
} as const;

type Report = { campaign_id: number | null; from?: string; to?: string; rows: object[] };

async function reply(req: NextRequest, format: "json" | "csv", name: keyof typeof REPORT_COLUMNS, report: Promise<Report>) {
  const r = await report;
  if (wantsCsv(req, format)) return reportCsv(reportFileName(name, r), r.rows as Record<string, CsvValue>[], [...REPORT_COLUMNS[name]]);
  return { message: "Report retrieved successfully", data: r };
}

export const summaryReportReply = (req: NextRequest, q: TimeReportQuery) => reply(req, q.format, "summary", summaryReport(q));
export const dispositionsReportReply = (req: NextRequest, q: TimeReportQuery) => reply(req, q.format, "dispositions", dispositionsReport(q));
export const agentsReportReply = (req: NextRequest, q: RangeReportQuery) => reply(req, q.format, "agents", agentsReport(q));
export const trunksReportReply = (req: NextRequest, q: RangeReportQuery) => reply(req, q.format, "trunks", trunksReport(q));
export const listsReportReply = (req: NextRequest, q: ListsReportQuery) => reply(req, q.format, "lists", listsReport(q));
