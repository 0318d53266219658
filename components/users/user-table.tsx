"use client";

import { Fragment, useRef, useState } from "react";
import { useDeleteUser, useUsers } from "@/hooks/use-users";
import type { User } from "@/lib/api-types";
import { humanize } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { EditUserForm } from "./edit-user-form";

const ROLE_TONES: Record<User["role"], Tone> = { admin: "blue", supervisor: "sky", agent: "slate" };
const COLUMNS = 8;

export function UserTable({ currentUserId }: { currentUserId: number }) {
  const { data: users, isPending, error, refetch } = useUsers();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const deleteUser = useDeleteUser();
  const sectionRef = useRef<HTMLElement>(null);

  function closeEditor(userId: number) {
    setEditingId(null);
    document.getElementById(`edit-user-button-${userId}`)?.focus();
  }

  return (
    <section ref={sectionRef} tabIndex={-1} aria-label="Users" className="card focus:outline-none">
      {error ? (
        <div className="p-4">
          <ErrorState title="Could not load users" error={error} onRetry={() => refetch()} />
        </div>
      ) : isPending ? (
        <TableSkeleton columns={COLUMNS} rows={3} label="Loading users" />
      ) : users.length === 0 ? (
        <div className="p-4">
          <EmptyState compact title="No users" />
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">Users</caption>
            <thead className="bg-slate-50 dark:bg-slate-900/60">
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Full name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Active</th>
                <th scope="col">API access</th>
                <th scope="col">Last login</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {users.map((u) => {
                const editing = editingId === u.id;
                const isSelf = u.id === currentUserId;
                return (
                  <Fragment key={u.id}>
                    <tr className={editing ? "bg-brand-50/60 dark:bg-slate-800/60" : "hover:bg-slate-50 dark:hover:bg-slate-800/40"}>
                      <td className="font-medium">
                        {u.username}
                        {isSelf && <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
                      </td>
                      <td>{u.full_name ?? <span className="text-slate-400 dark:text-slate-500">—</span>}</td>
                      <td className="text-slate-600 dark:text-slate-300">{u.email}</td>
                      <td>
                        <Badge tone={ROLE_TONES[u.role]}>{humanize(u.role)}</Badge>
                      </td>
                      <td>{u.is_active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>}</td>
                      <td>{u.api_access ? "Allowed" : <span className="text-slate-500 dark:text-slate-400">Off</span>}</td>
                      <td>
                        <DateTime value={u.last_login} empty="Never" />
                      </td>
                      <td>
                        <div className="flex justify-end gap-2">
                          <button
                            id={`edit-user-button-${u.id}`}
                            type="button"
                            className="btn-secondary px-2.5 py-1 text-xs"
                            aria-expanded={editing}
                            aria-controls={`edit-user-${u.id}`}
                            aria-label={`Edit ${u.username}`}
                            onClick={() => setEditingId(editing ? null : u.id)}
                          >
                            {editing ? "Close" : "Edit"}
                          </button>
                          <button
                            type="button"
                            className="btn-secondary px-2.5 py-1 text-xs text-red-700 dark:text-red-400"
                            aria-label={`Delete ${u.username}`}
                            disabled={isSelf}
                            title={isSelf ? "You cannot delete your own account" : undefined}
                            onClick={() => setDeleting(u)}
                          >
                            Delete
                          </button>
                        </div>
                      </td>
                    </tr>
                    {editing && (
                      <tr id={`edit-user-${u.id}`} className="bg-brand-50/60 dark:bg-slate-800/60">
                        <td colSpan={COLUMNS} className="whitespace-normal! px-4! pt-1! pb-4!">
                          <EditUserForm user={u} isSelf={isSelf} onDone={() => closeEditor(u.id)} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <MutationConfirmDialog
        item={deleting}
        mutation={deleteUser}
        variablesFor={(u) => u.id}
        title={(u) => `Delete user ${u.username}?`}
        confirmLabel="Delete user"
        pendingLabel="Deleting…"
        successMessage={(u) => `User ${u.username} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={sectionRef}
      >
        {() => <p>They can no longer sign in, and their API tokens are deleted with the account. To keep the account for later, disable it instead.</p>}
      </MutationConfirmDialog>
    </section>
  );
}
