import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { countRows, rowsInIdOrder } from "@/db/rows";
import { users, type User, type UserRole } from "@/db/schema";
import { bit, formatTime } from "../api/format";
import { clearFailures, lockedFor, recordFailure } from "../auth/login-throttle";
import { hashPassword, verifyPassword } from "../auth/password";

export function toUserDto(u: User) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    full_name: u.fullName,
    role: u.role,
    is_active: bit(u.isActive),
    api_access: bit(u.apiAccess),
    last_login: formatTime(u.lastLogin),
    created_at: formatTime(u.createdAt)!,
    updated_at: formatTime(u.updatedAt),
  };
}

export async function findUserById(id: number, db?: DbOrTx): Promise<User | undefined> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByUsername(username: string, db?: DbOrTx): Promise<User | undefined> {
  const d = db ?? (await getDb());
  const [row] = await d.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

/** A dummy hash keeps the timing of "no such user" close to that of "wrong password". */
let dummyHash: Promise<string> | undefined;

/**
 * The user, when the password is right, the account active, and this username not waiting out
 * failed tries from this client address (see auth/login-throttle).
 */
export async function authenticateUser(username: string, password: string, address: string): Promise<User | undefined> {
  const db = await getDb();
  if ((await lockedFor(db, username, address)) > 0) return undefined;
  const user = await findUserByUsername(username, db);
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(password, await dummyHash);
    await recordFailure(db, username, address);
    return undefined;
  }
  if (!(await verifyPassword(password, user.passwordHash)) || !user.isActive) {
    await recordFailure(db, username, address);
    return undefined;
  }
  await clearFailures(db, username, address);
  await db.update(users).set({ lastLogin: new Date() }).where(eq(users.id, user.id));
  return user;
}

export async function listUsers(db: DbOrTx): Promise<User[]> {
  return rowsInIdOrder(db, users);
}

export async function countUsers(db: DbOrTx): Promise<number> {
  return countRows(db, users);
}

/** Active admins other than `exceptId`: the guard against locking everybody out. */
export async function countOtherActiveAdmins(db: DbOrTx, exceptId: number): Promise<number> {
  return countRows(db, users, and(eq(users.role, "admin"), eq(users.isActive, true), ne(users.id, exceptId)));
}

export type NewUser = {
  username: string;
  password: string;
  email: string;
  fullName?: string | null;
  role: UserRole;
  apiAccess?: boolean;
  isActive?: boolean;
  /** A user made for a simulated demo agent (removed with the demo). */
  demo?: boolean;
};

export async function insertUser(db: DbOrTx, input: NewUser): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({
      username: input.username,
      email: input.email,
      fullName: input.fullName ?? null,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      apiAccess: input.apiAccess ?? true,
      isActive: input.isActive ?? true,
      demo: input.demo ?? false,
    })
    .returning();
  return row;
}

export type UserChanges = Partial<Omit<NewUser, "password">> & { password?: string };

export async function updateUserRow(db: DbOrTx, id: number, changes: UserChanges): Promise<User | undefined> {
  const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
  if (changes.username !== undefined) set.username = changes.username;
  if (changes.email !== undefined) set.email = changes.email;
  if (changes.fullName !== undefined) set.fullName = changes.fullName;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.apiAccess !== undefined) set.apiAccess = changes.apiAccess;
  if (changes.isActive !== undefined) set.isActive = changes.isActive;
  if (changes.password !== undefined) set.passwordHash = await hashPassword(changes.password);
  const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning();
  return row;
}

export async function deleteUserRow(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return rows.length > 0;
}

/** Serialise user changes: admins are counted under a row lock so two requests cannot both remove the last one. */
export async function lockAdmins(db: DbOrTx): Promise<void> {
  await db.execute(sql`select id from ${users} where ${users.role} = 'admin' for update`);
}
