"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ApiToken, CreatedApiToken } from "@/lib/api-types";
import { useRefreshingMutation } from "./use-refreshing-mutation";

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
  return useRefreshingMutation(tokenKeys.all, async (input: TokenInput) => (await api.post<CreatedApiToken>("/tokens", input)).data);
}

export function useRevokeToken() {
  return useRefreshingMutation(tokenKeys.all, (id: number) => api.del(`/tokens/${id}`), { after: "settled" });
}
