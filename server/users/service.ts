import type { z } from "zod";
import { getDb, inTransaction } from "@/db/client";
import type { Caller } from "../api/caller";
import { ApiError } from "../api/errors";
import { recordAudit } from "../audit/queries";
import {
  countOtherActiveAdmins,
  deleteUserRow,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  lockAdmins,
  toUserDto,
  updateUserRow,
} from "./queries";
import type { createUserBody, updateUserBody } from "./validation";

export async function getUsers() {
  return (await listUsers(await getDb())).map(toUserDto);
}

export async function getUser(id: number) {
  const user = await findUserById(id);
  if (!user) throw ApiError.notFound("User");
  return toUserDto(user);
}

export async function createUser(caller: Caller, input: z.output<typeof createUserBody>) {
  return inTransaction(async (tx) => {
    if (await findUserByUsername(input.username, tx)) {
      throw ApiError.conflict(`Username '${input.username}' is already taken`);
    }
    const user = await insertUser(tx, {
      username: input.username,
      password: input.password,
      email: input.email,
      fullName: input.full_name ?? null,
      role: input.role,
      apiAccess: input.api_access,
      isActive: input.is_active,
    });
    const dto = toUserDto(user);
    await recordAudit(tx, caller, { action: "user.create", entityType: "user", entityId: user.id, details: dto });
    return dto;
  });
}

export async function updateUser(caller: Caller, id: number, input: z.output<typeof updateUserBody>) {
  return inTransaction(async (tx) => {
    await lockAdmins(tx);
    const before = await findUserById(id, tx);
    if (!before) throw ApiError.notFound("User");
    const losesAdmin =
      before.role === "admin" &&
      before.isActive &&
      ((input.role !== undefined && input.role !== "admin") || input.is_active === false);
    if (losesAdmin && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw ApiError.conflict("Cannot demote or disable the last active admin user");
    }
    if (input.username && input.username.toLowerCase() !== before.username.toLowerCase()) {
      if (await findUserByUsername(input.username, tx)) throw ApiError.conflict(`Username '${input.username}' is already taken`);
    }
    const after = await updateUserRow(tx, id, {
      username: input.username,
      email: input.email,
      fullName: input.full_name,
      role: input.role,
      apiAccess: input.api_access,
      isActive: input.is_active,
      password: input.password,
    });
    const dto = toUserDto(after!);
    const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    await recordAudit(tx, caller, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      details: { changed, before: toUserDto(before), after: dto },
    });
    return dto;
  });
}

export async function deleteUser(caller: Caller, id: number) {
  await inTransaction(async (tx) => {
    await lockAdmins(tx);
    const user = await findUserById(id, tx);
    if (!user) throw ApiError.notFound("User");
    if (user.role === "admin" && (await countOtherActiveAdmins(tx, id)) === 0) {
      throw ApiError.conflict("Cannot delete the last admin user");
    }
    if (user.id === caller.user.id) throw ApiError.conflict("You cannot delete your own account");
    await deleteUserRow(tx, id);
    await recordAudit(tx, caller, { action: "user.delete", entityType: "user", entityId: id, details: toUserDto(user) });
  });
}
