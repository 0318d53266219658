"use client";

import { useRef } from "react";
import { useCreateTrunk, useUpdateTrunk, type TrunkInput } from "@/hooks/use-trunks";
import { TRUNK_TYPES, type Trunk, type TrunkType } from "@/lib/api-types";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import type { FieldErrors } from "@/lib/form-errors";
import { SelectField, TextField } from "@/components/ui/form-field";
import { FormOptions } from "@/components/ui/form-options";
import { Notice } from "@/components/ui/notice";

const LABELS = {
  name: "Name",
  type: "Type",
  value: "Endpoint",
  max_channels: "Max channels",
  max_cps: "Max CPS",
  remove_prefix: "Remove prefix",
  add_prefix: "Add prefix",
  weight: "Weight",
  enabled: "Enabled",
  description: "Description",
  min_asr_pct: "Min ASR %",
  max_consecutive_failures: "Max failures in a row",
  min_samples: "Min calls for ASR",
  probe_number: "Probe number",
  probe_interval_sec: "Probe every (s)",
};

const TYPE_LABELS: Record<TrunkType, string> = {
  pjsip: "PJSIP endpoint (Asterisk)",
  sip: "chan_sip peer (Asterisk)",
  gateway: "Sofia gateway (FreeSWITCH)",
  custom: "Custom dial string",
};

const VALUE_HINTS: Record<TrunkType, string> = {
  pjsip: "The PJSIP endpoint, e.g. carrier-out: calls go to PJSIP/{number}@carrier-out (sofia/gateway/carrier-out/{number} on FreeSWITCH).",
  sip: "The chan_sip peer, e.g. carrier-out: calls go to SIP/carrier-out/{number}.",
  gateway: "The sofia gateway, e.g. carrier-out: calls go to sofia/gateway/carrier-out/{number} (the PJSIP endpoint of that name on Asterisk).",
  custom: "A dial string with ${EXTEN} or {number} where the number goes, e.g. Local/${EXTEN}@from-trunk.",
};

/** The numeric limits, typed as text so that empty can mean no limit. */
const LIMIT_FIELDS: { field: "max_channels" | "max_cps" | "weight"; hint: string }[] = [
  { field: "max_channels", hint: "Calls up at once, across all campaigns. Empty: no limit." },
  { field: "max_cps", hint: "Calls started per second, across all campaigns. Empty: no limit." },
  { field: "weight", hint: "Its share of a campaign's calls; a campaign may set its own." },
];

/** Number rewriting before the dial string is built: the prefix to take off, then the one to put on. */
const PREFIX_FIELDS: { field: "remove_prefix" | "add_prefix"; hint: string }[] = [
  { field: "remove_prefix", hint: "Taken off numbers that start with it, e.g. 1 or +1. Empty: none." },
  { field: "add_prefix", hint: "Put in front of every number dialed (after the removal), e.g. 9 or 0044. Empty: none." },
];

/** When a failing trunk leaves the dialer's rotation, and how it is tested to come back. */
const ROTATION_FIELDS: { field: "min_asr_pct" | "max_consecutive_failures" | "min_samples" | "probe_number" | "probe_interval_sec"; hint: string }[] = [
  { field: "min_asr_pct", hint: "Out of rotation when its 5-minute ASR falls below this. Empty: no ASR rule." },
  { field: "max_consecutive_failures", hint: "Out of rotation after this many calls in a row the trunk fails. Empty: no such rule." },
  { field: "min_samples", hint: "Calls the ASR rule needs in its window before it judges." },
  { field: "probe_number", hint: "A test line probe calls dial through this trunk; needed with either rule." },
  { field: "probe_interval_sec", hint: "Seconds between probes while it is out of rotation (5 to 3600)." },
];

type Values = {
  name: string;
  type: TrunkType;
  value: string;
  max_channels: string;
  max_cps: string;
  remove_prefix: string;
  add_prefix: string;
  weight: string;
  enabled: boolean;
  description: string;
  min_asr_pct: string;
  max_consecutive_failures: string;
  min_samples: string;
  probe_number: string;
  probe_interval_sec: string;
};

