import type { Campaign, CampaignStatus } from "./api-types";

/** The state rules the API enforces, so the dashboard only offers what the server will accept. */
export const CAMPAIGN_STATUSES: CampaignStatus[] = ["running", "paused", "stopped", "completed"];

export type CampaignCommand = "start" | "stop" | "pause" | "resume";

/**
 * Start is also valid from paused, but there it means the same as Resume, so only Resume is
 * offered. Stop stays available on completed campaigns: it makes them stopped (and resets numbers).
 */
const COMMANDS_BY_STATUS: Record<CampaignStatus, CampaignCommand[]> = {
  stopped: ["start"],
  running: ["pause", "stop"],
  paused: ["resume", "stop"],
  completed: ["start", "stop"],
};

export function commandsFor(status: CampaignStatus): CampaignCommand[] {
  return COMMANDS_BY_STATUS[status];
}

export const canEditCampaign = (status: CampaignStatus) => status !== "running";
export const canDeleteCampaign = (status: CampaignStatus) => status !== "running" && status !== "paused";

/** Numbers that have reached a final status; pending and calling ones are still in play. */
export function campaignProgress(stats: Campaign["stats"]): { done: number; total: number } {
  return { done: Math.max(0, stats.total - stats.pending - stats.calling), total: stats.total };
}

export function describeDestination(c: Pick<Campaign, "agent_dest_type" | "agent_dest_value">): string {
  switch (c.agent_dest_type) {
    case "exten":
      return `Extension ${c.agent_dest_value}`;
    case "ivr":
      return `IVR menu #${c.agent_dest_value}`;
    default:
      return c.agent_dest_value;
  }
}

export function describeTrunk(c: Pick<Campaign, "trunk_type" | "trunk_value">): string {
  return c.trunk_type === "custom" ? c.trunk_value : `${c.trunk_type.toUpperCase()}/${c.trunk_value}`;
}
