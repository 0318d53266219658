"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ApiToken, CreatedApiToken } from "@/lib/api-types";

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.list(), queryFn: () => api.get<ApiToken[]>("/tokens") });
}

export type TokenInput = {
  name: string;
  /** Omitted or empty: the token may do whatever its owner's role allows. */
  permissions?: string[];
  /** ISO 8601. */
  expires_at?: string;
};

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: TokenInput) => (await api.post<CreatedApiToken>("/tokens", input)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/tokens/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
