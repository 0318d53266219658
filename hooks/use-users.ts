"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { User } from "@/lib/api-types";

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
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewUserInput) => (await api.post<User>("/users", input)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: number; changes: UserChanges }) => (await api.put<User>(`/users/${id}`, changes)).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useDeleteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/users/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
