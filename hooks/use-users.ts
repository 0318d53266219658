"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { User } from "@/lib/api-types";
import { resourceMutations } from "./use-refreshing-mutation";

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export type UserRole = User["role"];
export const USER_ROLES: UserRole[] = ["admin", "supervisor", "agent"];

export function useUsers() {
  return useQuery({ queryKey: userKeys.list(), queryFn: () => api.get<User[]>("/users") });
}

export type NewUserInput = {
  username: string;
  email: string;
  full_name: string | null;
  password: string;
  role: UserRole;
  api_access: 0 | 1;
};

export type UserChanges = Partial<{
  email: string;
  full_name: string | null;
  role: UserRole;
  is_active: 0 | 1;
  api_access: 0 | 1;
  password: string;
}>;

const userMutations = resourceMutations<User, NewUserInput, UserChanges>(userKeys.all, "/users");
export const useCreateUser = userMutations.useCreate;
export const useUpdateUser = userMutations.useUpdate;
export const useDeleteUser = userMutations.useDelete;
