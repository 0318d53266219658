import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { campaigns } from "./campaigns";
import { users } from "./users";

/** Where a do-not-call entry came from. */
export const DNC_SOURCES = ["api", "dashboard", "import", "ivr", "agent"] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

/**
 * Do-not-call numbers: system-wide (`campaign_id` null) or for one campaign. Numbers are stored
 * normalised (as leads are), so a lookup is an equality.
 */
export const dncNumbers = pgTable(
  "dnc_numbers",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    phoneNumber: text("phone_number").notNull(),
    source: text("source").$type<DncSource>().notNull().default("api"),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dnc_scope_phone_uq").on(sql`coalesce(${t.campaignId}, 0)`, t.phoneNumber),
    index("dnc_phone_idx").on(t.phoneNumber),
  ],
);

export type DncNumber = typeof dncNumbers.$inferSelect;
