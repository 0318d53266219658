"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { useCampaignTrunks, useSetCampaignTrunks, useTrunks, type CampaignTrunkInput } from "@/hooks/use-trunks";
import type { CampaignTrunk } from "@/lib/api-types";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { EmptyState } from "@/components/ui/empty-state";
import { CellInput, SelectField } from "@/components/ui/form-field";
import { ErrorState, Notice } from "@/components/ui/notice";
import { ACTION_BUTTON, ResourceTable } from "@/components/ui/resource-table";
import { CardSection } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { Badge } from "@/components/ui/status-badge";
import { useToast } from "@/components/ui/toaster";

type Row = { trunk_id: number; name: string; enabled: boolean; trunkWeight: number; weight: string; priority: string };


const toRow = (t: CampaignTrunk): Row => ({ trunk_id: t.trunk_id, name: t.name, enabled: t.enabled, trunkWeight: t.effective_weight, weight: t.weight === null ? "" : String(t.weight), priority: String(t.priority) });

/**
 * The trunks a campaign dials through, with their weight and priority. Saved on its own (not
 * with the campaign form): it may change while the campaign runs.
 */
export function CampaignTrunks({ campaignId }: { campaignId: number }) {
  const assigned = useCampaignTrunks(campaignId);
  const all = useTrunks({ page: 1, perPage: 100 });
  const save = useSetCampaignTrunks(campaignId);
  const toast = useToast();
  const pickId = useId();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [pick, setPick] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (assigned.data && rows === null) setRows(assigned.data.trunks.map(toRow));
  }, [assigned.data, rows]);

  if (assigned.error) return <ErrorState title="Could not load the campaign's trunks" error={assigned.error} onRetry={() => assigned.refetch()} />;
  if (!rows) return <Skeleton className="h-32 w-full" />;

  const available = (all.data?.rows ?? []).filter((t) => !rows.some((r) => r.trunk_id === t.id));
  const change = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function add() {
    const t = all.data?.rows.find((x) => String(x.id) === pick);
    if (!t) return;
    setRows([...rows!, { trunk_id: t.id, name: t.name, enabled: t.enabled, trunkWeight: t.weight, weight: "", priority: "0" }]);
    setPick("");
    // The new row's weight is the natural next thing to set.
    setTimeout(() => document.getElementById(`ct-weight-${t.id}`)?.focus(), 0);
  }

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    const local: FieldErrors = {};
    rows!.forEach((r, i) => {
      if (r.weight.trim() && !(/^\d+$/.test(r.weight.trim()) && Number(r.weight) >= 1 && Number(r.weight) <= 1000)) local[`trunks.${i}.weight`] = ["Weight must be 1 to 1000, or empty for the trunk's own."];
      if (!(/^\d+$/.test(r.priority.trim()) && Number(r.priority) <= 100)) local[`trunks.${i}.priority`] = ["Priority must be 0 to 100."];
    });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    const body: CampaignTrunkInput[] = rows!.map((r) => ({ trunk_id: r.trunk_id, weight: r.weight.trim() ? Number(r.weight) : null, priority: Number(r.priority) }));
    save.mutate(body, {
      onSuccess: (saved) => {
        setRows(saved.trunks.map(toRow));
        toast("success", saved.trunks.length ? `The campaign dials through ${saved.trunks.length} trunk${saved.trunks.length === 1 ? "" : "s"}.` : "The campaign dials through its own trunk type and value.");
      },
      onError: (err) => {
        const { fieldErrors, formError } = apiFormErrors(err, {}, (k) => k);
        setErrors(fieldErrors);
        setFormError(formError);
      },
    });
  }

  return (
    <CardSection
      title="Trunks"
      description="Calls go to the lowest priority with room, split by weight; higher priorities take the overflow and the calls a trunk refuses. With no trunks the campaign dials through its own trunk type and value. This may change while the campaign runs."
    >
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <ResourceTable
          spec={{
            caption: "The campaign's trunks",
            noun: "trunks",
            columns: [
            { header: "Trunk", cell: (r) => <>{r.name} {!r.enabled && <Badge tone="slate">Disabled</Badge>}</> },
            {
              header: "Weight",
              cell: (r) => (
                <CellInput
                  id={`ct-weight-${r.trunk_id}`}
                  label={`Weight of ${r.name}`}
                  error={errors[`trunks.${rows.indexOf(r)}.weight`]}
                  inputClassName="w-24"
                  inputMode="numeric"
                  placeholder={String(r.trunkWeight)}
                  value={r.weight}
                  onChange={(e) => change(rows.indexOf(r), { weight: e.target.value })}
                />
              ),
            },
            {
              header: "Priority",
              cell: (r) => {
                const i = rows.indexOf(r);
                return (
                  <CellInput
                    id={`ct-priority-${r.trunk_id}`}
                    label={`Priority of ${r.name}`}
                    error={errors[`trunks.${i}.priority`] ?? errors[`trunks.${i}.trunk_id`]}
                    inputClassName="w-20"
                    inputMode="numeric"
                    value={r.priority}
                    onChange={(e) => change(i, { priority: e.target.value })}
                  />
                );
              },
            },
            ],
          }}
          rows={rows}
          rowKey={(r) => r.trunk_id}
          empty={<EmptyState compact title="No trunks assigned" description="The campaign dials through its own trunk type and value above. Add a trunk to route its calls by weight." />}
          rowActions={(r) => (
            <button type="button" className={ACTION_BUTTON} onClick={() => setRows(rows.filter((x) => x !== r))}>
              Remove<span className="sr-only"> {r.name}</span>
            </button>
          )}
        />
        <div className="flex flex-wrap items-end gap-2">
          <SelectField
            id={pickId}
            label="Add a trunk"
            inputClassName="w-64"
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          >
            <option value="">{available.length ? "Choose a trunk…" : all.data?.rows.length ? "Every trunk is assigned" : "No trunks defined yet"}</option>
            {available.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.enabled ? "" : " (disabled)"}
              </option>
            ))}
          </SelectField>
          <button type="button" className="btn-secondary" disabled={!pick} onClick={add}>
            Add
          </button>
          {all.data?.rows.length === 0 && (
            <Link href="/trunks" className="text-sm font-medium text-brand-600 underline dark:text-brand-300">
              Manage trunks
            </Link>
          )}
        </div>
        {formError && <Notice tone="error">{formError}</Notice>}
        <button type="submit" className="btn-primary" aria-disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save trunks"}
        </button>
      </form>
    </CardSection>
  );
}
