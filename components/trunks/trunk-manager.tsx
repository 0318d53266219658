"use client";

import { useMemo, useRef, useState } from "react";
import { useDeleteTrunk, useProbeTrunk, useProviderHealth, useTrunks, useUpdateTrunk } from "@/hooks/use-trunks";
import { useRowEditor, type RowEditor } from "@/hooks/use-row-editor";
import { useTableState } from "@/hooks/use-table-state";
import type { ProviderHealth, Trunk } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, DANGER_ACTION_BUTTON, type Column } from "@/components/ui/resource-table";
import { Badge } from "@/components/ui/status-badge";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { DeleteRowDialog } from "@/components/ui/table-row-actions";
import { useToast } from "@/components/ui/toaster";
import { TrunkForm } from "./trunk-form";

/** How full a cap is, as "3 / 10" or "3" when there is none. */
function Load({ value, cap, unit }: { value: number; cap: number | null; unit: string }) {
  const full = cap !== null && value >= cap;
  return (
    <span className={full ? "font-semibold text-amber-700 dark:text-amber-400" : undefined}>
      {value}
      {cap !== null ? <span className="text-slate-500 dark:text-slate-400"> / {cap}</span> : <span className="sr-only"> {unit}, no limit</span>}
    </span>
  );
}

const BASE_COLUMNS: Column<Trunk>[] = [
  {
    header: "Name",
    cell: (t) => (
      <>
        <div className="flex items-center gap-2">
          <span className="font-medium">{t.name}</span>
          {!t.enabled && <Badge tone="slate">Disabled</Badge>}
        </div>
        {t.description && <p className="max-w-64 truncate text-xs text-slate-500 dark:text-slate-400">{t.description}</p>}
      </>
    ),
  },
  {
    header: "Dials",
    className: "font-mono text-[13px]",
    cell: (t) => (
      <>
        <span className="sr-only">{t.type}: </span>
        {t.type === "custom" ? t.value : `${t.type} ${t.value}`}
        {(t.remove_prefix || t.add_prefix) && <span className="block text-xs text-slate-600 dark:text-slate-300">{describeRewrite(t)}</span>}
      </>
    ),
  },
  { header: "Live channels", cell: (t) => <Load value={t.live_channels} cap={t.max_channels} unit="channels" /> },
  { header: "CPS", cell: (t) => <Load value={t.cps} cap={t.max_cps} unit="calls per second" /> },
  { header: "Weight", cell: (t) => t.weight },
  { header: "Campaigns", cell: (t) => t.campaigns },
];
/** A trunk's number rewriting in words, e.g. `strip 1, prefix 0044`. */
function describeRewrite(t: Trunk): string {
  return [t.remove_prefix && `strip ${t.remove_prefix}`, t.add_prefix && `prefix ${t.add_prefix}`].filter(Boolean).join(", ");
}

/** What the health column shows while the health is asked for, or when it could not be had. */
type HealthState = { byId: Map<number, ProviderHealth> | null; loading: boolean; failed: boolean };

const pct = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** Causes as "486 ×12, 480 ×3", the most frequent first. */
function causeList(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([code, n]) => `${code} ×${n}`).join(", ") : "none";
}

/**
 * A trunk's place in the rotation (badge), its 5-minute ASR, ACD and post-dial delay, and a
 * disclosure with both windows' cause counts and the last probe.
 */
