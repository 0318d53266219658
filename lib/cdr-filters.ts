import { CDR_DISPOSITIONS, type CdrRecord } from "./api-types";
import { PER_PAGE_OPTIONS } from "./pagination";
import { parseRecordId } from "./route-params";

/** What the call records can be filtered by. */
export type CdrFilters = {
  campaign_id?: number;
  disposition?: CdrRecord["disposition"];
  /** Inclusive UTC calendar days, YYYY-MM-DD. */
  start_date?: string;
  end_date?: string;
  search?: string;
};

/** The call record filters as they appear in the page URL, so a filtered view can be reloaded or shared. */
export type CdrQuery = CdrFilters & { page: number; per_page: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Anything malformed in the URL is dropped rather than sent to the API as a 400. */
export function parseCdrQuery(params: URLSearchParams): CdrQuery {
  const campaign = parseRecordId(params.get("campaign_id") ?? "");
  const disposition = CDR_DISPOSITIONS.find((d) => d === params.get("disposition"));
  const date = (key: string) => {
    const v = params.get(key) ?? "";
    return DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined;
  };
  const search = params.get("search")?.trim().slice(0, 100) || undefined;
  const page = Number(params.get("page"));
  const perPage = Number(params.get("per_page"));
  return {
    campaign_id: campaign ?? undefined,
    disposition,
    start_date: date("start_date"),
    end_date: date("end_date"),
    search,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    per_page: (PER_PAGE_OPTIONS as readonly number[]).includes(perPage) ? perPage : PER_PAGE_OPTIONS[0],
  };
}

/** Defaults are left out so URLs stay short. */
export function cdrQueryString(q: CdrQuery): string {
  const params = new URLSearchParams();
  if (q.campaign_id) params.set("campaign_id", String(q.campaign_id));
  if (q.disposition) params.set("disposition", q.disposition);
  if (q.start_date) params.set("start_date", q.start_date);
  if (q.end_date) params.set("end_date", q.end_date);
  if (q.search) params.set("search", q.search);
  if (q.page > 1) params.set("page", String(q.page));
  if (q.per_page !== PER_PAGE_OPTIONS[0]) params.set("per_page", String(q.per_page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function hasCdrFilters(q: CdrQuery): boolean {
  return Boolean(q.campaign_id || q.disposition || q.start_date || q.end_date || q.search);
}
