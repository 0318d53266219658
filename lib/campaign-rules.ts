import type { Campaign, CampaignSchedule, CampaignStatus, DialMode, RetryOutcome, SkipReason } from "./api-types";
import { formatDelay } from "./format";

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
    case "survey":
      return `Survey #${c.agent_dest_value}`;
    default:
      return c.agent_dest_value;
  }
}

export function describeTrunk(c: Pick<Campaign, "trunk_type" | "trunk_value">): string {
  return c.trunk_type === "custom" ? c.trunk_value : `${c.trunk_type.toUpperCase()}/${c.trunk_value}`;
}

// ---------------------------------------------------------------------------------------------
// Dialer settings in words, for the form and the campaign page.

export const DIAL_MODE_INFO: Record<DialMode, { label: string; description: string }> = {
  agentless: { label: "Agentless", description: "Answered calls go straight to the destination; no agents needed." },
  progressive: { label: "Progressive", description: "Dials one number per ready agent, so no one answers to silence." },
  preview: { label: "Preview", description: "Agents see each number first and place the call themselves." },
  predictive: { label: "Predictive", description: "Dials ahead of free agents from the answer rate, held under the abandon cap." },
};

export const usesAgents = (mode: DialMode) => mode !== "agentless";

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  dnc: "On the DNC list",
  outside_hours: "Outside calling hours",
  schedule: "Outside the schedule",
};

export function describeSkipReason(reason: string | null): string | null {
  if (!reason) return null;
  return SKIP_REASON_LABELS[reason as SkipReason] ?? reason;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** ISO weekdays as ranges: [1,2,3,4,5] → "Mon–Fri", [1,3,6,7] → "Mon, Wed, Sat–Sun". */
export function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 7) return "Every day";
  if (sorted.length === 0) return "No day";
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const a = WEEKDAYS[sorted[i] - 1];
    const b = WEEKDAYS[sorted[j] - 1];
    parts.push(j === i ? a : j === i + 1 ? `${a}, ${b}` : `${a}–${b}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/** "08:00–21:00", noting a window that wraps past midnight or covers the whole day. */
export function describeWindow(start: string | undefined, end: string | undefined): string {
  const s = start ?? "00:00";
  const e = end ?? "24:00";
  const norm = (t: string) => (t === "24:00" ? "00:00" : t);
  if (norm(s) === norm(e)) return "all day";
  return `${s}–${e}${norm(e) < s && norm(e) !== "00:00" ? " (past midnight)" : ""}`;
}

export function describeSchedule(schedule: Campaign["schedule"]): string[] {
  if (!schedule) return [];
  const s = schedule as CampaignSchedule;
  const lines = [`${s.days ? describeDays(s.days) : "Every day"}, ${describeWindow(s.start, s.end)}`];
  if (s.from && s.until) lines.push(`From ${s.from} to ${s.until}`);
  else if (s.from) lines.push(`From ${s.from}`);
  else if (s.until) lines.push(`Until ${s.until}`);
  if (s.exceptions?.length) lines.push(`Not on ${s.exceptions.join(", ")}`);
  return lines;
}

export const RETRY_OUTCOME_NAMES: Record<RetryOutcome, string> = {
  BUSY: "Busy",
  NOANSWER: "No answer",
  CONGESTION: "Congestion",
  FAILED: "Failed",
  VOICEMAIL: "Voicemail",
  ABANDONED: "Abandoned",
};

/** "Busy: every 10 min, up to 4 attempts", one per outcome with a rule of its own. */
export function describeRetryRules(rules: Campaign["retry_rules"]): string[] {
  if (!rules) return [];
  return (Object.keys(RETRY_OUTCOME_NAMES) as RetryOutcome[])
    .filter((o) => rules[o])
    .map((o) => {
      const { cooldown_sec, max_attempts } = rules[o]!;
      const wait = cooldown_sec === 0 ? "at once" : `after ${formatDelay(cooldown_sec)}`;
      return `${RETRY_OUTCOME_NAMES[o]}: retry ${wait}, up to ${max_attempts} ${max_attempts === 1 ? "attempt" : "attempts"}`;
    });
}

/** A fraction as a percentage for people: 0.03 → "3%", 0.025 → "2.5%". */
export function formatRate(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${Number((fraction * 100).toFixed(digits))}%`;
}
