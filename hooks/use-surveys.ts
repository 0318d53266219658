"use client";

import { useQuery } from "@tanstack/react-query";
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

export function useSurveyResults(id: number) {
  return useQuery({ queryKey: surveyKeys.results(id), queryFn: () => api.get<SurveyResults>(`/surveys/${id}/results`), refetchInterval: 10_000 });
}
