import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { serialId, timestamps } from "./columns";

export const TRUNK_TYPES = ["custom", "pjsip", "sip"] as const;
export const AGENT_DEST_TYPES = ["custom", "exten", "ivr", "survey"] as const;
/** `completed` is reached by the dialer when nothing is left to dial. */
export const CAMPAIGN_STATUSES = ["stopped", "running", "paused", "completed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/**
 * `agentless`: answered calls go to the campaign's destination (the ARI Dialer contract's
 * behaviour); `progressive`: one line per ready agent; `preview`: the agent sees the lead and
 * dials; `predictive`: lines from the pacing module under the abandonment cap.
 */
export const DIAL_MODES = ["agentless", "progressive", "preview", "predictive"] as const;
export type DialMode = (typeof DIAL_MODES)[number];
export const MACHINE_ACTIONS = ["hangup", "message"] as const;
/** Whose abandonment rule the campaign follows: `uk` also counts AMD's false positives as abandoned. */
export const ABANDON_RULES = ["us", "uk"] as const;
/** What happens to a connected customer whose agent's phone drops. */
export const AGENT_DROP_ACTIONS = ["requeue", "abandon"] as const;
/** What happens to a preview lead the agent has neither dialed nor skipped in time. */
export const PREVIEW_TIMEOUT_ACTIONS = ["skip", "dial"] as const;

/** The campaign's own dialing window, in the campaign's time zone (`003_*` style scheduling). */
export type CampaignSchedule = {
  /** ISO weekdays 1 (Monday) … 7 (Sunday); absent = every day. */
  days?: number[];
  /** Daily window, "HH:MM" (24 h); absent = all day. `end` may be "24:00"; `end <= start` wraps past midnight. */
  start?: string;
  end?: string;
  /** Inclusive date range, "YYYY-MM-DD". */
  from?: string;
  until?: string;
  /** Dates on which the campaign does not dial, "YYYY-MM-DD". */
  exceptions?: string[];
};

/** Retry rule per outcome (`004_*` style): wait `cooldown_sec`, then retry until `max_attempts` in all. */
export type RetryRule = { cooldown_sec: number; max_attempts: number };
export const RETRY_OUTCOMES = ["BUSY", "NOANSWER", "CONGESTION", "FAILED", "VOICEMAIL", "ABANDONED"] as const;
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number];
export type RetryRules = Partial<Record<RetryOutcome, RetryRule>>;

export const campaigns = pgTable(
  "campaigns",
  {
    id: serialId(),
    name: text("name").notNull(),
    description: text("description"),
    trunkType: text("trunk_type").$type<(typeof TRUNK_TYPES)[number]>().notNull(),
    trunkValue: text("trunk_value").notNull(),
    callerid: text("callerid"),
    agentDestType: text("agent_dest_type").$type<(typeof AGENT_DEST_TYPES)[number]>().notNull(),
    agentDestValue: text("agent_dest_value").notNull(),
    recordCalls: boolean("record_calls").notNull().default(false),
    status: text("status").$type<CampaignStatus>().notNull().default("stopped"),
    concurrentCalls: integer("concurrent_calls").notNull().default(1),
    retryTimes: integer("retry_times").notNull().default(0),
    retryDelay: integer("retry_delay").notNull().default(300),
    dialMode: text("dial_mode").$type<DialMode>().notNull().default("agentless"),
    /** Seconds to ring before giving up; at least 15 (enforced). */
    dialTimeout: integer("dial_timeout").notNull().default(30),
    amdEnabled: boolean("amd_enabled").notNull().default(false),
    machineAction: text("machine_action").$type<(typeof MACHINE_ACTIONS)[number]>().notNull().default("hangup"),
    machineMessage: text("machine_message"),
    /** Share of live answers that may be abandoned (rolling 30 days and 24 h). */
    abandonCap: doublePrecision("abandon_cap").notNull().default(0.03),
    abandonRule: text("abandon_rule").$type<(typeof ABANDON_RULES)[number]>().notNull().default("us"),
    /** The operator's estimate of the share of people AMD calls machines (0 to 1). */
    amdFalsePositiveRate: doublePrecision("amd_false_positive_rate").notNull().default(0),
    abandonMessage: text("abandon_message").notNull().default("pacer/abandon-message"),
    wrapupSec: integer("wrapup_sec").notNull().default(10),
    /**
     * The queue (`queues.id`) whose agents take the answered calls, by its strategy and tiers; null:
     * the campaign's logged-in agents, longest idle first. No foreign key (queues refer to agents,
     * which refer to campaigns): a queue in use cannot be deleted, which the queues service enforces.
     */
    queueId: integer("queue_id"),
    agentDropAction: text("agent_drop_action").$type<(typeof AGENT_DROP_ACTIONS)[number]>().notNull().default("requeue"),
    /** Preview mode: seconds the agent has to dial or skip the lead shown (0 = no limit), and what happens then. */
    previewTimeoutSec: integer("preview_timeout_sec").notNull().default(60),
    previewTimeoutAction: text("preview_timeout_action").$type<(typeof PREVIEW_TIMEOUT_ACTIONS)[number]>().notNull().default("skip"),
    /** The campaign's zone: its schedule runs on it, and leads whose zone cannot be told fall back to it. */
    timezone: text("timezone").notNull().default("UTC"),
    /** The called party's permitted hours, in the called party's local time. */
    callingHoursStart: text("calling_hours_start").notNull().default("08:00"),
    callingHoursEnd: text("calling_hours_end").notNull().default("21:00"),
    schedule: jsonb("schedule").$type<CampaignSchedule | null>(),
    /** Per-outcome retry rules; outcomes without one use retry_times / retry_delay. */
    retryRules: jsonb("retry_rules").$type<RetryRules | null>(),
    /** Calls started per minute, across every dialer process (Newfies' `frequency`); null = no limit. */
    frequency: integer("frequency"),
    /** Seconds an answered call may last before Pacer hangs it up (Newfies' `callmaxduration`); 0 = no limit. */
    callMaxDuration: integer("call_max_duration").notNull().default(0),
    createdBy: integer("created_by"),
    /** Made by the first-start demo (fictional numbers, simulated agents); "Remove demo" deletes it. */
    demo: boolean("demo").notNull().default(false),
    ...timestamps(),
  },
  (t) => [index("campaigns_status_idx").on(t.status)],
);

export type Campaign = typeof campaigns.$inferSelect;

/**
 * The campaign's call-rate lock row, shared by every dialer process: a claim locks it before it
 * counts the campaign's recent starts, so two processes never both take the last start of a minute.
 * `last_start` (ms) is when the campaign's latest call was due on its schedule: starts are spread
 * 60 000 / frequency ms apart from it (see server/dialer/campaign-rate.ts).
 */
export const campaignRate = pgTable("campaign_rate", {
  campaignId: integer("campaign_id")
    .primaryKey()
    .references(() => campaigns.id, { onDelete: "cascade" }),
  lastStart: bigint("last_start", { mode: "number" }).notNull().default(0),
});
