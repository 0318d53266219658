import { boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./users";
import { createdAt, parentRef, serialId, timestampTz } from "./columns";

/** Bearer tokens. Only the SHA-256 of a token is kept; `tokenHint` is what lists show. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serialId(),
    userId: parentRef("user_id", () => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    tokenHint: text("token_hint").notNull(),
    /** null: everything the owner's role allows. */
    permissions: jsonb("permissions").$type<string[] | null>(),
    isActive: boolean("is_active").notNull().default(true),
    lastUsed: timestampTz("last_used"),
    expiresAt: timestampTz("expires_at"),
    revokedAt: timestampTz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