const fromTrunk = (t?: Trunk): Values => ({
  name: t?.name ?? "",
  type: t?.type ?? "pjsip",
  value: t?.value ?? "",
  max_channels: t?.max_channels != null ? String(t.max_channels) : "",
  max_cps: t?.max_cps != null ? String(t.max_cps) : "",
  remove_prefix: t?.remove_prefix ?? "",
  add_prefix: t?.add_prefix ?? "",
  weight: String(t?.weight ?? 1),
  enabled: t?.enabled ?? true,
  description: t?.description ?? "",
  min_asr_pct: t?.min_asr_pct != null ? String(t.min_asr_pct) : "",
  max_consecutive_failures: t?.max_consecutive_failures != null ? String(t.max_consecutive_failures) : "",
  min_samples: String(t?.min_samples ?? 20),
  probe_number: t?.probe_number ?? "",
  probe_interval_sec: String(t?.probe_interval_sec ?? 60),
});

/** What the browser can tell before asking the server; the server checks everything again. */
function check(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = ["Name is required."];
  else if (!/^[A-Za-z0-9_.@:-]+$/.test(v.name.trim())) errors.name = ["Name may use letters, digits and _ . @ : - only."];
  if (!v.value.trim()) errors.value = [`${v.type === "custom" ? "Dial string" : "Endpoint"} is required.`];
  else if (v.type === "custom" && !/\$\{EXTEN\}|\{number\}/.test(v.value)) errors.value = ["A custom dial string must contain ${EXTEN} or {number} where the number goes."];
  const whole = (s: string, min: number, max: number) => /^\d+$/.test(s.trim()) && Number(s) >= min && Number(s) <= max;
  if (v.max_channels.trim() && !whole(v.max_channels, 1, 100_000)) errors.max_channels = ["Max channels must be a whole number from 1 to 100000, or empty for no limit."];
  if (v.max_cps.trim() && !whole(v.max_cps, 1, 10_000)) errors.max_cps = ["Max CPS must be a whole number from 1 to 10000, or empty for no limit."];
  for (const { field } of PREFIX_FIELDS) {
    if (!/^\+?[0-9]{0,20}$/.test(v[field].trim())) errors[field] = [`${LABELS[field]} must be digits (optionally after a leading +), at most 20.`];
  }
  if (!whole(v.weight, 1, 1000)) errors.weight = ["Weight must be a whole number from 1 to 1000."];
  if (v.min_asr_pct.trim() && !whole(v.min_asr_pct, 1, 100)) errors.min_asr_pct = ["Min ASR must be a whole number from 1 to 100, or empty for no ASR rule."];
  if (v.max_consecutive_failures.trim() && !whole(v.max_consecutive_failures, 1, 1000)) errors.max_consecutive_failures = ["Max failures in a row must be a whole number from 1 to 1000, or empty for no such rule."];
  if (!whole(v.min_samples, 1, 10_000)) errors.min_samples = ["Min calls must be a whole number from 1 to 10000."];
  if (v.probe_number.trim() && !/^\+?[0-9*#]{1,32}$/.test(v.probe_number.trim())) errors.probe_number = ["Probe number: digits (and * #, a leading +), at most 32."];
  else if (!v.probe_number.trim() && (v.min_asr_pct.trim() || v.max_consecutive_failures.trim())) errors.probe_number = ["A probe number is needed with either rule: probe calls dial it to bring the trunk back."];
  if (!whole(v.probe_interval_sec, 5, 3600)) errors.probe_interval_sec = ["Probe interval must be a whole number of seconds from 5 to 3600."];
  return errors;
}

const toInput = (v: Values): TrunkInput => ({
  name: v.name.trim(),
  type: v.type,
  value: v.value.trim(),
  max_channels: v.max_channels.trim() ? Number(v.max_channels) : null,
  max_cps: v.max_cps.trim() ? Number(v.max_cps) : null,
  remove_prefix: v.remove_prefix.trim(),
  add_prefix: v.add_prefix.trim(),
  weight: Number(v.weight),
  enabled: v.enabled,
  description: v.description.trim() || null,
  min_asr_pct: v.min_asr_pct.trim() ? Number(v.min_asr_pct) : null,
  max_consecutive_failures: v.max_consecutive_failures.trim() ? Number(v.max_consecutive_failures) : null,
  min_samples: Number(v.min_samples),
  probe_number: v.probe_number.trim() || null,
  probe_interval_sec: Number(v.probe_interval_sec),
});

/**
 * Create (no `trunk`) or edit a trunk. Enter submits from any field; the first field with an
 * error takes the focus, and each error sits under its field.
 */
export function TrunkForm({ trunk, onDone, onCancel }: { trunk?: Trunk; onDone: (saved: Trunk) => void; onCancel?: () => void }) {
  const create = useCreateTrunk();
  const update = useUpdateTrunk();
  const saving = create.isPending || update.isPending;
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = trunk ? `trunk-${trunk.id}` : "new-trunk";
  const fieldId = (k: keyof Values) => `${idPrefix}-${k}`;
  const { values, setValues, set, errors, formError, submit } = useCheckedForm({ initial: () => fromTrunk(trunk), labels: LABELS, fieldId: (k) => fieldId(k as keyof Values), check });

  function onSubmit(e: React.FormEvent) {
    submit(e, saving, (v, onError) => {
      const input = toInput(v);
      if (trunk) update.mutate({ id: trunk.id, changes: input }, { onSuccess: onDone, onError });
      else
        create.mutate(input, {
          onSuccess: (saved) => {
            setValues(fromTrunk());
            onDone(saved);
          },
          onError,
        });
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={trunk ? `Edit trunk ${trunk.name}` : "New trunk"}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField id={fieldId("name")} label={LABELS.name} error={errors.name} autoComplete="off" maxLength={100} value={values.name} onChange={(e) => set("name", e.target.value)} />
        <SelectField id={fieldId("type")} label={LABELS.type} error={errors.type} value={values.type} onChange={(e) => set("type", e.target.value as TrunkType)}>
          <FormOptions values={TRUNK_TYPES} label={(t) => TYPE_LABELS[t]} />
        </SelectField>
        <TextField
          id={fieldId("value")}
          label={values.type === "custom" ? "Dial string" : LABELS.value}
          hint={VALUE_HINTS[values.type]}
          error={errors.value}
          className="sm:col-span-2"
          inputClassName="font-mono"
          autoComplete="off"
          maxLength={255}
          value={values.value}
          onChange={(e) => set("value", e.target.value)}
        />
        {[...LIMIT_FIELDS, ...PREFIX_FIELDS].map(({ field, hint }) => (
          <TextField key={field} id={fieldId(field)} label={LABELS[field]} hint={hint} error={errors[field]} inputMode="numeric" autoComplete="off" value={values[field]} onChange={(e) => set(field, e.target.value)} />
        ))}
        <div className="flex items-end pb-2">
          <label className="flex items-center gap-2 text-sm">
            <input id={fieldId("enabled")} type="checkbox" className="h-4 w-4" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
            Enabled
          </label>
        </div>
        <TextField
          id={fieldId("description")}
          label={LABELS.description}
          error={errors.description}
          className="sm:col-span-2 lg:col-span-4"
          autoComplete="off"
          maxLength={500}
          placeholder="Optional, e.g. the carrier and the account"
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <legend className="mb-1 text-sm font-medium">Rotation: when a failing trunk is taken out, and how it comes back</legend>
        {ROTATION_FIELDS.map(({ field, hint }) => (
          <TextField
            key={field}
            id={fieldId(field)}
            label={LABELS[field]}
            hint={hint}
            error={errors[field]}
            inputMode={field === "probe_number" ? "tel" : "numeric"}
            autoComplete="off"
            value={values[field]}
            onChange={(e) => set(field, e.target.value)}
          />
        ))}
      </fieldset>
      {formError && <Notice tone="error">{formError}</Notice>}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" aria-disabled={saving}>
          {saving ? "Saving…" : trunk ? "Save trunk" : "Add trunk"}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
