"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, queryString } from "@/lib/api-client";
import type { Agent, AgentCall, AgentConsole, AgentState, Campaign, DispositionResult, LeadHistory, PauseReason } from "@/lib/api-types";
import type { ListLead } from "@/lib/list-types";
import type { AgentUpdateEvent, QueueUpdateEvent } from "@/lib/realtime-events";
import { apiTimeMs, apiTimeOf, STATE_OF_STATUS } from "@/lib/agent-states";
import { campaignKeys } from "./use-campaigns";

export const agentKeys = {
  all: ["agents"] as const,
  lists: () => [...agentKeys.all, "list"] as const,
  list: (campaignId?: number) => [...agentKeys.lists(), campaignId ?? "all"] as const,
  /** `GET /agents/me`: the signed-in user's own agent (the console, and whether the menu offers it). */
  me: () => [...agentKeys.all, "me"] as const,
  leadHistory: (agentId: number, leadId: number, version: string) => [...agentKeys.all, "lead-history", agentId, leadId, version] as const,
};

/**
 * Realtime keeps these current; polling is only the fallback for a socket that is down (or, for the
 * console, for the queue counts of the campaign's other agents, which agents are not sent).
 */
const POLL_OFFLINE_MS = 10_000;
const POLL_LIVE_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Realtime: `agent.update` patches the cache at once, then the lists are refetched for the rest.

type LatestState = { state: AgentState; campaignId: number | null; ts: number; call: AgentUpdateEvent["call"]; preview: AgentUpdateEvent["preview"]; reason: Agent["break_reason"] };

/**
 * The newest state each agent was announced in. The dialer announces a state a moment before its
 * database write lands, so a refetch (or a command's answer) racing the event may carry the
 * previous state. A row whose state began after the announcement's second is newer; any other row
 * takes the announced state (every later change is announced too, and replaces this one).
 */
const latest = new Map<number, LatestState>();

function newerAnnouncement(agent: Agent): LatestState | null {
  const e = latest.get(agent.id);
  if (!e) return null;
  const since = apiTimeMs(agent.state_since);
  return Number.isNaN(since) || since <= e.ts ? e : null;
}

function withAnnouncement(agent: Agent, e: LatestState): Agent {
  if (agent.state === e.state && agent.campaign_id === e.campaignId && (e.state !== "on_break" || agent.break_reason === e.reason)) return agent;
  return {
    ...agent,
    state: e.state,
    state_since: apiTimeOf(e.ts),
    campaign_id: e.campaignId,
    // The dialer clears a request when it applies it, just before announcing the state.
    requested_state: null,
    current_attempt_id: e.state === "on_call" ? agent.current_attempt_id : null,
    break_reason: e.state === "on_break" ? e.reason : null,
  };
}

function reconcileAgent(agent: Agent): Agent {
  const e = newerAnnouncement(agent);
  return e ? withAnnouncement(agent, e) : agent;
}

/** A screen pop straight from the event, until the console's own refetch brings the full call. */
function callFromAnnouncement(e: LatestState, previous: AgentCall | null): AgentCall | null {
  if (e.preview) {
    // Preview mode: the lead shown before it is dialed.
    if (previous?.attempt_id === e.preview.attemptId && previous.preview) return previous;
    return {
      attempt_id: e.preview.attemptId,
      channel_id: "",
      state: "preview",
      phone_number: e.preview.number,
      started_at: apiTimeOf(e.ts),
      answered_at: null,
      ended_at: null,
      preview: { expires_at: e.preview.expiresAt === null ? null : apiTimeOf(e.preview.expiresAt), on_timeout: e.preview.onTimeout },
      lead: { id: e.preview.leadId, phone_number: e.preview.number, attempts: 0, data: e.preview.data, disposition: null },
    };
  }
  // A preview taken away (skipped, timed out): the refetch that follows shows what is left.
  if (previous?.preview && !e.call) return null;
  if (!e.call) {
    // The customer hung up: the call the console shows has ended (wrap-up follows).
    if (previous && !previous.ended_at && e.state !== "on_call") return { ...previous, state: "ended", ended_at: apiTimeOf(e.ts) };
    return previous;
  }
  // The lead that was previewed is being dialed now: the same call, no longer a preview.
  if (previous?.channel_id === e.call.uuid && !previous.preview) return previous;
  const at = apiTimeOf(e.ts);
  return {
    attempt_id: -1,
    channel_id: e.call.uuid,
    state: "bridged",
    phone_number: e.call.number,
    started_at: at,
    answered_at: at,
    ended_at: null,
    preview: null,
    lead: { id: e.call.leadId, phone_number: e.call.number, attempts: 0, data: e.call.data, disposition: null },
  };
}

function consoleWithAnnouncement(c: AgentConsole, e: LatestState): AgentConsole {
  if (!c.agent) return c;
  // A campaign the console does not know yet comes with the refetch that follows.
  const campaign = e.campaignId === null ? null : c.campaign;
  // The queue counted this agent in its previous state: move it to the new one.
  let queue = campaign ? c.queue : null;
  if (queue && campaign?.id === c.agent.campaign_id && c.agent.state !== e.state) {
    queue = { ...queue, [c.agent.state]: Math.max(0, queue[c.agent.state] - 1), [e.state]: queue[e.state] + 1 };
  }
  return { ...c, agent: withAnnouncement(c.agent, e), campaign, queue, call: callFromAnnouncement(e, c.call) };
}

