"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Queue, QueueTier, QueueWithTiers } from "@/lib/api-types";

export const queueKeys = {
  all: ["queues"] as const,
  list: () => [...queueKeys.all, "list"] as const,
  one: (id: number) => [...queueKeys.all, "one", id] as const,
};

export type QueueInput = {
  name: string;
  strategy: Queue["strategy"];
  moh: string | null;
  tier_rules: { apply: boolean; wait_second: number; wait_multiply_level: boolean };
  wrap_up_sec: number;
  no_answer_delay_sec: number;
};

/** The queues; `enabled` false for a page that shows them only in some cases (no request until then). */
export function useQueues(enabled = true) {
  return useQuery({ queryKey: queueKeys.list(), queryFn: () => api.get<Queue[]>("/queues"), enabled });
}

export function useQueue(id: number) {
  return useQuery({ queryKey: queueKeys.one(id), queryFn: () => api.get<QueueWithTiers>(`/queues/${id}`) });
}

function useInvalidateQueues() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: queueKeys.all });
}

export function useCreateQueue() {
  const invalidate = useInvalidateQueues();
  return useMutation({ mutationFn: async (input: QueueInput) => (await api.post<QueueWithTiers>("/queues", input)).data, onSuccess: invalidate });
}

export function useUpdateQueue() {
  const invalidate = useInvalidateQueues();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: number; changes: Partial<QueueInput> }) => (await api.patch<QueueWithTiers>(`/queues/${id}`, changes)).data,
    onSuccess: invalidate,
  });
}

export function useDeleteQueue() {
  const invalidate = useInvalidateQueues();
  return useMutation({ mutationFn: (id: number) => api.del(`/queues/${id}`), onSettled: invalidate });
}

export function useAddTier(queueId: number) {
  const invalidate = useInvalidateQueues();
  return useMutation({
    mutationFn: async (input: { agent: number; level: number; position: number }) => (await api.post<QueueTier>(`/queues/${queueId}/tiers`, input)).data,
    onSuccess: invalidate,
  });
}

export function useRemoveTier(queueId: number) {
  const invalidate = useInvalidateQueues();
  return useMutation({ mutationFn: (agentId: number) => api.del(`/queues/${queueId}/tiers/${agentId}`), onSettled: invalidate });
}
