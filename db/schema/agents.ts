import { boolean, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";
import { users } from "./users";
import { optionalRef, serialId, timestamps, timestampTz } from "./columns";

/** An agent's state, as a supervisor reads it (mod_callcenter's words). */
export const AGENT_STATES = ["logged_out", "available", "on_call", "wrapup", "on_break"] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** Why an agent pauses: a fixed set of reason codes, so supervisors and reports can compare them. */
export const PAUSE_REASONS = ["break", "lunch", "training", "meeting", "coaching", "technical", "other"] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * People who take connected calls. Logging in to a campaign calls the agent's phone once and
 * holds it in a bridge (a nailed-up line); customers are moved into that bridge.
 */
export const agents = pgTable(
  "agents",
  {
    id: serialId(),
    userId: optionalRef("user_id", () => users.id),
    name: text("name").notNull(),
    /** The agent's phone: an extension (through the PBX's agent template) or a full dial string. */
    extension: text("extension").notNull(),
    campaignId: optionalRef("campaign_id", () => campaigns.id),
    state: text("state").$type<AgentState>().notNull().default("logged_out"),
    /**
     * What the agent (or a supervisor) asked for through the API; the dialer that holds the
     * agent's phone applies it (login calls the phone, a break starts after the current call).
     */
    requestedState: text("requested_state").$type<"available" | "on_break" | "logged_out" | "wrapup">(),
    stateSince: timestampTz("state_since").notNull().defaultNow(),
    /** When the agent last became ready to take a call: longest-idle picks the oldest. */
    readySince: timestampTz("ready_since"),
    /** The live phone leg and bridge while logged in, and which PBX/process hold them. */
    channelId: text("channel_id"),
    bridgeId: text("bridge_id"),
    pbxKey: text("pbx_key"),
    owner: text("owner"),
    currentAttemptId: integer("current_attempt_id"),
    /**
     * Preview mode: the agent's choice on the lead offered (attempt `preview_attempt_id`), asked
     * through the API and applied by the dialer holding the agent, as `requested_state` is.
     */
    previewAction: text("preview_action").$type<"dial" | "skip">(),
    previewAttemptId: integer("preview_attempt_id"),
    /** The agent asked to hang up the customer on this attempt; the dialer holding the agent does. */
    hangupAttemptId: integer("hangup_attempt_id"),
    /**
     * Why the agent pauses (one of `PAUSE_REASONS`): asked with the break, and kept while it lasts;
     * the dialer copies it to the break's stretch in `agent_state_log`.
     */
    breakReason: text("break_reason").$type<PauseReason>(),
    lastAttemptId: integer("last_attempt_id"),
    /** A simulated agent of the demo: the built-in simulator answers its phone and talks for it. */
    demo: boolean("demo").notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex("agents_user_uq").on(t.userId), uniqueIndex("agents_name_uq").on(t.name), index("agents_campaign_idx").on(t.campaignId, t.state)],
);

export type Agent = typeof agents.$inferSelect;