function reconcileAgents(rows: Agent[]): Agent[] {
  return rows.map(reconcileAgent);
}

function reconcileConsole(c: AgentConsole): AgentConsole {
  const e = c.agent ? newerAnnouncement(c.agent) : null;
  return e ? consoleWithAnnouncement(c, e) : c;
}

/** One refetch for a burst of events, half a second after its first: by then the dialer's writes have landed. */
const REFRESH_DELAY_MS = 500;
let refresh: { timer: ReturnType<typeof setTimeout>; console: boolean } | null = null;

function scheduleRefresh(qc: QueryClient, withConsole: boolean) {
  if (refresh) {
    refresh.console ||= withConsole;
    return;
  }
  refresh = {
    console: withConsole,
    timer: setTimeout(() => {
      const r = refresh!;
      refresh = null;
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
      if (r.console) void qc.invalidateQueries({ queryKey: agentKeys.me() });
    }, REFRESH_DELAY_MS),
  };
}

export function applyAgentUpdate(qc: QueryClient, event: AgentUpdateEvent) {
  const state = STATE_OF_STATUS[event.status];
  if (!state) return;
  const reason = state === "on_break" ? ((event.reason ?? "break") as Agent["break_reason"]) : null;
  const e: LatestState = { state, campaignId: event.campaignId, ts: event.ts, call: event.call, preview: event.preview ?? null, reason };
  const known = latest.get(event.agentId);
  if (known && known.ts > e.ts) return;
  latest.set(event.agentId, e);
  qc.setQueriesData<Agent[]>({ queryKey: agentKeys.lists() }, (rows) => rows?.map((r) => (r.id === event.agentId ? withAnnouncement(r, e) : r)));
  const mine = qc.getQueryData<AgentConsole>(agentKeys.me());
  if (mine?.agent?.id === event.agentId) qc.setQueryData<AgentConsole>(agentKeys.me(), consoleWithAnnouncement(mine, e));
  // The console's queue counts change with every agent of its campaign (one that logs out leaves it).
  const inMyCampaign = !!mine?.campaign && (event.campaignId === mine.campaign.id || event.campaignId === null);
  scheduleRefresh(qc, mine?.agent?.id === event.agentId || inMyCampaign);
}

export function applyQueueUpdate(qc: QueryClient, event: QueueUpdateEvent) {
  qc.setQueryData<AgentConsole>(agentKeys.me(), (c) =>
    c?.campaign?.id === event.campaignId && c.queue
      ? { ...c, queue: { ...c.queue, available: event.agents.available, on_call: event.agents.onCall, wrapup: event.agents.wrapup, on_break: event.agents.onBreak } }
      : c,
  );
}

// ---------------------------------------------------------------------------------------------
// Queries

export function useAgents({ campaignId, live = true }: { campaignId?: number; live?: boolean } = {}) {
  return useQuery({
    queryKey: agentKeys.list(campaignId),
    queryFn: async () => reconcileAgents(await api.get<Agent[]>(`/agents${queryString({ campaign_id: campaignId })}`)),
    refetchInterval: live ? POLL_LIVE_MS : POLL_OFFLINE_MS,
  });
}

/** The signed-in user's agent console. `agent` is null when the user has no agent record. */
export function useAgentConsole({ live = true, enabled = true }: { live?: boolean; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: agentKeys.me(),
    queryFn: async () => reconcileConsole(await api.get<AgentConsole>("/agents/me")),
    enabled,
    refetchInterval: (q) => (!live || q.state.data?.campaign ? POLL_OFFLINE_MS : POLL_LIVE_MS),
  });
}

/** Whether the signed-in user has an agent (the menu offers "My console" then); shares the console's query. */
export function useHasAgent(enabled = true) {
  return useQuery({
    queryKey: agentKeys.me(),
    queryFn: async () => reconcileConsole(await api.get<AgentConsole>("/agents/me")),
    enabled,
    select: (c) => c.agent !== null,
  });
}

/**
 * The campaigns an agent may log in to: the campaigns list, shared with the rest of the dashboard.
 * Off for the agent role, which may not list campaigns.
 */
/** What an agent may log in to: every role may read this short list (not the campaigns' settings). */
export type LoginCampaign = Pick<Campaign, "id" | "name" | "dial_mode" | "status">;

export function useLoginCampaigns(enabled: boolean) {
  return useQuery({ queryKey: [...agentKeys.all, "login-campaigns"], queryFn: () => api.get<LoginCampaign[]>("/agents/campaigns"), enabled });
}

// ---------------------------------------------------------------------------------------------
// Mutations

/**
 * Puts an agent the API answered with into every cached list and the console, then refetches. The
 * refetch is not awaited: the command is done when the API answers, and the next key press (B
 * right after Ready) must not wait for a list to reload.
 */
