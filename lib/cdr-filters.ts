import type { AttemptOutcome } from "@/db/schema";
import { CDR_DISPOSITIONS, type CdrRecord } from "./api-types";
import { PER_PAGE_OPTIONS } from "./pagination";
import { parseRecordId } from "./route-params";

/** What the call records can be filtered by (the same filters the list, its stats and the export take). */
export type CdrFilters = {
  campaign_id?: number;
  trunk_id?: number;
  agent_id?: number;
  disposition?: CdrRecord["disposition"];
  outcome?: AttemptOutcome;
  /** Inclusive UTC calendar days, YYYY-MM-DD. */
  start_date?: string;
  end_date?: string;
  /** A destination or caller ID, exactly; a trailing `*` makes it a prefix. */
  number?: string;
  search?: string;
};

/** The call record filters as they appear in the page URL, so a filtered view can be reloaded or shared. */
export type CdrQuery = CdrFilters & { page: number; per_page: number };

/** The dialer's outcomes, in the words the filter shows them (the record says `answered` for the first three). */
export const CDR_OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  answered: "Person, connected",
  machine: "Answering machine",
  abandoned: "Abandoned",
  busy: "Busy",
  no_answer: "No answer",
  congestion: "Congestion",
  unavailable: "Number unavailable",
  failed: "Failed",
  cancelled: "Cancelled",
  lost: "Lost in a restart",
};
const OUTCOMES = Object.keys(CDR_OUTCOME_LABELS) as AttemptOutcome[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the API takes as a number: digits with the usual separators, an optional + and a trailing * for a prefix. */
export function isCdrNumber(value: string): boolean {
  return /^\+?\d{1,20}\*?$/.test(value.trim().replace(/[\s\-.()]/g, ""));
}

/** Anything malformed in the URL is dropped rather than sent to the API as a 400. */
export function parseCdrQuery(params: URLSearchParams): CdrQuery {
  const id = (key: string) => parseRecordId(params.get(key) ?? "") ?? undefined;
  const disposition = CDR_DISPOSITIONS.find((d) => d === params.get("disposition"));
  const outcome = OUTCOMES.find((o) => o === params.get("outcome"));
  const date = (key: string) => {
    const v = params.get(key) ?? "";
    return DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined;
  };
  const number = params.get("number")?.trim();
  const search = params.get("search")?.trim().slice(0, 100) || undefined;
  const page = Number(params.get("page"));
  const perPage = Number(params.get("per_page"));
  return {
    campaign_id: id("campaign_id"),
    trunk_id: id("trunk_id"),
    agent_id: id("agent_id"),
    disposition,
    outcome,
    start_date: date("start_date"),
    end_date: date("end_date"),
    number: number && isCdrNumber(number) ? number : undefined,
    search,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    per_page: (PER_PAGE_OPTIONS as readonly number[]).includes(perPage) ? perPage : PER_PAGE_OPTIONS[0],
  };
}

const FILTER_KEYS = ["campaign_id", "trunk_id", "agent_id", "disposition", "outcome", "start_date", "end_date", "number", "search"] as const satisfies readonly (keyof CdrFilters)[];

/** Only the filters of a query (what the list, the stats and the export are asked for). */
export function cdrFiltersOf(q: CdrQuery): CdrFilters {
  return Object.fromEntries(FILTER_KEYS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
}

/** Defaults are left out so URLs stay short. */
export function cdrQueryString(q: CdrQuery): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (q[key]) params.set(key, String(q[key]));
  if (q.page > 1) params.set("page", String(q.page));
  if (q.per_page !== PER_PAGE_OPTIONS[0]) params.set("per_page", String(q.per_page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The CSV download of every record the filters match (the browser's session authenticates it). */
export function cdrExportHref(filters: CdrFilters): string {
  return `/api/cdr/export${cdrQueryString({ ...filters, page: 1, per_page: PER_PAGE_OPTIONS[0] })}`;
}

export function hasCdrFilters(q: CdrQuery): boolean {
  return FILTER_KEYS.some((k) => Boolean(q[k]));
}
