"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ApiClientError, queryString } from "@/lib/api-client";
import type { ImportJob, ImportProblem, LeadList, ListLead } from "@/lib/list-types";
import type { ImportProgressEvent } from "@/lib/realtime-events";
import { campaignKeys } from "./use-campaigns";
import { useRealtimeEvent } from "./use-realtime";
import { useRefreshingMutation } from "./use-refreshing-mutation";

export type ListFilter = { campaignId?: number; search?: string; page: number; perPage: number };
export type LeadFilter = { status?: string; search?: string; page: number; perPage: number };

export const listKeys = {
  all: ["lists"] as const,
  page: (f: ListFilter) => [...listKeys.all, "page", f] as const,
  one: (id: number) => [...listKeys.all, "one", id] as const,
  leads: (id: number, f: LeadFilter) => [...listKeys.all, "leads", id, f] as const,
  imports: (id: number) => [...listKeys.all, "imports", id] as const,
  importJob: (id: number) => [...listKeys.all, "import", id] as const,
  problems: (id: number) => [...listKeys.all, "problems", id] as const,
};

export function useLists(f: ListFilter) {
  return useQuery({
    queryKey: listKeys.page(f),
    queryFn: () => api.page<LeadList>(`/lists${queryString({ campaign_id: f.campaignId, search: f.search, page: f.page, per_page: f.perPage })}`),
    placeholderData: keepPreviousData,
  });
}

export function useList(id: number) {
  return useQuery({
    queryKey: listKeys.one(id),
    queryFn: () => api.get<LeadList>(`/lists/${id}`),
    retry: (n, err) => !(err instanceof ApiClientError && err.code === 404) && n < 2,
  });
}

export function useListLeads(id: number, f: LeadFilter) {
  return useQuery({
    queryKey: listKeys.leads(id, f),
    queryFn: () => api.page<ListLead>(`/lists/${id}/leads${queryString({ status: f.status, search: f.search, page: f.page, per_page: f.perPage })}`),
    placeholderData: keepPreviousData,
  });
}

const live = (j: ImportJob | undefined) => j !== undefined && (j.status === "queued" || j.status === "running");

/** A list's recent imports; while one runs, the socket's progress events keep them current (a slow poll covers a dropped socket). */
export function useListImports(id: number) {
  const qc = useQueryClient();
  useRealtimeEvent("import.progress", (e) => applyImportProgress(qc, e));
  return useQuery({
    queryKey: listKeys.imports(id),
    queryFn: () => api.get<ImportJob[]>(`/lists/${id}/imports`),
    refetchInterval: (q) => (q.state.data?.some(live) ? 3000 : false),
  });
}

export function useImportJob(id: number | null) {
  const qc = useQueryClient();
  useRealtimeEvent("import.progress", (e) => applyImportProgress(qc, e), id !== null);
  return useQuery({
    queryKey: listKeys.importJob(id ?? 0),
    queryFn: () => api.get<ImportJob>(`/imports/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (live(q.state.data) ? 2000 : false),
  });
}

export function useImportProblems(id: number | null, enabled: boolean) {
  return useQuery({
    queryKey: listKeys.problems(id ?? 0),
    queryFn: () => api.page<ImportProblem>(`/imports/${id}/errors?per_page=100`),
    enabled: id !== null && enabled,
  });
}

function applyImportProgress(qc: QueryClient, e: ImportProgressEvent) {
  const patch = (j: ImportJob): ImportJob =>
    j.id !== e.import_id
      ? j
      : {
          ...j,
          status: e.status,
          total_rows: e.total_rows,
          rows_done: e.rows_done,
          inserted: e.inserted,
          duplicates: e.duplicates,
          dnc: e.dnc,
          errors: e.errors,
          progress: e.total_rows ? Math.min(1, e.rows_done / e.total_rows) : j.progress,
        };
  qc.setQueryData<ImportJob>(listKeys.importJob(e.import_id), (j) => (j ? patch(j) : j));
  qc.setQueryData<ImportJob[]>(listKeys.imports(e.list_id), (jobs) => jobs?.map(patch));
  if (e.status === "completed" || e.status === "failed") {
    qc.invalidateQueries({ queryKey: listKeys.importJob(e.import_id) });
    qc.invalidateQueries({ queryKey: listKeys.one(e.list_id) });
    qc.invalidateQueries({ queryKey: [...listKeys.all, "leads", e.list_id] });
    qc.invalidateQueries({ queryKey: [...listKeys.all, "page"] });
  }
}

export type ListInput = { name: string; description?: string | null; campaign_id: number; active?: 0 | 1 };

export function useCreateList() {
  return useRefreshingMutation(listKeys.all, async (input: ListInput) => (await api.post<LeadList>("/lists", input)).data);
}

export function useUpdateList(id: number) {
  return useRefreshingMutation(listKeys.all, async (input: Partial<ListInput>) => (await api.put<LeadList>(`/lists/${id}`, input)).data);
}

export function useDeleteList() {
  return useRefreshingMutation(listKeys.all, (id: number) => api.del(`/lists/${id}`));
}

export type LeadInput = { phone_number: string; phones?: string[]; custom?: Record<string, unknown>; timezone?: string; state?: string; zip?: string };

export function useAddListLead(id: number) {
  return useRefreshingMutation(listKeys.all, async (input: LeadInput) => (await api.post<ListLead>(`/lists/${id}/leads`, input)).data);
}

/** `PUT /numbers/:id`: the lead's numbers in dialing order, phone 1 first (at most 8). */
export function useUpdateLeadPhones() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, numbers }: { id: number; numbers: string[] }) => (await api.put<ListLead>(`/numbers/${id}`, { phone_number: numbers[0], phones: numbers.slice(1) })).data,
    // A lead shows in its list and among its campaign's numbers.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: listKeys.all }), qc.invalidateQueries({ queryKey: campaignKeys.all })]),
  });
}

export type ImportRequest = { file: File; mapping: Record<string, number>; hasHeader: boolean; dnc: "flag" | "skip"; delimiter: string };

/** Uploads the file as multipart; the reply is the queued job. */
export function useStartImport(listId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (r: ImportRequest) => {
      const form = new FormData();
      form.set("file", r.file, r.file.name);
      form.set("mapping", JSON.stringify(r.mapping));
      form.set("has_header", r.hasHeader ? "true" : "false");
      form.set("dnc", r.dnc);
      form.set("delimiter", r.delimiter === "\t" ? "tab" : r.delimiter);
      const res = await fetch(`/api/lists/${listId}/import`, { method: "POST", body: form, credentials: "same-origin" });
      const body = (await res.json().catch(() => null)) as { success: boolean; code: number; message: string; data?: ImportJob; errors?: Record<string, string[]> } | null;
      if (!res.ok || !body?.success) throw new ApiClientError(body?.code ?? res.status, body?.message ?? `Upload failed (${res.status})`, body?.errors);
      return body.data!;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: listKeys.imports(listId) }),
  });
}
