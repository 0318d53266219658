import { pgTable, text } from "drizzle-orm/pg-core";
import { timestampTz } from "./columns";

/** Dialer processes alive on this database (heartbeat), so PBX connections can be shared out fairly. */
export const dialerNodes = pgTable("dialer_nodes", {
  id: text("id").primaryKey(),
  startedAt: timestampTz("started_at").notNull().defaultNow(),
  heartbeatAt: timestampTz("heartbeat_at").notNull().defaultNow(),
});
