"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookWithSecret } from "@/lib/api-types";
import type { WebhookEventType } from "@/lib/webhook-events";

export type DeliveryFilter = { status?: WebhookDeliveryStatus; page: number; perPage: number };

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (id: number, filter: DeliveryFilter) => [...webhookKeys.all, "deliveries", id, filter] as const,
};

/** Deliveries change as the worker sends them (no realtime event of their own): polled while shown. */
const DELIVERIES_POLL_MS = 3_000;

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: () => api.get<Webhook[]>("/webhooks"), refetchInterval: DELIVERIES_POLL_MS });
}

export function useWebhookDeliveries(id: number, filter: DeliveryFilter) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, filter),
    queryFn: () => api.page<WebhookDelivery>(`/webhooks/${id}/deliveries${queryString({ status: filter.status, page: filter.page, per_page: filter.perPage })}`),
    placeholderData: keepPreviousData,
    refetchInterval: DELIVERIES_POLL_MS,
  });
}

export type WebhookInput = { name: string; url: string; event_types: WebhookEventType[]; is_active: boolean };

function useInvalidateWebhooks() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({ mutationFn: async (input: WebhookInput) => (await api.post<WebhookWithSecret>("/webhooks", input)).data, onSuccess: invalidate });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: number; changes: Partial<WebhookInput> }) => (await api.put<Webhook>(`/webhooks/${id}`, changes)).data,
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({ mutationFn: (id: number) => api.del(`/webhooks/${id}`), onSettled: invalidate });
}

export function useRotateWebhookSecret() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({ mutationFn: async (id: number) => (await api.post<WebhookWithSecret>(`/webhooks/${id}/rotate-secret`)).data, onSuccess: invalidate });
}

export function useReplayDelivery() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: async (d: { subscriptionId: number; id: number }) => (await api.post<WebhookDelivery>(`/webhooks/${d.subscriptionId}/deliveries/${d.id}/replay`)).data,
    onSuccess: invalidate,
  });
}
