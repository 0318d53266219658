"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { User } from "@/lib/api-types";
import { useRefreshingMutation } from "./use-refreshing-mutation";

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

export function useCreateUser() {
  return useRefreshingMutation(userKeys.all, async (input: NewUserInput) => (await api.post<User>("/users", input)).data);
}

export function useUpdateUser() {
  return useRefreshingMutation(userKeys.all, async ({ id, changes }: { id: number; changes: UserChanges }) => (await api.put<User>(`/users/${id}`, changes)).data);
}

export function useDeleteUser() {
  return useRefreshingMutation(userKeys.all, (id: number) => api.del(`/users/${id}`), { after: "settled" });
}
