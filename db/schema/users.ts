import { boolean, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

/** Roles: `supervisor` is what the ARI Dialer contract calls `user`. */
export const USER_ROLES = ["admin", "supervisor", "agent"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  username: text("username").notNull().unique(),
  email: text("email").notNull(),
  fullName: text("full_name"),
  passwordHash: text("password_hash").notNull(),
  role: text("role").$type<UserRole>().notNull().default("supervisor"),
  isActive: boolean("is_active").notNull().default(true),
  apiAccess: boolean("api_access").notNull().default(true),
  lastLogin: timestamp("last_login", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }),
});

export type User = typeof users.$inferSelect;
