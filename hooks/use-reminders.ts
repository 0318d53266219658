"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ApiClientError, queryString } from "@/lib/api-client";
import type { Reminder, ReminderImport } from "@/lib/api-types";

export const reminderKeys = {
  all: ["reminders"] as const,
  range: (from: string, to: string) => [...reminderKeys.all, "range", from, to] as const,
};

/** Most pages one calendar view reads (100 reminders each). */
const MAX_PAGES = 20;

/** Every reminder whose appointment falls in [from, to] (UTC dates); refreshed while open, as calls end. */
export function useReminders(from: string, to: string) {
  return useQuery({
    queryKey: reminderKeys.range(from, to),
    queryFn: async () => {
      const rows: Reminder[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await api.page<Reminder>(`/reminders${queryString({ from, to, page, per_page: 100 })}`);
        rows.push(...r.rows);
        if (page >= r.pagination.total_pages) break;
      }
      return rows;
    },
    refetchInterval: 10_000,
  });
}

export type ReminderInput = Record<string, string | number | null>;

export function useCreateReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ReminderInput) => (await api.post<Reminder>("/reminders", input)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: reminderKeys.all }),
  });
}

export function useDeleteReminder() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: number) => api.del(`/reminders/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: reminderKeys.all }) });
}

/** Sends a CSV file as text/csv; the reply reports the rows created and those refused. */
export function useImportReminders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<ReminderImport> => {
      const res = await fetch("/api/reminders/import", { method: "POST", headers: { "Content-Type": "text/csv" }, body: await file.text() });
      const body = await res.json().catch(() => null);
      if (!res.ok || !body?.success) throw new ApiClientError(res.status, body?.message ?? `Unexpected response (${res.status})`, body?.errors);
      return body.data as ReminderImport;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: reminderKeys.all }),
  });
}
