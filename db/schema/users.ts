import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { serialId, timestamps, timestampTz } from "./columns";

/** Roles: `supervisor` is what the ARI Dialer contract calls `user`. */
export const USER_ROLES = ["admin", "supervisor", "agent"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable("users", {
  id: serialId(),
  username: text("username").notNull().unique(),
  email: text("email").notNull(),
  fullName: text("full_name"),
  passwordHash: text("password_hash").notNull(),
  role: text("role").$type<UserRole>().notNull().default("supervisor"),
  isActive: boolean("is_active").notNull().default(true),
  apiAccess: boolean("api_access").notNull().default(true),
  lastLogin: timestampTz("last_login"),
  /** The sign-in-less user a simulated demo agent acts as; removed with the demo. */
  demo: boolean("demo").notNull().default(false),
  ...timestamps(),
});

export type User = typeof users.$inferSelect;
