"use client";

import { Fragment, useRef, useState } from "react";
import { useDeleteAgent } from "@/hooks/use-agents";
import { useUsers } from "@/hooks/use-users";
import type { Agent, Campaign } from "@/lib/api-types";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { AgentForm } from "./agent-form";
import { AgentRowActions } from "./agent-row-actions";
import { AgentStateBadge, TimeInState } from "./agent-state-badge";
import { isLoggedIn, pendingRequest } from "@/lib/agent-states";

const COLUMNS = 7;
const muted = <span className="text-slate-400 dark:text-slate-500">—</span>;

export function AgentsTable({ agents, campaigns, canPickUser }: { agents: Agent[]; campaigns: Campaign[] | undefined; canPickUser: boolean }) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const deleteAgent = useDeleteAgent();
  const tableRef = useRef<HTMLDivElement>(null);
  const campaignName = (id: number) => campaigns?.find((c) => c.id === id)?.name ?? `Campaign #${id}`;

  function closeEditor(agentId: number) {
    setEditingId(null);
    requestAnimationFrame(() => document.getElementById(`edit-agent-button-${agentId}`)?.focus());
  }

  return (
    <div ref={tableRef} tabIndex={-1} className="relative overflow-x-auto focus:outline-none">
      <table className="data-table">
        <caption className="sr-only">Agents, with their live state</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Phone</th>
            <th scope="col">User</th>
            <th scope="col">State</th>
            <th scope="col">In state</th>
            <th scope="col">Campaign</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {agents.map((a) => {
            const editing = editingId === a.id;
            const loggedIn = isLoggedIn(a);
            const pending = pendingRequest(a);
            return (
              <Fragment key={a.id}>
                <tr className={editing ? "bg-brand-50/60 dark:bg-slate-800/60" : "hover:bg-slate-50 dark:hover:bg-slate-800/40"}>
                  <th scope="row" className="text-sm! font-medium! tracking-normal! text-slate-900! normal-case! dark:text-slate-100!">
                    {a.name}
                  </th>
                  <td className="font-mono text-[13px]">{a.extension}</td>
                  <td>{a.user_id === null ? muted : canPickUser ? <UserName id={a.user_id} /> : `User #${a.user_id}`}</td>
                  <td>
                    <div className="flex flex-col items-start gap-0.5">
                      <AgentStateBadge state={a.state} />
                      {pending && <span className="text-xs text-slate-500 dark:text-slate-400">{pending}</span>}
                    </div>
                  </td>
                  <td>
                    <TimeInState agent={a} />
                  </td>
                  <td>{a.campaign_id === null ? muted : campaignName(a.campaign_id)}</td>
                  <td>
                    <div className="flex items-center justify-end gap-2">
                      <AgentRowActions agent={a} campaigns={campaigns} />
                      <span aria-hidden="true" className="h-5 w-px bg-slate-200 dark:bg-slate-700" />
                      <button
                        id={`edit-agent-button-${a.id}`}
                        type="button"
                        className="btn-secondary px-2.5 py-1 text-xs"
                        aria-expanded={editing}
                        aria-controls={`edit-agent-${a.id}`}
                        aria-label={`Edit ${a.name}`}
                        onClick={() => setEditingId(editing ? null : a.id)}
                      >
                        {editing ? "Close" : "Edit"}
                      </button>
                      <button
                        type="button"
                        className="btn-secondary px-2.5 py-1 text-xs text-red-700 dark:text-red-400"
                        aria-label={`Delete ${a.name}`}
                        disabled={loggedIn}
                        title={loggedIn ? "Log the agent out first" : undefined}
                        onClick={() => setDeleting(a)}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
                {editing && (
                  <tr id={`edit-agent-${a.id}`} className="bg-brand-50/60 dark:bg-slate-800/60">
                    <td colSpan={COLUMNS} className="whitespace-normal! px-4! pt-1! pb-4!">
                      <AgentForm agent={a} agents={agents} canPickUser={canPickUser} onCancel={() => closeEditor(a.id)} onSaved={() => closeEditor(a.id)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <MutationConfirmDialog
        item={deleting}
        mutation={deleteAgent}
        variablesFor={(a) => a.id}
        title={(a) => `Delete agent ${a.name}?`}
        confirmLabel="Delete agent"
        pendingLabel="Deleting…"
        successMessage={(a) => `Agent ${a.name} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={tableRef}
      >
        {(a) => (
          <p>
            Its phone <span className="font-mono">{a.extension}</span> is no longer called
            {a.user_id !== null ? ", and its user loses the agent console" : ""}. Call records keep their history.
          </p>
        )}
      </MutationConfirmDialog>
    </div>
  );
}

function UserName({ id }: { id: number }) {
  const users = useUsers();
  const user = users.data?.find((u) => u.id === id);
  return <span>{user ? user.username : `User #${id}`}</span>;
}
