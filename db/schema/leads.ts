import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns";

/** A lead's dialing state. The contract calls leads "campaign numbers". */
export const LEAD_STATUSES = ["pending", "calling", "answered", "failed", "completed", "no_answer", "busy", "dnc"] as const;
/** Final statuses: the dialer never takes these up again (a stop or a manual reset aside). */
export const FINAL_LEAD_STATUSES = ["answered", "failed", "completed", "no_answer", "busy", "dnc"] as const;
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
    /** IANA zone of the called party when known; else inferred from state/zip, then the number. */
    timezone: text("timezone"),
    state: text("state"),
    zip: text("zip"),
    /** Why the dialer last passed this lead over (dnc, outside_hours, schedule, …). */
    skipReason: text("skip_reason"),
    /** The attempt that holds this lead; a result for any other attempt never overwrites it. */
    currentAttemptId: integer("current_attempt_id"),
    /** The dialer process holding the lead, and until when (renewed while its call lasts). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** The agent's disposition (SALE, CALLBACK, …) or the IVR's, when one was given. */
    disposition: text("disposition"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }),
  },
  (t) => [
    index("leads_campaign_status_idx").on(t.campaignId, t.status),
    uniqueIndex("leads_campaign_phone_uq").on(t.campaignId, t.phoneNumber),
    index("leads_dialable_idx").on(t.campaignId, t.status, t.nextAttemptAt),
  ],
);

export type Lead = typeof leads.$inferSelect;
