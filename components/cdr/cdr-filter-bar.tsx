"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { Agent, Campaign, Trunk } from "@/lib/api-types";
import { CDR_DISPOSITIONS } from "@/lib/api-types";
import type { CdrQuery } from "@/lib/cdr-filters";
import { CDR_OUTCOME_LABELS, hasCdrFilters, isCdrNumber } from "@/lib/cdr-filters";
import { humanize } from "@/lib/format";
import { SelectField, TextField } from "@/components/ui/form-field";
import { CampaignOptions, ClearFiltersButton } from "@/components/ui/table-filters";

const TYPING_DELAY_MS = 350;

/**
 * A text filter typed into: applied after a pause (so the list is not refetched on every key), or
 * at once on Enter, and only when `valid` (a half-typed number is not sent to the API as a 400).
 */
function useTypedFilter(applied: string | undefined, apply: (value: string | undefined) => void, valid: (v: string) => boolean = () => true) {
  const [text, setText] = useState(applied ?? "");
  const [seen, setSeen] = useState(applied);
  // The URL changed under the field (Clear filters in the empty table, back/forward): show what it says now.
  if (applied !== seen) {
    setSeen(applied);
    setText(applied ?? "");
  }
  const value = text.trim();
  const ok = value === "" || valid(value);
  const applyLater = useEffectEvent((v: string) => apply(v || undefined));
  useEffect(() => {
    if (value === (applied ?? "") || !ok) return;
    const timer = setTimeout(() => applyLater(value), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, applied, ok]);
  return { text, setText, ok, applyNow: () => ok && value !== (applied ?? "") && apply(value || undefined) };
}

/** A select over records (trunks, agents) that keeps a filter naming one no longer listed. */
function RecordSelect({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value: number | undefined;
  options: { id: number; name: string }[] | undefined;
  onChange: (id: number | undefined) => void;
}) {
  const missing = value !== undefined && options && !options.some((o) => o.id === value);
  return (
    <SelectField id={id} label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}>
      <option value="">{all}</option>
      {missing && <option value={value}>#{value} (deleted)</option>}
      {options?.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

export function CdrFilterBar({
  query,
  campaigns,
  trunks,
  agents,
  rangeError,
  onChange,
  onClear,
}: {
  query: CdrQuery;
  campaigns: Campaign[] | undefined;
  trunks: Trunk[] | undefined;
  agents: Agent[] | undefined;
  rangeError: string | null;
  onChange: (patch: Partial<CdrQuery>) => void;
  onClear: () => void;
}) {
  const search = useTypedFilter(query.search, (v) => onChange({ search: v }));
  const number = useTypedFilter(query.number, (v) => onChange({ number: v }), isCdrNumber);

  const selectedCampaignMissing = query.campaign_id !== undefined && campaigns && !campaigns.some((c) => c.id === query.campaign_id);
  const rangeErrors = rangeError ? [rangeError] : undefined;

  return (
    <form
      role="search"
      aria-label="Filter call records"
      className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        search.applyNow();
        number.applyNow();
      }}
    >
      <SelectField id="cdr-campaign" label="Campaign" value={query.campaign_id ?? ""} onChange={(e) => onChange({ campaign_id: e.target.value ? Number(e.target.value) : undefined })}>
        <option value="">All campaigns</option>
        {selectedCampaignMissing && <option value={query.campaign_id}>Campaign #{query.campaign_id} (deleted)</option>}
        <CampaignOptions campaigns={campaigns} />
      </SelectField>
      <RecordSelect id="cdr-trunk" label="Trunk" all="All trunks" value={query.trunk_id} options={trunks} onChange={(trunk_id) => onChange({ trunk_id })} />
      <RecordSelect id="cdr-agent" label="Agent" all="All agents" value={query.agent_id} options={agents} onChange={(agent_id) => onChange({ agent_id })} />
      <SelectField id="cdr-disposition" label="Disposition" value={query.disposition ?? ""} onChange={(e) => onChange({ disposition: CDR_DISPOSITIONS.find((d) => d === e.target.value) })}>
        <option value="">All dispositions</option>
        {CDR_DISPOSITIONS.map((d) => (
          <option key={d} value={d}>
            {humanize(d)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="cdr-outcome"
        label="Outcome"
        hint="How the dialer saw the call end"
        value={query.outcome ?? ""}
        onChange={(e) => onChange({ outcome: Object.keys(CDR_OUTCOME_LABELS).find((o) => o === e.target.value) as CdrQuery["outcome"] })}
      >
        <option value="">All outcomes</option>
        {Object.entries(CDR_OUTCOME_LABELS).map(([o, label]) => (
          <option key={o} value={o}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField id="cdr-start-date" label="Start date" hint="UTC day" type="date" value={query.start_date ?? ""} max={query.end_date} onChange={(e) => onChange({ start_date: e.target.value || undefined })} />
      <TextField
        id="cdr-end-date"
        label="End date"
        hint={rangeErrors ? undefined : "UTC day, included"}
        error={rangeErrors}
        type="date"
        value={query.end_date ?? ""}
        min={query.start_date}
        onChange={(e) => onChange({ end_date: e.target.value || undefined })}
      />
      <TextField
        id="cdr-number"
        label="Number"
        hint={number.ok ? "Dialed number or caller ID, exactly; end with * for a prefix" : undefined}
        error={number.ok ? undefined : ["Digits only, optionally + first and * last."]}
        type="search"
        inputMode="tel"
        maxLength={30}
        placeholder="e.g. 15551230001"
        value={number.text}
        onChange={(e) => number.setText(e.target.value)}
      />
      <TextField id="cdr-search" label="Search" hint="Part of a number, caller ID or agent" type="search" maxLength={100} placeholder="e.g. 2025550" value={search.text} onChange={(e) => search.setText(e.target.value)} />
      <div className="flex items-start pt-6">
        <ClearFiltersButton
          className="btn-secondary w-full"
          disabled={!hasCdrFilters(query) && search.text === "" && number.text === ""}
          onClick={() => {
            search.setText("");
            number.setText("");
            onClear();
          }}
        />
      </div>
    </form>
  );
}
