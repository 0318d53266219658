"use client";

import { useState } from "react";
import { useDeletePbxServer, useTestPbxServer, useUpdatePbxServer } from "@/hooks/use-pbx";
import { useRowEditor, type RowEditor } from "@/hooks/use-row-editor";
import type { PbxServer, PbxTestResult } from "@/lib/api-types";
import { formatMilliseconds } from "@/lib/format";
import { errorMessage } from "@/lib/form-errors";
import { PBX_KIND_LABELS, pbxAddress } from "@/lib/pbx-validation";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, EditRowButton, EMPTY_CELL, ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { DeleteRowButton, DeleteRowDialog } from "@/components/ui/table-row-actions";
import { useToast } from "@/components/ui/toaster";
import { ConnectionTestResult } from "./connection-test-result";
import { EditPbxServerForm } from "./edit-pbx-server-form";
import { PbxHealthBadge } from "./pbx-health-badge";

/** No health at all means Pacer keeps no connection to this server (e.g. its password cannot be read). */
function connectionProblem(server: PbxServer): string | null {
  const { health } = server;
  if (server.enabled !== 1 || health?.connected) return null;
  return health ? health.last_error : "Pacer is not connecting to this server. Test the connection to see why.";
}

const COLUMNS: Column<PbxServer>[] = [
  {
    header: "Status",
    className: "align-top",
    cell: (s) => {
      const problem = connectionProblem(s);
      return (
        <>
          <PbxHealthBadge enabled={s.enabled === 1} health={s.health} />
          {problem && <p className="mt-1 max-w-xs text-xs break-words whitespace-normal text-red-700 dark:text-red-400">{problem}</p>}
        </>
      );
    },
  },
  { header: "Name", className: "align-top font-medium", sortValue: (s) => s.name.toLowerCase(), cell: (s) => s.name },
  { header: "Kind", className: "align-top", sortValue: (s) => s.kind, cell: (s) => PBX_KIND_LABELS[s.kind] },
  { header: "Address", className: "align-top font-mono text-xs", cell: (s) => pbxAddress(s) },
  { header: "Agent dial template", className: "align-top font-mono text-xs", cell: (s) => s.agent_dial_template ?? EMPTY_CELL },
  {
    header: "Round trip",
    className: "align-top tabular-nums",
    cell: (s) => (s.enabled === 1 && s.health?.connected && s.health.rtt_ms !== null ? formatMilliseconds(s.health.rtt_ms) : EMPTY_CELL),
  },
];
const PBX_TABLE: TableSpec<PbxServer> = { caption: "PBX servers", noun: "PBX servers", columns: COLUMNS };

export function PbxServerTable({ servers, headingRef }: { servers: PbxServer[]; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const editor = useRowEditor("edit-pbx");
  const [deleting, setDeleting] = useState<PbxServer | null>(null);
  const deleteServer = useDeletePbxServer();

  return (
    <Panel title="Servers" headingRef={headingRef}>
      <ResourceTable
        spec={PBX_TABLE}
        rows={servers}
        empty={<EmptyState compact title="No PBX servers configured" description="Add your Asterisk or FreeSWITCH server below. Pacer connects to it as soon as it is saved." />}
        muted={(s) => !s.enabled}
        expanded={(s) => editor.panel(s.id, () => <EditPbxServerForm server={s} onDone={() => editor.close(s.id)} />)}
        rowActions={(s) => <PbxServerActions server={s} editor={editor} onDelete={() => setDeleting(s)} />}
      />
      <DeleteRowDialog row={deleting} what={(s) => `PBX server ${s.name}`} confirmLabel="Delete server" mutation={deleteServer} onClose={() => setDeleting(null)} fallbackFocus={headingRef}>
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
      </DeleteRowDialog>
    </Panel>
  );
}

function PbxServerActions({ server, editor, onDelete }: { server: PbxServer; editor: RowEditor; onDelete: () => void }) {
  const test = useTestPbxServer();
  const toggle = useUpdatePbxServer();
  const toast = useToast();
  const [tested, setTested] = useState<{ settingsOf: string | null; result: PbxTestResult | null; error: string | null } | null>(null);
  // A result speaks for the settings it was run with: once the server is saved again it is stale.
  const testOutcome = tested?.settingsOf === server.updated_at ? tested : null;
  const enabled = server.enabled === 1;

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
    <>
      <button type="button" className={ACTION_BUTTON} aria-label={`Test connection to ${server.name}`} aria-disabled={test.isPending} onClick={runTest}>
        {test.isPending ? "Testing…" : "Test connection"}
      </button>
      <EditRowButton editor={editor} rowId={server.id} label={`Edit ${server.name}`} />
      <button type="button" className={ACTION_BUTTON} aria-label={`${enabled ? "Disable" : "Enable"} ${server.name}`} aria-disabled={toggle.isPending} onClick={switchEnabled}>
        {enabled ? "Disable" : "Enable"}
      </button>
      <DeleteRowButton label={`Delete ${server.name}`} onClick={onDelete} />
      <ConnectionTestResult
        pending={test.isPending}
        result={testOutcome?.result ?? null}
        error={testOutcome?.error ?? null}
        className="mt-1 ml-auto max-w-xs basis-full text-right text-xs whitespace-normal"
      />
    </>
  );
}
