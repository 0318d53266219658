"use client";

import { useMemo, useRef, useState } from "react";
import { useRowEditor } from "@/hooks/use-row-editor";
import { useDeleteUser, useUsers } from "@/hooks/use-users";
import type { User } from "@/lib/api-types";
import { humanize } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { EditRowButton, EMPTY_CELL, ResourceTable, type Column } from "@/components/ui/resource-table";
import { Badge, type Tone } from "@/components/ui/status-badge";
import { DeleteRowButton, DeleteRowDialog } from "@/components/ui/table-row-actions";
import { EditUserForm } from "./edit-user-form";

const ROLE_TONES: Record<User["role"], Tone> = { admin: "blue", supervisor: "sky", agent: "slate" };

function columns(currentUserId: number): Column<User>[] {
  return [
    {
      header: "Username",
      className: "font-medium",
      sortValue: (u) => u.username.toLowerCase(),
      cell: (u) => (
        <>
          {u.username}
          {u.id === currentUserId && <span className="ml-1.5 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span>}
        </>
      ),
    },
    { header: "Full name", sortValue: (u) => u.full_name?.toLowerCase() ?? null, cell: (u) => u.full_name ?? EMPTY_CELL },
    { header: "Email", className: "text-slate-600 dark:text-slate-300", sortValue: (u) => u.email.toLowerCase(), cell: (u) => u.email },
    { header: "Role", sortValue: (u) => u.role, cell: (u) => <Badge tone={ROLE_TONES[u.role]}>{humanize(u.role)}</Badge> },
    { header: "Active", cell: (u) => (u.is_active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>) },
    { header: "API access", cell: (u) => (u.api_access ? "Allowed" : <span className="text-slate-500 dark:text-slate-400">Off</span>) },
    { header: "Last login", sortValue: (u) => u.last_login, cell: (u) => <DateTime value={u.last_login} empty="Never" /> },
  ];
}

export function UserTable({ currentUserId }: { currentUserId: number }) {
  const query = useUsers();
  const editor = useRowEditor("edit-user");
  const [deleting, setDeleting] = useState<User | null>(null);
  const deleteUser = useDeleteUser();
  const sectionRef = useRef<HTMLElement>(null);
  const usersTable = useMemo(() => ({ caption: "Users", noun: "users", columns: columns(currentUserId), skeletonRows: 3 }), [currentUserId]);

  return (
    <section ref={sectionRef} tabIndex={-1} aria-label="Users" className="card focus:outline-none">
      <ResourceTable
        spec={usersTable}
        query={query}
        empty={<EmptyState compact title="No users" />}
        expanded={(u) =>
          editor.panel(u.id, () => <EditUserForm user={u} isSelf={u.id === currentUserId} onDone={() => editor.close(u.id)} />)
        }
        rowActions={(u) => (
          <>
            <EditRowButton editor={editor} rowId={u.id} label={`Edit ${u.username}`} />
            <DeleteRowButton label={`Delete ${u.username}`} blockedBy={u.id === currentUserId ? "You cannot delete your own account" : undefined} onClick={() => setDeleting(u)} />
          </>
        )}
      />
      <DeleteRowDialog row={deleting} what={(u) => `user ${u.username}`} confirmLabel="Delete user" mutation={deleteUser} onClose={() => setDeleting(null)} fallbackFocus={sectionRef}>
        {() => <p>They can no longer sign in, and their API tokens are deleted with the account. To keep the account for later, disable it instead.</p>}
      </DeleteRowDialog>
    </section>
  );
}
