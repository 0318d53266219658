"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { FreeswitchIntegration, PbxOverview, PbxServer, PbxTestResult } from "@/lib/api-types";
import { resourceMutations } from "./use-refreshing-mutation";

export const pbxKeys = {
  all: ["pbx"] as const,
  list: () => [...pbxKeys.all, "list"] as const,
};

/** Connection health is live state with no realtime event yet, so it is polled while the page is open. */
const HEALTH_POLL_MS = 5_000;

export function usePbxServers() {
  return useQuery({ queryKey: pbxKeys.list(), queryFn: () => api.get<PbxOverview>("/pbx"), refetchInterval: HEALTH_POLL_MS });
}

/** The FreeSWITCH configuration Pacer expects, rendered for this install (it changes only with the servers). */
export function useFreeswitchIntegration() {
  return useQuery({ queryKey: [...pbxKeys.all, "integration", "freeswitch"], queryFn: () => api.get<FreeswitchIntegration>("/integrations/freeswitch") });
}

/** A PBX server's settings as the API takes them; each kind uses its own share. */
type PbxServerSettings = {
  name: string;
  ari_url: string;
  ari_username: string;
  ari_app: string;
  esl_host: string;
  esl_port: number;
  password: string;
  agent_dial_template: string;
  recording_path: string | null;
  recording_url: string | null;
};

export type NewPbxServerInput =
  | ({ kind: "asterisk" } & Pick<PbxServerSettings, "name" | "ari_url" | "ari_username" | "password" | "ari_app" | "agent_dial_template">)
  | ({ kind: "freeswitch" } & Pick<PbxServerSettings, "name" | "esl_host" | "esl_port" | "password" | "agent_dial_template" | "recording_path" | "recording_url">);

/** Only the fields to change; without `password` the stored one is kept. */
export type PbxServerChanges = Partial<PbxServerSettings & { enabled: 0 | 1 }>;

const pbxMutations = resourceMutations<PbxServer, NewPbxServerInput, PbxServerChanges>(pbxKeys.all, "/pbx");
export const useCreatePbxServer = pbxMutations.useCreate;
export const useUpdatePbxServer = pbxMutations.useUpdate;
export const useDeletePbxServer = pbxMutations.useDelete;

/** Tries the form's settings without saving anything. */
export function useTestNewPbxServer() {
  return useMutation({
    mutationFn: async (input: NewPbxServerInput) => (await api.post<PbxTestResult>("/pbx/test", input)).data,
  });
}

/** Tries a saved server's settings on a fresh connection, beside the one Pacer keeps. */
export function useTestPbxServer() {
  return useMutation({
    mutationFn: async (id: number) => (await api.post<PbxTestResult>(`/pbx/${id}/test`)).data,
  });
}
