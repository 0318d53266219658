"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { CdrRecord, CdrStats, IntakeRecord } from "@/lib/api-types";
import type { CdrFilters } from "@/lib/cdr-filters";

export type { CdrFilters };

export const cdrKeys = {
  all: ["cdr"] as const,
  list: (filters: CdrFilters, page: number, perPage: number) => [...cdrKeys.all, "list", { ...filters, page, perPage }] as const,
  stats: (filters: CdrFilters) => [...cdrKeys.all, "stats", filters] as const,
  intake: (filter: IntakeFilter) => [...cdrKeys.all, "intake", filter] as const,
};

/** `matched`: only calls tied to Pacer's attempts (true) or only external ones (false). */
export type IntakeFilter = { matched?: boolean; search?: string; page: number; perPage: number };

/** Call records the PBX posted (CDR intake), newest first. */
export function useIntakeRecords(filter: IntakeFilter) {
  return useQuery({
    queryKey: cdrKeys.intake(filter),
    queryFn: () =>
      api.page<IntakeRecord>(
        `/cdr/intake${queryString({ matched: filter.matched === undefined ? undefined : filter.matched ? 1 : 0, search: filter.search, page: filter.page, per_page: filter.perPage })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCdrRecords(filters: CdrFilters, page: number, perPage: number, enabled = true) {
  return useQuery({
    queryKey: cdrKeys.list(filters, page, perPage),
    queryFn: () => api.page<CdrRecord>(`/cdr${queryString({ ...filters, page, per_page: perPage })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Totals over exactly the calls the list shows (same filters). */
export function useCdrStats(filters: CdrFilters, enabled = true) {
  return useQuery({
    queryKey: cdrKeys.stats(filters),
    queryFn: () => api.get<CdrStats>(`/cdr/stats${queryString(filters)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}
