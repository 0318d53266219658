"use client";

import { useRef } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { AgentsReport, DispositionsReport, ListsReport, SummaryReport, TrunksReport } from "@/lib/api-types";
import { useRealtimeEvent } from "./use-realtime";

export type ReportFilters = {
  campaign_id?: number;
  /** Inclusive local days, YYYY-MM-DD, in `tz` (the campaign's zone, or UTC for all). */
  from?: string;
  to?: string;
  tz?: string;
  group?: "hour" | "day";
};

type Reports = { summary: SummaryReport; dispositions: DispositionsReport; agents: AgentsReport; trunks: TrunksReport; lists: ListsReport };
export type ReportName = keyof Reports;

export const reportKeys = {
  all: ["reports"] as const,
  report: (name: ReportName, filters: ReportFilters) => [...reportKeys.all, name, filters] as const,
};

/** The parameters a report takes: list penetration is a snapshot of the lists, with no range. */
function paramsOf(name: ReportName, f: ReportFilters) {
  if (name === "lists") return { campaign_id: f.campaign_id };
  if (name === "agents" || name === "trunks") return { campaign_id: f.campaign_id, from: f.from, to: f.to, tz: f.tz };
  return f;
}

export function useReport<N extends ReportName>(name: N, filters: ReportFilters, enabled = true) {
  return useQuery({
    queryKey: reportKeys.report(name, paramsOf(name, filters)),
    queryFn: () => api.get<Reports[N]>(`/reports/${name}${queryString(paramsOf(name, filters))}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Where the report's rows download as CSV. */
export function reportCsvHref(name: ReportName, filters: ReportFilters): string {
  return `/api/reports/${name}${queryString({ ...paramsOf(name, filters), format: "csv" })}`;
}

const ENDED = new Set(["NoAnswer", "Busy", "Abandoned", "Hangup"]);
/** At most one refresh of the reports this often, however many calls end. */
const REFRESH_MS = 3000;

/** Reports follow the calls as they end (call.update over the socket): no polling. */
export function useLiveReports() {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtimeEvent("call.update", (event) => {
    if (!ENDED.has(event.state) || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      qc.invalidateQueries({ queryKey: reportKeys.all });
    }, REFRESH_MS);
  });
}
