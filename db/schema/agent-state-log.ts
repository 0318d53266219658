import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { AgentState, PauseReason } from "./agents";

/**
 * How long each agent spent in each state: one row per stretch, written by the dialer holding the
 * agent when the state changes (`ended_at` null while it lasts). Reports read talk, wrap-up, idle
 * and break time, and occupancy, from it. Not foreign keys: the history outlives agents and campaigns.
 */
export const agentStateLog = pgTable(
  "agent_state_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agentId: integer("agent_id").notNull(),
    campaignId: integer("campaign_id"),
    state: text("state").$type<Exclude<AgentState, "logged_out">>().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** A break's reason code (`PAUSE_REASONS`); null for other states and for breaks from before reasons. */
    reason: text("reason").$type<PauseReason>(),
  },
  (t) => [
    index("agent_state_log_started_idx").on(t.startedAt),
    index("agent_state_log_open_idx").on(t.agentId).where(sql`${t.endedAt} is null`),
  ],
);

export type AgentStateStretch = typeof agentStateLog.$inferSelect;
