"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Survey, SurveyDetail, SurveyResults } from "@/lib/api-types";

export const surveyKeys = {
  all: ["surveys"] as const,
  list: () => [...surveyKeys.all, "list"] as const,
  detail: (id: number) => [...surveyKeys.all, "detail", id] as const,
  results: (id: number) => [...surveyKeys.all, "results", id] as const,
};

export function useSurveys(enabled = true) {
  return useQuery({ queryKey: surveyKeys.list(), queryFn: () => api.get<Survey[]>("/surveys"), enabled, staleTime: 30_000 });
}

export function useSurvey(id: number) {
  return useQuery({ queryKey: surveyKeys.detail(id), queryFn: () => api.get<SurveyDetail>(`/surveys/${id}`) });
}

/** Answers per question; refreshed while the page is open, as calls answer. */
export function useSurveyResults(id: number) {
  return useQuery({ queryKey: surveyKeys.results(id), queryFn: () => api.get<SurveyResults>(`/surveys/${id}/results`), refetchInterval: 10_000 });
}

/** What the editor sends: the survey and its questions, as the API takes them. */
export type SurveyInput = {
  name: string;
  description: string | null;
  closing_audio: string | null;
  questions: {
    type: SurveyDetail["questions"][number]["type"];
    text: string;
    prompt_audio: string;
    choices: { value: string; label: string }[];
    max_digits: number;
    timeout_sec: number;
    max_record_sec: number;
    branches: { answer: string; goto: number | "end" }[];
    next: number | "end" | null;
  }[];
};

export function useSaveSurvey(id?: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: SurveyInput) => (id ? await api.put<SurveyDetail>(`/surveys/${id}`, input) : await api.post<SurveyDetail>("/surveys", input)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useDeleteSurvey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: number) => api.del(`/surveys/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.all }) });
}
