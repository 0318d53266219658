import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampTz } from "./columns";

/**
 * Failed sign-ins, counted per username and client address (see server/auth/login-throttle.ts).
 * The username "*" counts every username tried from the address. Shared by every Pacer process.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    /** Lower-cased; "*" for the address as a whole. */
    username: text("username").notNull(),
    address: text("address").notNull(),
    failures: integer("failures").notNull(),
    lastAt: timestampTz("last_at").notNull(),
    /** Until when a sign-in for this username from this address is refused without a check. */
    lockedUntil: timestampTz("locked_until"),
  },
  (t) => [primaryKey({ columns: [t.username, t.address] })],
);