function HealthCell({ trunk, state }: { trunk: Trunk; state: HealthState }) {
  const h = state.byId?.get(trunk.id);
  if (!h) {
    if (state.loading) return <span className="text-slate-500 dark:text-slate-400">Loading…</span>;
    return <span className="text-slate-500 dark:text-slate-400">{state.failed ? "Health unavailable" : "No figures yet"}</span>;
  }
  const w = h.windows["5m"];
  return (
    <div className="space-y-1" data-testid={`health-${trunk.id}`}>
      {h.in_rotation ? <Badge tone="green">In rotation</Badge> : <Badge tone="red">Out of rotation</Badge>}
      <p className="text-xs whitespace-nowrap tabular-nums">
        {w.attempts === 0 ? (
          <span className="text-slate-500 dark:text-slate-400">No calls in 5 min</span>
        ) : (
          <>
            ASR {pct(w.asr)} · ACD {w.acd_sec} s · PDD {w.pdd_ms === null ? "–" : `${(w.pdd_ms / 1000).toFixed(1)} s`}
            <span className="sr-only"> over {w.attempts} calls in the last 5 minutes</span>
          </>
        )}
      </p>
      <details className="text-xs">
        <summary className="cursor-pointer text-sky-800 underline dark:text-sky-300">
          Details<span className="sr-only"> of trunk {trunk.name}&apos;s health</span>
        </summary>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
          {!h.in_rotation && h.rotation_reason && (
            <>
              <dt className="font-medium">Out because</dt>
              <dd>{h.rotation_reason}</dd>
            </>
          )}
          {(["5m", "1h"] as const).map((k) => (
            <div key={k} className="contents">
              <dt className="font-medium">{k === "5m" ? "5 min" : "1 hour"}</dt>
              <dd>
                {h.windows[k].attempts} calls, ASR {pct(h.windows[k].asr)}; SIP {causeList(h.windows[k].sip)}; Q.850 {causeList(h.windows[k].q850)}
              </dd>
            </div>
          ))}
          <dt className="font-medium">Failures in a row</dt>
          <dd>
            {h.consecutive_failures}
            {h.max_consecutive_failures !== null ? ` (limit ${h.max_consecutive_failures})` : ""}
          </dd>
          <dt className="font-medium">Last probe</dt>
          <dd>{h.last_probe ? `${h.last_probe.ok ? "got through" : "failed"} at ${h.last_probe.at}${h.last_probe.detail ? ` (${h.last_probe.detail})` : ""}` : "never"}</dd>
        </dl>
      </details>
    </div>
  );
}

function trunksTable(health: HealthState): TablePanelSpec<Trunk> {
  const columns = [...BASE_COLUMNS];
  columns.splice(2, 0, { header: "Health (5 min)", cell: (t) => <HealthCell trunk={t} state={health} /> });
  return {
    title: "Trunks",
    caption: "Trunks with their health, live channels and calls per second",
    noun: "trunks",
    search: "Name or endpoint",
    columns,
    skeletonRows: 4,
  };
}

