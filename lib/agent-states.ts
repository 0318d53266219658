import type { AgentStatus } from "@/lib/realtime-events";
import type { Agent, AgentState, DialMode } from "@/lib/api-types";
import type { Tone } from "./tone";

/**
 * How agent states read and look everywhere (console, admin table, chart), and what an agent may be
 * asked to do from each. Names follow the realtime vocabulary ("On Break", not "on_break").
 */
export const STATE_LABELS: Record<AgentState, AgentStatus> = {
  logged_out: "Logged Out",
  available: "Available",
  on_call: "On Call",
  wrapup: "Wrapup",
  on_break: "On Break",
};

export const STATE_OF_STATUS: Record<AgentStatus, AgentState> = {
  "Logged Out": "logged_out",
  Available: "available",
  "On Call": "on_call",
  Wrapup: "wrapup",
  "On Break": "on_break",
};

export const STATE_TONES: Record<AgentState, Tone> = {
  logged_out: "slate",
  available: "green",
  on_call: "sky",
  wrapup: "amber",
  on_break: "orange",
};

/** Chart fills matching the badge tones (Tailwind's 500 shades, as the other charts use). */
export const STATE_FILLS: Record<AgentState, string> = {
  logged_out: "#94a3b8",
  available: "#10b981",
  on_call: "#0ea5e9",
  wrapup: "#f59e0b",
  on_break: "#f97316",
};

/** Campaign modes that hand answered calls to agents; agentless campaigns send them to a dialplan or IVR. */
export const AGENT_DIAL_MODES: DialMode[] = ["progressive", "predictive", "preview"];
export const isAgentMode = (mode: string) => (AGENT_DIAL_MODES as string[]).includes(mode);

/**
 * Logged in, or on the way: between the login request and the phone answering, the agent is still
 * `logged_out` but already has its campaign.
 */
export const isLoggedIn = (a: Pick<Agent, "state" | "campaign_id">) => a.state !== "logged_out" || a.campaign_id !== null;
export const isConnecting = (a: Pick<Agent, "state" | "campaign_id" | "requested_state">) =>
  a.state === "logged_out" && (a.campaign_id !== null || a.requested_state === "available");

export type AgentAction = "ready" | "break" | "logout";

/** What may be asked of an agent now. A break or logout asked during a call starts once it ends. */
export function allowedActions(a: Pick<Agent, "state" | "campaign_id" | "requested_state">): Record<AgentAction, boolean> {
  const loggedIn = isLoggedIn(a);
  return {
    ready: a.state === "on_break" || a.state === "wrapup",
    break: a.state === "available" || a.state === "on_call" || a.state === "wrapup",
    logout: loggedIn && a.requested_state !== "logged_out",
  };
}

/** A request the dialer has not applied yet, in words; null when there is none. */
export function pendingRequest(a: Pick<Agent, "state" | "campaign_id" | "requested_state">): string | null {
  if (isConnecting(a)) return a.requested_state === "logged_out" ? "Logging out…" : "Calling the phone…";
  if (a.requested_state === "logged_out") return a.state === "on_call" ? "Logs out after this call" : "Logging out…";
  if (a.requested_state === "on_break" && a.state !== "on_break") return a.state === "on_call" ? "Break after this call" : "Going on break…";
  if (a.requested_state === "available" && a.state !== "available") return "Getting ready…";
  return null;
}

/** The API prints `YYYY-MM-DD HH:MM:SS` in UTC; realtime events carry milliseconds. */
export function apiTimeMs(value: string): number {
  return Date.parse(`${value.replace(" ", "T")}Z`);
}

export function apiTimeOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function secondsSince(value: string | null | undefined, now: number): number {
  if (!value) return 0;
  const t = apiTimeMs(value);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / 1000));
}
