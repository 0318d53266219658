import { and, desc, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { apiTokens, users, type ApiToken, type User } from "@/db/schema";
import { bit, formatTime } from "../api/format";
import { hashApiToken } from "../auth/api-token";

export function toTokenDto(t: ApiToken) {
  return {
    id: t.id,
    token: t.tokenHint,
    name: t.name,
    permissions: t.permissions ?? null,
    is_active: bit(t.isActive),
    last_used: formatTime(t.lastUsed),
    expires_at: formatTime(t.expiresAt),
    created_at: formatTime(t.createdAt)!,
  };
}

/** Looks a presented token up by its hash; revoked tokens are not found. */
export async function findActiveToken(raw: string): Promise<{ token: ApiToken; user: User } | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(raw)), eq(apiTokens.isActive, true)));
  return row;
}

export async function touchToken(id: number): Promise<void> {
  const db = await getDb();
  await db.update(apiTokens).set({ lastUsed: new Date() }).where(eq(apiTokens.id, id));
}

export async function listTokensOf(db: DbOrTx, userId: number): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.id));
}

export async function findToken(db: DbOrTx, id: number): Promise<ApiToken | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function insertToken(
  db: DbOrTx,
  values: { userId: number; name: string; tokenHash: string; tokenHint: string; permissions: string[] | null; expiresAt: Date | null },
): Promise<ApiToken> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

export async function revokeTokenRow(db: DbOrTx, id: number): Promise<void> {
  await db.update(apiTokens).set({ isActive: false, revokedAt: new Date() }).where(eq(apiTokens.id, id));
}
