"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { Campaign, CampaignNumber, CampaignStatus, NumberStatus } from "@/lib/api-types";

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

export function useCampaign(id: number) {
  return useQuery({ queryKey: campaignKeys.detail(id), queryFn: () => api.get<Campaign>(`/campaigns/${id}`) });
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
};

function useInvalidateCampaigns() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: campaignKeys.all });
}

export function useSaveCampaign(id?: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (input: CampaignInput) =>
      id ? api.put<Campaign>(`/campaigns/${id}`, input) : api.post<Campaign>("/campaigns", input),
    onSuccess: invalidate,
  });
}

export function useDeleteCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({ mutationFn: (id: number) => api.del(`/campaigns/${id}`), onSuccess: invalidate });
}

export type CampaignCommand = "start" | "stop" | "pause" | "resume";

export function useCampaignCommand(id: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (command: CampaignCommand) => api.post<{ campaign_id: number; status: CampaignStatus }>(`/campaigns/${id}/${command}`),
    onSuccess: invalidate,
  });
}

export function useAddNumbers(id: number) {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    /** One number goes to the single-add endpoint, several to bulk (all or nothing). Resolves to the server's message. */
    mutationFn: async (numbers: { phone_number: string; data?: Record<string, unknown> }[]): Promise<string> =>
      numbers.length === 1
        ? (await api.post(`/campaigns/${id}/numbers`, numbers[0])).message
        : (await api.post(`/campaigns/${id}/numbers/bulk`, { numbers })).message,
    onSuccess: invalidate,
  });
}

export function useDeleteNumber() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({ mutationFn: (numberId: number) => api.del(`/numbers/${numberId}`), onSuccess: invalidate });
}
