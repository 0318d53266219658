import { index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { users } from "./users";

/** How a supervisor's phone takes part in a call: hears both; the agent hears it too; everyone does. */
export const MONITOR_MODES = ["listen", "whisper", "barge"] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** requested (asked through the API) → calling (Pacer rings the supervisor's phone) → active → ended. */
export const MONITOR_STATES = ["requested", "calling", "active", "ended"] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

/**
 * A supervisor listening in on an agent's call from a phone Pacer calls. The API writes the
 * request (and later a mode change or a stop); the dialer process holding the agent's phone
 * (`node`) applies it, as it applies an agent's requested state, and records what happened.
 */
export const monitorSessions = pgTable(
  "monitor_sessions",
  {
    id: serial("id").primaryKey(),
    agentId: integer("agent_id").references(() => agents.id, { onDelete: "set null" }),
    agentName: text("agent_name").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    username: text("username").notNull(),
    campaignId: integer("campaign_id"),
    /** The call listened in on. */
    attemptId: integer("attempt_id").notNull(),
    /** The supervisor's phone: an extension or a full dial string. */
    phone: text("phone").notNull(),
    mode: text("mode").$type<MonitorMode>().notNull(),
    /** A mode asked for and not yet applied. */
    requestedMode: text("requested_mode").$type<MonitorMode>(),
    stopRequestedBy: text("stop_requested_by"),
    state: text("state").$type<MonitorState>().notNull().default("requested"),
    /** The dialer process that holds the agent's phone, and the supervisor's leg it placed. */
    node: text("node").notNull(),
    channelId: text("channel_id"),
    endReason: text("end_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("monitor_sessions_node_idx").on(t.node, t.state), index("monitor_sessions_agent_idx").on(t.agentId, t.state), index("monitor_sessions_user_idx").on(t.userId)],
);

export type MonitorSession = typeof monitorSessions.$inferSelect;
