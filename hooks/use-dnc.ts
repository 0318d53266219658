"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { DncBulkResult, DncEntry } from "@/lib/api-types";

/** Which list: a campaign's, the system-wide one (`global`), or every list (undefined). */
export type DncScope = number | "global" | undefined;

export type DncFilter = { scope: DncScope; search?: string; page: number; perPage: number };

export const dncKeys = {
  all: ["dnc"] as const,
  list: (filter: DncFilter) => [...dncKeys.all, "list", filter] as const,
};

export function useDncNumbers(filter: DncFilter) {
  return useQuery({
    queryKey: dncKeys.list(filter),
    queryFn: () =>
      api.page<DncEntry>(`/dnc${queryString({ campaign_id: filter.scope, search: filter.search, page: filter.page, per_page: filter.perPage })}`),
    placeholderData: keepPreviousData,
  });
}

/** `campaign_id` null or absent: the system-wide list. */
export type NewDncNumber = { phone_number: string; note?: string | null; campaign_id?: number | null };

function useInvalidateDnc() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: dncKeys.all });
}

export function useAddDncNumber() {
  const invalidate = useInvalidateDnc();
  return useMutation({
    mutationFn: async (entry: NewDncNumber) => (await api.post<DncEntry>("/dnc", entry)).data,
    onSuccess: invalidate,
  });
}

/** All or nothing: a bad row rejects the request with `numbers.<index>.<field>` errors; numbers already listed are skipped. */
export function useAddDncNumbersBulk() {
  const invalidate = useInvalidateDnc();
  return useMutation({
    mutationFn: async (input: { numbers: { phone_number: string; note?: string }[]; campaign_id: number | null }) => {
      const r = await api.post<DncBulkResult>("/dnc/bulk", input);
      return { ...r.data, message: r.message };
    },
    onSuccess: invalidate,
  });
}

export function useDeleteDncNumber() {
  const invalidate = useInvalidateDnc();
  return useMutation({ mutationFn: (id: number) => api.del(`/dnc/${id}`), onSuccess: invalidate });
}
