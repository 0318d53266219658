import { integer, serial, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * The column groups most tables share, so each table file lists only what is its own. Every
 * builder returns a fresh column: drizzle ties a column to the table it is declared in.
 */

/** The serial key an entity table opens with. */
export const serialId = () => serial("id").primaryKey();

/** A point in time; every time column keeps its zone. */
export const timestampTz = <N extends string>(name: N) => timestamp(name, { withTimezone: true });

/** When the row was written, set by the database. */
export const createdAt = () => timestampTz("created_at").notNull().defaultNow();

/** `created_at`, and `updated_at`, which the service sets on every change. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: timestampTz("updated_at") });

/** The row this one belongs to: required, and this one is deleted with it. */
export const parentRef = <N extends string>(name: N, parent: () => AnyPgColumn) =>
  integer(name).notNull().references(parent, { onDelete: "cascade" });

/** A row this one may point at: the link is cleared when that row is deleted. */
export const optionalRef = <N extends string>(name: N, target: () => AnyPgColumn) =>
  integer(name).references(target, { onDelete: "set null" });
