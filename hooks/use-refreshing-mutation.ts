"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

/**
 * A mutation that refetches every query under `key` once it has run: on success, or also after a
 * failure (`after: "settled"`) where a refusal may mean the row changed meanwhile (a delete that
 * found it gone). The resource hooks build their create/update/delete mutations on it.
 */
export function useRefreshingMutation<Result, Variables = void>(
  key: QueryKey,
  mutationFn: (variables: Variables) => Promise<Result>,
  { after = "success" }: { after?: "success" | "settled" } = {},
) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return useMutation({ mutationFn, ...(after === "success" ? { onSuccess: refresh } : { onSettled: refresh }) });
}
