"use client";

import { useMemo, useRef, useState } from "react";
import { useDeleteAgent } from "@/hooks/use-agents";
import { useRowEditor } from "@/hooks/use-row-editor";
import { useUsers } from "@/hooks/use-users";
import type { Agent, Campaign, MonitorSession } from "@/lib/api-types";
import { isLoggedIn, pendingRequest } from "@/lib/agent-states";
import { pauseReasonLabel } from "@/lib/pause-reasons";
import { DemoBadge } from "@/components/ui/demo-badge";
import { EditRowButton, EMPTY_CELL, ResourceTable, type Column } from "@/components/ui/resource-table";
import { DeleteRowButton, DeleteRowDialog } from "@/components/ui/table-row-actions";
import { AgentForm } from "./agent-form";
import { AgentRowActions } from "./agent-row-actions";
import { AgentStateBadge, TimeInState } from "./agent-state-badge";
import { MonitorButtons } from "./monitor-controls";


function columns(campaigns: Campaign[] | undefined, canPickUser: boolean): Column<Agent>[] {
  const campaignName = (id: number) => campaigns?.find((c) => c.id === id)?.name ?? `Campaign #${id}`;
  return [
    { header: "Name", rowHeader: true, sortValue: (a) => a.name.toLowerCase(), cell: (a) => (a.demo ? <span className="flex items-center gap-2">{a.name} <DemoBadge /></span> : a.name) },
    { header: "Phone", className: "font-mono text-[13px]", sortValue: (a) => a.extension, cell: (a) => a.extension },
    { header: "User", cell: (a) => (a.user_id === null ? EMPTY_CELL : canPickUser ? <UserName id={a.user_id} /> : `User #${a.user_id}`) },
    {
      header: "State",
      sortValue: (a) => a.state,
      cell: (a) => {
        const pending = pendingRequest(a);
        return (
          <div className="flex flex-col items-start gap-0.5">
            <AgentStateBadge state={a.state} />
            {a.state === "on_break" && <span className="text-xs font-medium text-orange-800 dark:text-orange-300">{pauseReasonLabel(a.break_reason) ?? "Break"}</span>}
            {pending && <span className="text-xs text-slate-500 dark:text-slate-400">{pending}</span>}
          </div>
        );
      },
    },
    { header: "In state", cell: (a) => <TimeInState agent={a} /> },
    { header: "Campaign", cell: (a) => (a.campaign_id === null ? EMPTY_CELL : campaignName(a.campaign_id)) },
  ];
}

export function AgentsTable({
  agents,
  campaigns,
  canPickUser,
  monitor,
}: {
  agents: Agent[];
  campaigns: Campaign[] | undefined;
  canPickUser: boolean;
  /** The supervisor's phone and the live sessions, for the Listen / Whisper / Barge buttons. */
  monitor: { phone: string; sessions: MonitorSession[] | undefined };
}) {
  const editor = useRowEditor("edit-agent");
  const [deleting, setDeleting] = useState<Agent | null>(null);
  const deleteAgent = useDeleteAgent();
  const tableRef = useRef<HTMLDivElement>(null);
  const agentsTable = useMemo(() => ({ caption: "Agents, with their live state", noun: "agents", columns: columns(campaigns, canPickUser) }), [campaigns, canPickUser]);

  return (
    <div ref={tableRef} tabIndex={-1} className="focus:outline-none">
      <ResourceTable
        spec={agentsTable}
        rows={agents}
        empty={null}
        expanded={(a) => editor.panel(a.id, () => <AgentForm agent={a} agents={agents} canPickUser={canPickUser} onCancel={() => editor.close(a.id)} onSaved={() => editor.close(a.id)} />)}
        rowActions={(a) => (
          <>
            <MonitorButtons agent={a} phone={monitor.phone} sessions={monitor.sessions} />
            <AgentRowActions agent={a} campaigns={campaigns} />
            <span aria-hidden="true" className="h-5 w-px bg-slate-200 dark:bg-slate-700" />
            <EditRowButton editor={editor} rowId={a.id} label={`Edit ${a.name}`} />
            <DeleteRowButton label={`Delete ${a.name}`} blockedBy={isLoggedIn(a) ? "Log the agent out first" : undefined} onClick={() => setDeleting(a)} />
          </>
        )}
      />
      <DeleteRowDialog row={deleting} what={(a) => `agent ${a.name}`} confirmLabel="Delete agent" mutation={deleteAgent} onClose={() => setDeleting(null)} fallbackFocus={tableRef}>
        {(a) => (
          <p>
            Its phone <span className="font-mono">{a.extension}</span> is no longer called
            {a.user_id !== null ? ", and its user loses the agent console" : ""}. Call records keep their history.
          </p>
        )}
      </DeleteRowDialog>
    </div>
  );
}

function UserName({ id }: { id: number }) {
  const users = useUsers();
  const user = users.data?.find((u) => u.id === id);
  return <span>{user ? user.username : `User #${id}`}</span>;
}
