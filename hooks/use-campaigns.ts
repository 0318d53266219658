"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { Campaign, CampaignCompliance, CampaignNumber, CampaignRuntime, CampaignSchedule, CampaignStatus, NumberStatus, RetryRules } from "@/lib/api-types";
import type { CampaignCommand } from "@/lib/campaign-rules";

export const campaignKeys = {
  all: ["campaigns"] as const,
  list: (status?: CampaignStatus) => [...campaignKeys.all, "list", status ?? "all"] as const,
  detail: (id: number) => [...campaignKeys.all, "detail", id] as const,
  numbers: (id: number, filter: { status?: NumberStatus; page: number; perPage: number }) =>
    [...campaignKeys.all, "numbers", id, filter] as const,
};

export function useCampaigns(status?: CampaignStatus) {
  return useQuery({
    queryKey: campaignKeys.list(status),
    queryFn: () => api.get<Campaign[]>(`/campaigns${queryString({ status })}`),
  });
}

export function useCampaign(id: number, enabled = true) {
  return useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => api.get<Campaign>(`/campaigns/${id}`), enabled });
}

export function useCampaignNumbers(id: number, filter: { status?: NumberStatus; page: number; perPage: number }) {
  return useQuery({
    queryKey: campaignKeys.numbers(id, filter),
    queryFn: () =>
      api.page<CampaignNumber>(`/campaigns/${id}/numbers${queryString({ status: filter.status, page: filter.page, per_page: filter.perPage })}`),
    placeholderData: keepPreviousData,
  });
}

export type CampaignInput = {
  name: string;
  description?: string | null;
  trunk_type: Campaign["trunk_type"];
  trunk_value: string;
  callerid?: string | null;
  agent_dest_type: Campaign["agent_dest_type"];
  agent_dest_value: string;
  record_calls: 0 | 1;
  concurrent_calls: number;
  retry_times: number;
  retry_delay: number;
  dial_mode?: Campaign["dial_mode"];
  dial_timeout?: number;
  amd_enabled?: 0 | 1;
  machine_action?: Campaign["machine_action"];
  machine_message?: string | null;
  /** A fraction, 0 … 0.5. */
  abandon_cap?: number;
  abandon_message?: string;
  wrapup_sec?: number;
  agent_drop_action?: Campaign["agent_drop_action"];
  timezone?: string;
  calling_hours_start?: string;
  calling_hours_end?: string;
  schedule?: CampaignSchedule | null;
  retry_rules?: RetryRules | null;
};

function useInvalidateCampaigns() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: campaignKeys.all });
}

export function useSaveCampaign(id?: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: async (input: CampaignInput) =>
      (id ? await api.put<Campaign>(`/campaigns/${id}`, input) : await api.post<Campaign>("/campaigns", input)).data,
    onSuccess: invalidate,
  });
}

export function useDeleteCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/campaigns/${id}`),
    onSuccess: (_result, id) => {
      // Only the lists are refetched: the deleted campaign's own queries would just answer 404.
      qc.removeQueries({ queryKey: campaignKeys.detail(id) });
      qc.removeQueries({ queryKey: [...campaignKeys.all, "numbers", id] });
      return qc.invalidateQueries({ queryKey: [...campaignKeys.all, "list"] });
    },
  });
}

export function useCampaignCommand(id: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (command: CampaignCommand) => api.post<{ campaign_id: number; status: CampaignStatus }>(`/campaigns/${id}/${command}`),
    // A refused command (409) usually means the status changed elsewhere: refresh to show it.
    onSettled: invalidate,
  });
}

export type NewNumber = { phone_number: string; data?: Record<string, unknown> };

/** Resolves to the server's confirmation message. */
export function useAddNumber(id: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: async (number: NewNumber) => (await api.post(`/campaigns/${id}/numbers`, number)).message,
    onSuccess: invalidate,
  });
}

/** All or nothing: a bad row rejects the request with `numbers.<index>.<field>` errors. */
export function useAddNumbersBulk(id: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: async (numbers: NewNumber[]) => (await api.post<{ count: number }>(`/campaigns/${id}/numbers/bulk`, { numbers })).message,
    onSuccess: invalidate,
  });
}

export function useDeleteNumber() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({ mutationFn: (numberId: number) => api.del(`/numbers/${numberId}`), onSuccess: invalidate });
}

export const campaignRuntimeKey = (id: number) => [...campaignKeys.all, "runtime", id] as const;

/**
 * `GET /campaigns/:id/runtime`. Live figures come by socket (kpi.tick, queue.update); the slow
 * poll keeps what the ticks do not carry (24 h / 30 d abandonment, agents) fresh as well.
 */
export function useCampaignRuntime(id: number, enabled = true) {
  return useQuery({
    queryKey: campaignRuntimeKey(id),
    queryFn: () => api.get<CampaignRuntime>(`/campaigns/${id}/runtime`),
    enabled,
    refetchInterval: enabled ? 10_000 : false,
  });
}

/** `GET /campaigns/:id/compliance` over the last `days` days (to now). */
export function useCampaignCompliance(id: number, days: number) {
  return useQuery({
    queryKey: [...campaignKeys.all, "compliance", id, days] as const,
    queryFn: () => api.get<CampaignCompliance>(`/campaigns/${id}/compliance${queryString({ from: complianceFrom(days) })}`),
  });
}

/** The start of the last `days` days, to the minute (so a link and the figures it sits by agree). */
export function complianceFrom(days: number, now = Date.now()): string {
  return new Date(Math.floor((now - days * 86_400_000) / 60_000) * 60_000).toISOString();
}
