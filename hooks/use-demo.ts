"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { DemoRemoved, DemoStatus } from "@/lib/api-types";

export const demoKeys = { status: ["demo"] as const };

export function useDemo() {
  return useQuery({ queryKey: demoKeys.status, queryFn: () => api.get<DemoStatus>("/demo") });
}

/** "Remove demo": everything the demo made goes, so every cached page is refetched. */
export function useRemoveDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api.del<DemoRemoved>("/demo")).data,
    onSettled: () => qc.invalidateQueries(),
  });
}
