import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Dialer processes alive on this database (heartbeat), so PBX connections can be shared out fairly. */
export const dialerNodes = pgTable("dialer_nodes", {
  id: text("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});
