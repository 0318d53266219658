import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestampTz } from "./columns";

/** Small system-wide key/value settings (first-boot markers, defaults an admin may change). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestampTz("updated_at").notNull().defaultNow(),
});
