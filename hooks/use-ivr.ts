"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { IvrMenu } from "@/lib/api-types";

export const ivrKeys = {
  all: ["ivr"] as const,
  list: () => [...ivrKeys.all, "list"] as const,
};

export function useIvrMenus(enabled = true) {
  return useQuery({ queryKey: ivrKeys.list(), queryFn: () => api.get<IvrMenu[]>("/ivr"), enabled, staleTime: 60_000 });
}
