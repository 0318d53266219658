import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pageOf } from "@/db/rows";
import { auditLog, type AuditEntry } from "@/db/schema";
import { formatTime } from "../api/format";
import type { Caller } from "../api/caller";

export type AuditActor = Caller | { system: true };

export type AuditEntryInput = {
  action: string;
  entityType: string;
  entityId?: number | string | null;
  details?: Record<string, unknown> | null;
};

const SECRET_FIELDS = new Set(["password", "password_hash", "passwordHash", "token", "token_hash", "tokenHash"]);

function scrub(details: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!details) return null;
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? "[redacted]" : v]));
}

/** Written inside the caller's transaction, so a change and its audit row commit together. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntryInput): Promise<void> {
  const who =
    "system" in actor
      ? { userId: null, username: "system", authMethod: "system", tokenId: null, ip: null, userAgent: null }
      : {
          userId: actor.user.id,
          username: actor.user.username,
          authMethod: actor.method,
          tokenId: actor.token?.id ?? null,
          ip: actor.ip,
          userAgent: actor.userAgent,
        };
  await db.insert(auditLog).values({
    ...who,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    details: scrub(entry.details),
  });
}

export async function listAudit(
  db: DbOrTx,
  opts: { entityType?: string; entityId?: string; page: number; perPage: number },
) {
  const where = and(
    opts.entityType ? eq(auditLog.entityType, opts.entityType) : undefined,
    opts.entityId ? eq(auditLog.entityId, opts.entityId) : undefined,
  );
  return pageOf(db, auditLog, where, opts, (limit, offset) =>
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(limit).offset(offset),
  );
}

export function toAuditDto(r: AuditEntry) {
  return {
    id: r.id,
    created_at: formatTime(r.createdAt),
    user_id: r.userId,
    username: r.username,
    auth_method: r.authMethod,
    token_id: r.tokenId,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    details: r.details,
    ip: r.ip,
    user_agent: r.userAgent,
  };
}
