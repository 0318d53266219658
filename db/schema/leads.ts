import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";

/** A lead's dialing state. The contract calls leads "campaign numbers". */
export const LEAD_STATUSES = ["pending", "calling", "answered", "failed", "completed", "no_answer", "busy"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const leads = pgTable(
  "leads",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    phoneNumber: text("phone_number").notNull(),
    status: text("status").$type<LeadStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastAttempt: timestamp("last_attempt", { withTimezone: true }),
    /** Earliest time the next attempt may be placed (retry cooldown, callbacks). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    data: jsonb("data").$type<Record<string, unknown> | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [
    index("leads_campaign_status_idx").on(t.campaignId, t.status),
    uniqueIndex("leads_campaign_phone_uq").on(t.campaignId, t.phoneNumber),
  ],
);

export type Lead = typeof leads.$inferSelect;