function useStoreAgent() {
  const qc = useQueryClient();
  return (answered: Agent | null) => {
    if (answered) {
      const agent = reconcileAgent(answered);
      qc.setQueriesData<Agent[]>({ queryKey: agentKeys.lists() }, (rows) => rows?.map((r) => (r.id === agent.id ? agent : r)));
      qc.setQueryData<AgentConsole>(agentKeys.me(), (c) => (c?.agent?.id === agent.id ? { ...c, agent } : c));
    }
    void qc.invalidateQueries({ queryKey: agentKeys.all });
  };
}

export type AgentInput = { name: string; extension: string; user_id: number | null };

export function useCreateAgent() {
  const store = useStoreAgent();
  return useMutation({
    mutationFn: async (input: AgentInput) => (await api.post<Agent>("/agents", input)).data,
    onSuccess: () => store(null),
  });
}

export function useUpdateAgent() {
  const store = useStoreAgent();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: number; changes: Partial<AgentInput> }) => (await api.put<Agent>(`/agents/${id}`, changes)).data,
    onSuccess: (agent) => store(agent),
  });
}

export function useDeleteAgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/agents/${id}`),
    onSuccess: (_r, id) => {
      latest.delete(id);
      qc.setQueriesData<Agent[]>({ queryKey: agentKeys.lists() }, (rows) => rows?.filter((r) => r.id !== id));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: agentKeys.all }),
  });
}

export type AgentCommand =
  | { kind: "login"; campaignId: number }
  | { kind: "logout" }
  | { kind: "state"; state: "available" }
  | { kind: "state"; state: "on_break"; reason: PauseReason };

/**
 * Log in, log out, ready, break: each is a request the dialer applies within a moment (a break or a
 * logout asked during a call, once it ends). The answer shows the request; `agent.update` the result.
 */
export function useAgentCommand() {
  const store = useStoreAgent();
  return useMutation({
    mutationFn: async ({ id, command }: { id: number; command: AgentCommand }) => {
      const path = `/agents/${id}/${command.kind}`;
      const body = command.kind === "login" ? { campaign_id: command.campaignId } : command.kind === "state" ? (command.state === "on_break" ? { state: command.state, reason: command.reason } : { state: command.state }) : undefined;
      return (await api.post<Agent>(path, body)).data;
    },
    onSuccess: (agent) => store(agent),
    // A refusal (409) usually means the state changed meanwhile: refresh to show it.
    onError: () => store(null),
  });
}

/** `callback_local` is the wall time in the lead's zone; the server turns it into UTC. */
export type DispositionInput = { disposition: string; callback_at?: string; callback_local?: string; notes?: string };

export function useSetDisposition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id: number; input: DispositionInput }) => (await api.post<DispositionResult>(`/agents/${id}/disposition`, input)).data,
    onSuccess: (result) => {
      qc.setQueryData<AgentConsole>(agentKeys.me(), (c) =>
        c?.call && c.call.lead.id === result.lead_id ? { ...c, call: { ...c.call, lead: { ...c.call.lead, disposition: result.disposition } } } : c,
      );
      return Promise.all([qc.invalidateQueries({ queryKey: agentKeys.me() }), qc.invalidateQueries({ queryKey: [...agentKeys.all, "lead-history"] })]);
    },
  });
}

/**
 * The calls to the lead the agent is on: only that lead's (the API refuses any other). `version`
 * names the state of the call on screen; a new one fetches again, the previous rows shown meanwhile.
 */
export function useLeadHistory(agentId: number, leadId: number, version: string) {
  return useQuery({
    queryKey: agentKeys.leadHistory(agentId, leadId, version),
    queryFn: () => api.get<LeadHistory>(`/agents/${agentId}/leads/${leadId}/history`),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[3] === leadId ? previous : undefined),
  });
}

/** The lists' numbers edit, through the console's route: the agent's own lead only. Same input as `useUpdateLeadPhones`. */
export function useUpdateAgentLeadPhones(agentId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, numbers }: { id: number; numbers: string[] }) =>
      (await api.put<ListLead>(`/agents/${agentId}/leads/${id}/phones`, { phone_number: numbers[0], phones: numbers.slice(1) })).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: agentKeys.me() }),
  });
}

/** Hangs up the customer on the agent's live call; `agent.update` then shows the wrap-up. */
export function useAgentHangup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (agentId: number) => (await api.post<{ agent_id: number; attempt_id: number; phone_number: string }>(`/agents/${agentId}/hangup`)).data,
    onSettled: () => qc.invalidateQueries({ queryKey: agentKeys.me() }),
  });
}

export type PreviewChoiceResult = { agent_id: number; attempt_id: number; lead_id: number; phone_number: string; action: "dial" | "skip" };

/** Preview mode: dial or skip the lead shown. The dialer applies it within a moment; `agent.update` shows the result. */
export function usePreviewChoice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: number; action: "dial" | "skip" }) => (await api.post<PreviewChoiceResult>(`/agents/${id}/preview/${action}`)).data,
    onSettled: () => qc.invalidateQueries({ queryKey: agentKeys.me() }),
  });
}
