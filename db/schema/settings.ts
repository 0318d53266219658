import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Small system-wide key/value settings (first-boot markers, defaults an admin may change). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
