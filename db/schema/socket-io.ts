import { bigserial, customType, pgTable } from "drizzle-orm/pg-core";
import { timestampTz } from "./columns";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * Where the Socket.IO Postgres adapter leaves broadcasts too big for a NOTIFY payload (8,000
 * bytes) for the other Pacer processes to read; the adapter deletes old rows itself.
 */
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  createdAt: timestampTz("created_at").defaultNow(),
  payload: bytea("payload"),
});
