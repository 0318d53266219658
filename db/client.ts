import path from "node:path";
import { mkdirSync } from "node:fs";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

/**
 * One database handle per process. Route handlers are bundled by Next apart from server.ts, so the
 * handle lives on globalThis: whichever copy of this module opens it first, the others reuse it.
 * PGlite in particular must be opened once, it holds a lock on its directory.
 *
 * Both drivers expose the same drizzle query API; the PGlite one is typed as the postgres.js one so
 * the rest of the code has one `Db` type.
 */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  ping: () => Promise<boolean>;
};

const KEY = Symbol.for("pacer.db");
type GlobalWithDb = typeof globalThis & { [KEY]?: Promise<DbHandle> };
const g = globalThis as GlobalWithDb;

export type DbConfig = { databaseUrl?: string; pgliteDir: string };

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "db/migrations");

async function open(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    const client = postgres(config.databaseUrl, { max: 10, onnotice: () => {} });
    await migrateWithLock(config.databaseUrl);
    return {
      db: drizzlePostgres(client, { schema }),
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      ping: async () => {
        try {
          await client`select 1`;
          return true;
        } catch {
          return false;
        }
      },
    };
  }
  // Loaded lazily so a postgres-only deployment never touches the WASM build.
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
  const dir = path.resolve(config.pgliteDir);
  mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    ping: async () => {
      try {
        await client.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Several Pacer processes may boot at once against one PostgreSQL: only one migrates at a time. */
async function migrateWithLock(databaseUrl: string) {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(727001)`;
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client`select pg_advisory_unlock(727001)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Opens (and migrates) the database once per process. server.ts calls this before serving. */
export function initDb(config: DbConfig): Promise<DbHandle> {
  g[KEY] ??= open(config).catch((err) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY]!;
}

export async function dbHandle(): Promise<DbHandle> {
  const handle = g[KEY];
  if (!handle) throw new Error("Database not initialised: initDb() must run at boot (server.ts)");
  return handle;
}

export async function getDb(): Promise<Db> {
  return (await dbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = g[KEY];
  g[KEY] = undefined;
  if (handle) await (await handle).close();
}

/** Runs `work` in one transaction on the process's database: a service's change and its audit row. */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return (await getDb()).transaction(work);
}

/**
 * COPY `text` (COPY's text format: tab-separated, `\N` for null, backslashes doubled) into a
 * table, inside the transaction `tx`: `statement` is the `copy <table> (<columns>)` part. On
 * PostgreSQL the rows stream over the wire (COPY FROM STDIN); on PGlite they go as a blob
 * (COPY FROM '/dev/blob'). Drizzle has no COPY, so this reaches for the driver under the
 * transaction: postgres.js's `TransactionSql`, or PGlite's `Transaction`.
 */
export async function copyTextInto(tx: Tx, statement: string, text: string): Promise<void> {
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (typeof (client as postgres.Sql).unsafe === "function") {
    const stream = await (client as postgres.Sql).unsafe(`${statement} from stdin`).writable();
    await new Promise<void>((resolve, reject) => {
      stream.on("error", reject);
      stream.on("finish", resolve);
      stream.end(text);
    });
    return;
  }
  const pglite = client as { query: (q: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown> };
  await pglite.query(`${statement} from '/dev/blob'`, [], { blob: new Blob([text]) });
}
