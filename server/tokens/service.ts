import type { z } from "zod";
import { getDb, inTransaction } from "@/db/client";
import type { Caller } from "../api/caller";
import { ApiError } from "../api/errors";
import { formatTime } from "../api/format";
import { generateApiToken, hashApiToken, tokenHint } from "../auth/api-token";
import { grantsWithin } from "../auth/permissions";
import { recordAudit } from "../audit/queries";
import { findToken, insertToken, listTokensOf, revokeTokenRow, toTokenDto } from "./queries";
import type { createTokenBody } from "./validation";

export async function listMyTokens(caller: Caller) {
  return (await listTokensOf(await getDb(), caller.user.id)).map(toTokenDto);
}

export async function createToken(caller: Caller, input: z.output<typeof createTokenBody>) {
  if (caller.token && !grantsWithin(caller.token.permissions, input.permissions)) {
    throw ApiError.forbidden("Forbidden: a token cannot create a token with more permissions than its own");
  }
  const raw = generateApiToken();
  return inTransaction(async (tx) => {
    const row = await insertToken(tx, {
      userId: caller.user.id,
      name: input.name,
      tokenHash: hashApiToken(raw),
      tokenHint: tokenHint(raw),
      permissions: input.permissions,
      expiresAt: input.expires_at ?? null,
    });
    await recordAudit(tx, caller, {
      action: "token.create",
      entityType: "api_token",
      entityId: row.id,
      details: { name: row.name, permissions: row.permissions, expires_at: formatTime(row.expiresAt), hint: row.tokenHint },
    });
    return {
      id: row.id,
      token: raw,
      name: row.name,
      permissions: row.permissions ?? null,
      expires_at: formatTime(row.expiresAt),
      message: "Save this token securely. It will not be shown again.",
    };
  });
}

/** Users revoke their own tokens; admins may revoke anybody's. */
export async function revokeToken(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    const token = await findToken(tx, id);
    if (!token || (token.userId !== caller.user.id && caller.user.role !== "admin")) throw ApiError.notFound("API token");
    if (!token.isActive) throw ApiError.conflict("API token is already revoked");
    await revokeTokenRow(tx, id);
    await recordAudit(tx, caller, {
      action: "token.revoke",
      entityType: "api_token",
      entityId: id,
      details: { name: token.name, hint: token.tokenHint, owner_id: token.userId },
    });
  });
}
