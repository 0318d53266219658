"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

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

/**
 * Create, update and delete for a resource at `path` (`POST path`, `PUT path/:id`, `DELETE
 * path/:id`), each refetching the resource's queries. A delete refetches even when refused.
 */
export function resourceMutations<Item, New, Changes>(key: QueryKey, path: string) {
  return {
    useCreate: () => useRefreshingMutation(key, async (input: New) => (await api.post<Item>(path, input)).data),
    useUpdate: () => useRefreshingMutation(key, async ({ id, changes }: { id: number; changes: Changes }) => (await api.put<Item>(`${path}/${id}`, changes)).data),
    useDelete: () => useRefreshingMutation(key, (id: number) => api.del(`${path}/${id}`), { after: "settled" }),
  };
}
