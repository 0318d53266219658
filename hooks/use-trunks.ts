"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { CampaignTrunks, ProbeResult, ProviderHealth, Trunk, TrunkType } from "@/lib/api-types";
import { useRealtimeEvent } from "./use-realtime";

export type TrunkFilter = { search?: string; page: number; perPage: number };

export const trunkKeys = {
  all: ["trunks"] as const,
  list: (filter: TrunkFilter) => [...trunkKeys.all, "list", filter] as const,
  campaign: (campaignId: number) => [...trunkKeys.all, "campaign", campaignId] as const,
  health: () => [...trunkKeys.all, "health"] as const,
};

/** Live channels and CPS have no realtime event of their own yet: polled while the page is open. */
const FIGURES_POLL_MS = 5_000;

export function useTrunks(filter: TrunkFilter, opts: { live?: boolean } = {}) {
  return useQuery({
    queryKey: trunkKeys.list(filter),
    queryFn: () => api.page<Trunk>(`/trunks${queryString({ search: filter.search, page: filter.page, per_page: filter.perPage })}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.live ? FIGURES_POLL_MS : false,
  });
}

export type TrunkInput = {
  name: string;
  type: TrunkType;
  value: string;
  max_channels: number | null;
  max_cps: number | null;
  remove_prefix: string;
  add_prefix: string;
  weight: number;
  enabled: boolean;
  description: string | null;
  min_asr_pct: number | null;
  max_consecutive_failures: number | null;
  min_samples: number;
  probe_number: string | null;
  probe_interval_sec: number;
};

function useInvalidateTrunks() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: trunkKeys.all });
}

export function useCreateTrunk() {
  const invalidate = useInvalidateTrunks();
  return useMutation({ mutationFn: async (input: TrunkInput) => (await api.post<Trunk>("/trunks", input)).data, onSuccess: invalidate });
}

export function useUpdateTrunk() {
  const invalidate = useInvalidateTrunks();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: number; changes: Partial<TrunkInput> }) => (await api.put<Trunk>(`/trunks/${id}`, changes)).data,
    onSuccess: invalidate,
  });
}

export function useDeleteTrunk() {
  const invalidate = useInvalidateTrunks();
  return useMutation({ mutationFn: (id: number) => api.del(`/trunks/${id}`), onSettled: invalidate });
}

export function useCampaignTrunks(campaignId: number) {
  return useQuery({ queryKey: trunkKeys.campaign(campaignId), queryFn: () => api.get<CampaignTrunks>(`/campaigns/${campaignId}/trunks`) });
}

export type CampaignTrunkInput = { trunk_id: number; weight: number | null; priority: number };

export function useSetCampaignTrunks(campaignId: number) {
  const invalidate = useInvalidateTrunks();
  return useMutation({
    mutationFn: async (trunks: CampaignTrunkInput[]) => (await api.put<CampaignTrunks>(`/campaigns/${campaignId}/trunks`, { trunks })).data,
    onSuccess: invalidate,
  });
}

/**
 * Every trunk's health (`GET /providers/health`): polled with the live figures, and asked again
 * at once when a trunk goes out of rotation or comes back (`trunk.rotation` over Socket.IO).
 */
export function useProviderHealth() {
  const qc = useQueryClient();
  useRealtimeEvent("trunk.rotation", () => void qc.invalidateQueries({ queryKey: trunkKeys.health() }));
  return useQuery({
    queryKey: trunkKeys.health(),
    queryFn: () => api.get<ProviderHealth[]>("/providers/health"),
    refetchInterval: FIGURES_POLL_MS,
  });
}

/** A probe call through a trunk now (admin); the reply carries its result. */
export function useProbeTrunk() {
  const invalidate = useInvalidateTrunks();
  return useMutation({ mutationFn: async (id: number) => (await api.post<ProbeResult>(`/providers/${id}/probe`, {})).data, onSettled: invalidate });
}
