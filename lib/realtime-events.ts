import type { z } from "zod";
import type { monitorOut } from "@/server/monitors/validation";

/**
 * Realtime messages, shared by the server (Socket.IO) and the browser. Names and fields follow the
 * dialer's realtime vocabulary (`004_*`): `campaign.update`, `call.update`, `agent.update`,
 * `queue.update`, `kpi.tick`. `ts` is milliseconds since the epoch except on `campaign.update`,
 * which kept its ISO string from before the dialer existed. The wallboard's own messages
 * (`wallboard.*`) are in `lib/wallboard.ts`.
 */
export type CampaignUpdateEvent = {
  type: "campaign.update";
  campaign_id: number;
  /** null when the campaign was deleted, or when only its numbers changed. */
  status: "stopped" | "running" | "paused" | "completed" | null;
  change: "created" | "updated" | "deleted" | "status" | "numbers";
  ts: string;
};

/**
 * `Amd`: answered, the answering-machine detector listening; `Waiting`: a person answered and waits
 * for an agent (the abandon clock running). Both come before `Connected`, `Voicemail` or `Abandoned`.
 */
export type CallState = "Dialing" | "Ringing" | "Amd" | "Waiting" | "Connected" | "Voicemail" | "NoAnswer" | "Busy" | "Abandoned" | "Hangup";

export type CallUpdateEvent = {
  type: "call.update";
  uuid: string;
  ts: number;
  campaignId: number;
  leadId: number;
  number: string;
  state: CallState;
  sip: string | null;
  amd: { label: string } | null;
  agentId: number | null;
  billsec: number;
  /** The trunk carrying the call (changes on failover); null when the campaign dials without trunks. */
  trunkId?: number | null;
};

export type AgentStatus = "Logged Out" | "Available" | "On Call" | "Wrapup" | "On Break";

export type AgentUpdateEvent = {
  type: "agent.update";
  agentId: number;
  name: string;
  campaignId: number | null;
  status: AgentStatus;
  /** Why the agent is on break (a pause reason code), when On Break. */
  reason?: string | null;
  /** The call the agent is on (screen pop), when On Call. */
  call: { uuid: string; leadId: number; number: string; data: Record<string, unknown> | null } | null;
  /** Preview mode: the lead offered to the agent, to dial or skip; `expiresAt` (ms) when a timeout applies. */
  preview?: PreviewOffer | null;
  ts: number;
};

export type PreviewOffer = { attemptId: number; leadId: number; number: string; data: Record<string, unknown> | null; expiresAt: number | null; onTimeout: "skip" | "dial" };

/** A campaign's agent queue: people answered and waiting for an agent, and how it is served. */
export type QueueUpdateEvent = {
  type: "queue.update";
  queue: string;
  campaignId: number;
  inQueue: number;
  serviced: number;
  /** Share of people connected to an agent within 2 s, today in this process. */
  slaPct: number;
  agents: { available: number; onCall: number; wrapup: number; onBreak: number };
  ts: number;
};

export type KpiTickEvent = {
  type: "kpi.tick";
  scope: "global" | "campaign";
  id: string;
  /** Answer-seizure ratio over the last 5 minutes (answered / dials ended). */
  asr5m: number;
  /** Average connected time of calls ended in the window, seconds. */
  acd: number;
  /** Originates per second over the window. */
  cps: number;
  /** Concurrent calls now. */
  cc: number;
  /** Abandoned / live answers over the last 60 s. */
  abandon60s: number;
  humanRate: number;
  amd: { HUMAN: number; MACHINE: number; NOTSURE: number };
  windowSec: number;
  /**
   * Pacing's current decision, for campaigns with agents; `ratio`: lines out (dialing, ringing, in
   * AMD) per ready agent, null with nobody ready.
   */
  pacing?: { mode: string; lines: number; reason: string; ratio?: number | null };
  /**
   * The dialer process that sent it. Several processes may dial one campaign: each sends its own
   * tick, and `counts` lets a listener add them up (mergeKpiTicks).
   */
  node?: string;
  counts?: KpiCounts;
  ts: number;
};

/** The sums behind a tick's ratios, over the same windows. */
export type KpiCounts = {
  dials1m: number;
  ended5m: number;
  answered5m: number;
  human5m: number;
  answered1m: number;
  human1m: number;
  abandoned1m: number;
  billsec1m: number;
};


/** A CSV import into a list advancing: rows done out of the file's total. */
export type ImportProgressEvent = {
  type: "import.progress";
  import_id: number;
  list_id: number;
  status: "queued" | "running" | "completed" | "failed";
  total_rows: number | null;
  rows_done: number;
  inserted: number;
  duplicates: number;
  dnc: number;
  errors: number;
  ts: number;
};

/**
 * A supervisor's listen/whisper/barge session changed (asked for, ringing, connected, mode
 * switched, ended): the session as `GET /api/monitors/:id` shows it. Supervisors only: an agent
 * is never told it is being listened to.
 */
export type MonitorUpdateEvent = { type: "monitor.update"; monitor: z.output<typeof monitorOut>; ts: number };

/**
 * A trunk went out of the dialer's rotation (its ASR fell under its threshold, or it failed too
 * many calls in a row) or came back (a probe call got through, or an admin put it back).
 */
export type TrunkRotationEvent = { type: "trunk.rotation"; trunk_id: number; name: string; in_rotation: boolean; reason: string; ts: number };

export type RealtimeEvent = TrunkRotationEvent | CampaignUpdateEvent | CallUpdateEvent | AgentUpdateEvent | QueueUpdateEvent | KpiTickEvent | ImportProgressEvent | MonitorUpdateEvent;
export type RealtimeEventType = RealtimeEvent["type"];

export const REALTIME_EVENT_TYPES: RealtimeEventType[] = ["campaign.update", "call.update", "agent.update", "queue.update", "kpi.tick", "import.progress", "monitor.update", "trunk.rotation"];

/** Socket.IO rooms. Supervisors see everything; an agent sees its own updates and its campaign's queue. */
export const rooms = {
  supervisors: "supervisors",
  agent: (agentId: number) => `agent:${agentId}`,
  campaign: (campaignId: number) => `campaign:${campaignId}`,
};

/** The rooms an event goes to besides the supervisors'. */
export function extraRoomsOf(event: RealtimeEvent): string[] {
  switch (event.type) {
    case "agent.update":
      return [rooms.agent(event.agentId)];
    case "queue.update":
      return [rooms.campaign(event.campaignId)];
    case "call.update":
      return event.agentId ? [rooms.agent(event.agentId)] : [];
    default:
      return [];
  }
}
