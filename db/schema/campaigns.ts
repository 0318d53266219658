import { boolean, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const TRUNK_TYPES = ["custom", "pjsip", "sip"] as const;
export const AGENT_DEST_TYPES = ["custom", "exten", "ivr"] as const;
/** `completed` is reached by the dialer when nothing is left to dial. */
export const CAMPAIGN_STATUSES = ["stopped", "running", "paused", "completed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaigns = pgTable(
  "campaigns",
  {
    id: serial("id").primaryKey(),
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
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [index("campaigns_status_idx").on(t.status)],
);

export type Campaign = typeof campaigns.$inferSelect;
