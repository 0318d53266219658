import { asc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";

/**
 * The row operations every entity's queries repeat: a page of rows with the count of all that
 * match, how many rows match, the rows in id order, one row by id, insert, update (stamping `updated_at`) and delete by id. Each
 * `server/<domain>/queries.ts` still names its own functions (`findTrunk`, `updateListRow`…), so
 * callers never build SQL; these are the bodies they share.
 */

type TableWithId = PgTable & { id: AnyPgColumn };
type TableWithUpdatedAt = TableWithId & { updatedAt: AnyPgColumn };
type RowOf<T extends PgTable> = T["$inferSelect"];

export type PageRequest = { page: number; perPage: number };

/**
 * One page of `rows` (called with the limit and offset of the page) and how many rows of `table`
 * match `where` in all, read at once. `rows` builds its own select so it may join and order.
 */
export async function pageOf<Row>(
  db: DbOrTx,
  table: PgTable,
  where: SQL | undefined,
  { page, perPage }: PageRequest,
  rows: (limit: number, offset: number) => Promise<Row[]>,
): Promise<{ rows: Row[]; total: number }> {
  const [list, total] = await Promise.all([rows(perPage, (page - 1) * perPage), countRows(db, table, where)]);
  return { rows: list, total };
}

/** How many rows of `table` match `where` (all of them without it). */
export async function countRows(db: DbOrTx, table: PgTable, where?: SQL): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return n;
}

/** The rows of `table` that match `where` (all of them without it), in id order. */
export async function rowsInIdOrder<T extends TableWithId>(db: DbOrTx, table: T, where?: SQL): Promise<RowOf<T>[]> {
  const rows = await db
    .select()
    .from(table as PgTable)
    .where(where)
    .orderBy(asc(table.id));
  return rows as RowOf<T>[];
}

/** The row with this id; `forUpdate` locks it for the rest of the transaction. */
export async function findById<T extends TableWithId>(db: DbOrTx, table: T, id: number, opts: { forUpdate?: boolean } = {}): Promise<RowOf<T> | undefined> {
  const q = db.select().from(table as PgTable).where(eq(table.id, id));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row as RowOf<T> | undefined;
}

export async function insertRow<T extends PgTable>(db: DbOrTx, table: T, values: T["$inferInsert"]): Promise<RowOf<T>> {
  const [row] = await db.insert(table).values(values).returning();
  return row as RowOf<T>;
}

/** Sets the fields given and `updated_at`; undefined when no row has this id. */
export async function updateById<T extends TableWithUpdatedAt>(db: DbOrTx, table: T, id: number, set: Partial<T["$inferInsert"]>): Promise<RowOf<T> | undefined> {
  const [row] = await db
    .update(table)
    .set({ ...set, updatedAt: new Date() } as never)
    .where(eq(table.id, id))
    .returning();
  return row as RowOf<T> | undefined;
}

export async function deleteById(db: DbOrTx, table: TableWithId, id: number): Promise<void> {
  await db.delete(table).where(eq(table.id, id));
}

/** Rows of a raw query: postgres.js returns them as an array, PGlite in `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * `insert into table (columns) select … from json_to_recordset($1)`: many rows bound as one JSON
 * value, where a multi-row `values` list binds one parameter per cell (building, sending and
 * planning thousands of them is most of a large batch's cost). `rows` use the table's property
 * names; each column given is read from every row (missing: null). Dates go as ISO strings, jsonb
 * columns as nested JSON.
 */
export function insertFromJson<T extends PgTable>(table: T, keys: (keyof T["$inferInsert"] & string)[], rows: Partial<T["$inferInsert"]>[], tail: SQL = sql``): SQL {
  const columns = getTableColumns(table) as Record<string, AnyPgColumn>;
  const cols = keys.map((k) => columns[k]);
  const names = sql.join(cols.map((c) => sql.identifier(c.name)), sql`, `);
  const defs = sql.join(cols.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`), sql`, `);
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c, i) => [c.name, (r as Record<string, unknown>)[keys[i]] ?? null]))));
  return sql`insert into ${table} (${names}) select ${names} from json_to_recordset(${json}::json) as x(${defs}) ${tail}`;
}

/**
 * Rows to join an update against, bound as one JSON value: `from ${jsonRecords("v", rows, "id int, at timestamptz")}`
 * (see insertFromJson). `columns` is trusted SQL, never input.
 */
export function jsonRecords(alias: string, rows: Record<string, unknown>[], columns: string): SQL {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.identifier(alias)}(${sql.raw(columns)})`;
}
