"use client";

import { Fragment, useRef, useState } from "react";
import { useDeletePbxServer, useTestPbxServer, useUpdatePbxServer } from "@/hooks/use-pbx";
import type { PbxServer, PbxTestResult } from "@/lib/api-types";
import { formatMilliseconds } from "@/lib/format";
import { errorMessage } from "@/lib/form-errors";
import { PBX_KIND_LABELS, pbxAddress } from "@/lib/pbx-validation";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { ConnectionTestResult } from "./connection-test-result";
import { EditPbxServerForm } from "./edit-pbx-server-form";
import { PbxHealthBadge } from "./pbx-health-badge";

const COLUMNS = 7;
const ACTION_BUTTON = "btn-secondary px-2.5 py-1 text-xs aria-disabled:opacity-50";

export function PbxServerTable({ servers, headingRef }: { servers: PbxServer[]; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<PbxServer | null>(null);
  const deleteServer = useDeletePbxServer();

  function closeEditor(serverId: number) {
    setEditingId(null);
    document.getElementById(`edit-pbx-button-${serverId}`)?.focus();
  }

  return (
    <section aria-labelledby="pbx-servers-heading" className="card">
      <div className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <h2 ref={headingRef} tabIndex={-1} id="pbx-servers-heading" className="font-semibold focus:outline-none">
          Servers
        </h2>
      </div>
      {servers.length === 0 ? (
        <div className="p-4">
          <EmptyState
            compact
            title="No PBX servers configured"
            description="Add your Asterisk or FreeSWITCH server below. Pacer connects to it as soon as it is saved."
          />
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="data-table">
            <caption className="sr-only">PBX servers</caption>
            <thead className="bg-slate-50 dark:bg-slate-900/60">
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Address</th>
                <th scope="col">Agent dial template</th>
                <th scope="col">Round trip</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {servers.map((s) => {
                const editing = editingId === s.id;
                return (
                  <Fragment key={s.id}>
                    <PbxServerRow server={s} editing={editing} onEdit={() => setEditingId(editing ? null : s.id)} onDelete={() => setDeleting(s)} />
                    {editing && (
                      <tr id={`edit-pbx-${s.id}`} className="bg-brand-50/60 dark:bg-slate-800/60">
                        <td colSpan={COLUMNS} className="whitespace-normal! px-4! pt-1! pb-4!">
                          <EditPbxServerForm server={s} onDone={() => closeEditor(s.id)} />
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
        mutation={deleteServer}
        variablesFor={(server) => server.id}
        title={(server) => `Delete PBX server ${server.name}?`}
        confirmLabel="Delete server"
        pendingLabel="Deleting…"
        successMessage={(server) => `PBX server ${server.name} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={headingRef}
      >
        {(server) => {
          // Deleting it leaves no enabled server, so the built-in simulator (when allowed) takes over again.
          const lastEnabled = server.enabled === 1 && servers.every((s) => s.id === server.id || !s.enabled);
          return (
            <>
              <p>
                {server.enabled ? `Pacer disconnects from ${pbxAddress(server)} at once and places no more calls through it.` : "It is disabled, so Pacer is not using it."}{" "}
                Its settings and stored password are deleted.
              </p>
              {server.enabled === 1 && <p>To stop using it only for a while, disable it instead.</p>}
              {lastEnabled && <p>It is the last enabled server: without one, Pacer goes back to the built-in simulator, or has no telephony at all if the simulator is switched off.</p>}
            </>
          );
        }}
      </MutationConfirmDialog>
    </section>
  );
}

function PbxServerRow({ server, editing, onEdit, onDelete }: { server: PbxServer; editing: boolean; onEdit: () => void; onDelete: () => void }) {
  const test = useTestPbxServer();
  const toggle = useUpdatePbxServer();
  const toast = useToast();
  const [tested, setTested] = useState<{ settingsOf: string | null; result: PbxTestResult | null; error: string | null } | null>(null);
  // A result speaks for the settings it was run with: once the server is saved again it is stale.
  const testOutcome = tested?.settingsOf === server.updated_at ? tested : null;
  const enabled = server.enabled === 1;
  const { health } = server;
  // No health at all means Pacer keeps no connection to this server (e.g. its password cannot be read).
  const problem = !enabled || health?.connected ? null : health ? health.last_error : "Pacer is not connecting to this server. Test the connection to see why.";

  // Busy buttons stay focusable (aria-disabled, not disabled) so keyboard focus is not dropped mid-request.
  function runTest() {
    if (test.isPending) return;
    const settingsOf = server.updated_at;
    setTested(null);
    test.mutate(server.id, {
      onSuccess: (result) => setTested({ settingsOf, result, error: null }),
      onError: (err) => setTested({ settingsOf, result: null, error: errorMessage(err) }),
    });
  }

  function switchEnabled() {
    if (toggle.isPending) return;
    toggle.mutate(
      { id: server.id, changes: { enabled: enabled ? 0 : 1 } },
      {
        onSuccess: (saved) => toast("success", `PBX server ${saved.name} ${saved.enabled ? "enabled" : "disabled"}.`),
        onError: (err) => toast("error", errorMessage(err)),
      },
    );
  }

  return (
    <tr className={editing ? "bg-brand-50/60 dark:bg-slate-800/60" : enabled ? "hover:bg-slate-50 dark:hover:bg-slate-800/40" : "text-slate-500 dark:text-slate-400"}>
      <td className="align-top">
        <PbxHealthBadge enabled={enabled} health={health} />
        {problem && <p className="mt-1 max-w-xs text-xs whitespace-normal break-words text-red-700 dark:text-red-400">{problem}</p>}
      </td>
      <td className="align-top font-medium">{server.name}</td>
      <td className="align-top">{PBX_KIND_LABELS[server.kind]}</td>
      <td className="align-top font-mono text-xs">{pbxAddress(server)}</td>
      <td className="align-top font-mono text-xs">{server.agent_dial_template ?? <span className="text-slate-400 dark:text-slate-500">—</span>}</td>
      <td className="align-top tabular-nums">
        {enabled && health?.connected && health.rtt_ms !== null ? formatMilliseconds(health.rtt_ms) : <span className="text-slate-400 dark:text-slate-500">—</span>}
      </td>
      <td className="align-top">
        <div className="flex justify-end gap-2">
          <button type="button" className={ACTION_BUTTON} aria-label={`Test connection to ${server.name}`} aria-disabled={test.isPending} onClick={runTest}>
            {test.isPending ? "Testing…" : "Test connection"}
          </button>
          <button
            id={`edit-pbx-button-${server.id}`}
            type="button"
            className={ACTION_BUTTON}
            aria-expanded={editing}
            aria-controls={`edit-pbx-${server.id}`}
            aria-label={`Edit ${server.name}`}
            onClick={onEdit}
          >
            {editing ? "Close" : "Edit"}
          </button>
          <button
            type="button"
            className={ACTION_BUTTON}
            aria-label={`${enabled ? "Disable" : "Enable"} ${server.name}`}
            aria-disabled={toggle.isPending}
            onClick={switchEnabled}
          >
            {enabled ? "Disable" : "Enable"}
          </button>
          <button type="button" className={`${ACTION_BUTTON} text-red-700 dark:text-red-400`} aria-label={`Delete ${server.name}`} onClick={onDelete}>
            Delete
          </button>
        </div>
        <ConnectionTestResult
          pending={test.isPending}
          result={testOutcome?.result ?? null}
          error={testOutcome?.error ?? null}
          className="mt-1 ml-auto max-w-xs text-right text-xs whitespace-normal"
        />
      </td>
    </tr>
  );
}
