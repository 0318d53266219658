/**
 * Realtime messages, shared by the server (Socket.IO) and the browser. Names and fields follow the
 * dialer's realtime vocabulary: `campaign.update`, `call.update`, `agent.update`, `queue.update`,
 * `kpi.tick`. This issue emits `campaign.update`; the dialer adds the rest.
 */
export type CampaignUpdateEvent = {
  type: "campaign.update";
  campaign_id: number;
  /** null when the campaign was deleted, or when only its numbers changed. */
  status: "stopped" | "running" | "paused" | "completed" | null;
  change: "created" | "updated" | "deleted" | "status" | "numbers";
  ts: string;
};

export type RealtimeEvent = CampaignUpdateEvent;
export type RealtimeEventType = RealtimeEvent["type"];

export const REALTIME_EVENT_TYPES: RealtimeEventType[] = ["campaign.update"];

/** Socket.IO rooms. Supervisors (and admins) see every campaign; agent rooms come with the dialer. */
export const rooms = {
  supervisors: "supervisors",
};
