import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { campaigns } from "./campaigns";
import { users } from "./users";
import { createdAt, optionalRef, serialId } from "./columns";

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
    id: serialId(),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    phoneNumber: text("phone_number").notNull(),
    source: text("source").$type<DncSource>().notNull().default("api"),
    note: text("note"),
    createdBy: optionalRef("created_by", () => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("dnc_scope_phone_uq").on(sql`coalesce(${t.campaignId}, 0)`, t.phoneNumber),
    index("dnc_phone_idx").on(t.phoneNumber),
    // Each list's newest entry, read once per claim for the attempts' compliance evidence.
    index("dnc_scope_created_idx").on(sql`coalesce(${t.campaignId}, 0)`, t.createdAt),
  ],
);

export type DncNumber = typeof dncNumbers.$inferSelect;