export function TrunkManager({ canEdit }: { canEdit: boolean }) {
  const table = useTableState();
  const query = useTrunks({ search: table.search, page: table.page, perPage: table.perPage }, { live: true });
  const health = useProviderHealth();
  const spec = useMemo(
    () => trunksTable({ byId: health.data ? new Map(health.data.map((h) => [h.id, h])) : null, loading: health.isPending, failed: health.isError }),
    [health.data, health.isPending, health.isError],
  );
  const editor = useRowEditor("edit-trunk");
  const [deleting, setDeleting] = useState<Trunk | null>(null);
  const deleteTrunk = useDeleteTrunk();
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <div className="space-y-5">
      <TablePageHeader title="Trunks">
        The carriers and gateways campaigns call out through. A campaign with trunks splits its calls between them by weight; a call a trunk
        refuses as congested or unavailable goes out again on the next one. Channel and CPS caps hold across every campaign and every Pacer
        process. A trunk whose ASR falls under its threshold, or that fails too many calls in a row, is taken out of rotation and probed until
        a call gets through. Live figures refresh every few seconds.
      </TablePageHeader>

      <TablePanel
        spec={spec}
        headingRef={headingRef}
        query={query}
        table={table}
        empty={
          table.search ? (
            <EmptyState compact title="No trunks match this search" description="Shorten the search, or clear it to see every trunk." />
          ) : (
            <EmptyState
              compact
              title="No trunks yet"
              description={
                canEdit
                  ? "Add your carrier below. Until a campaign has trunks it dials through its own trunk type and value."
                  : "An administrator adds trunks. Until a campaign has trunks it dials through its own trunk type and value."
              }
            />
          )
        }
        muted={(t) => !t.enabled}
        expanded={(t) =>
          editor.panel(t.id, () => (
            <TrunkForm
              trunk={t}
              onDone={(saved) => {
                toast("success", `Trunk ${saved.name} saved.`);
                editor.close(t.id);
              }}
              onCancel={() => editor.close(t.id)}
            />
          ))
        }
        rowActions={canEdit ? (t) => <TrunkActions trunk={t} editor={editor} onDelete={() => setDeleting(t)} /> : undefined}
      />

      {canEdit && (
        <Panel title="Add a trunk">
          <div className="p-4">
            <TrunkForm
              onDone={(saved) => {
                toast("success", `Trunk ${saved.name} added.`);
                headingRef.current?.focus();
              }}
            />
          </div>
        </Panel>
      )}

      <DeleteRowDialog row={deleting} what={(t) => `trunk ${t.name}`} confirmLabel="Delete trunk" mutation={deleteTrunk} onClose={() => setDeleting(null)} fallbackFocus={headingRef}>
        {(t) => (
          <>
            <p>
              {t.campaigns > 0
                ? `It is removed from the ${t.campaigns === 1 ? "campaign" : `${t.campaigns} campaigns`} that use it; a campaign left with no trunks dials through its own trunk type and value.`
                : "No campaign uses it."}
            </p>
            <p>A trunk a running or paused campaign uses cannot be deleted: disable it instead, and the dialer sends it no new calls.</p>
          </>
        )}
      </DeleteRowDialog>
    </div>
  );
}

function TrunkActions({ trunk: t, editor, onDelete }: { trunk: Trunk; editor: RowEditor; onDelete: () => void }) {
  const toggle = useUpdateTrunk();
  const probe = useProbeTrunk();
  const toast = useToast();

  function runProbe() {
    if (probe.isPending) return;
    probe.mutate(t.id, {
      onSuccess: (r) =>
        r.pending
          ? toast("success", `Probe of ${t.name} asked for; no dialer has answered yet.`)
          : toast(r.ok ? "success" : "error", `Probe of ${t.name} ${r.ok ? "got through" : "failed"}${r.detail ? ` (${r.detail})` : ""}; ${r.in_rotation ? "in rotation" : "out of rotation"}.`),
      onError: (err) => toast("error", errorMessage(err)),
    });
  }

  function switchEnabled() {
    if (toggle.isPending) return;
    toggle.mutate(
      { id: t.id, changes: { enabled: !t.enabled } },
      {
        onSuccess: (saved) => toast("success", `Trunk ${saved.name} ${saved.enabled ? "enabled" : "disabled"}.`),
        onError: (err) => toast("error", errorMessage(err)),
      },
    );
  }

  // Unlike EditRowButton, the button's name follows its text (Close while open), as it always has here.
  const editing = editor.isEditing(t.id);
  return (
    <>
      <button type="button" id={editor.buttonId(t.id)} className={ACTION_BUTTON} aria-expanded={editing} onClick={() => editor.toggle(t.id)}>
        {editing ? "Close" : "Edit"}
        <span className="sr-only"> trunk {t.name}</span>
      </button>
      {t.probe_number && t.enabled && (
        <button type="button" className={ACTION_BUTTON} aria-disabled={probe.isPending} onClick={runProbe}>
          {probe.isPending ? "Probing…" : "Probe"}
          <span className="sr-only"> trunk {t.name}</span>
        </button>
      )}
      <button type="button" className={ACTION_BUTTON} aria-disabled={toggle.isPending} onClick={switchEnabled}>
        {t.enabled ? "Disable" : "Enable"}
        <span className="sr-only"> trunk {t.name}</span>
      </button>
      <button type="button" className={DANGER_ACTION_BUTTON} onClick={onDelete}>
        Delete<span className="sr-only"> trunk {t.name}</span>
      </button>
    </>
  );
}
