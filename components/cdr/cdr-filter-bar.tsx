"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { Campaign } from "@/lib/api-types";
import { CDR_DISPOSITIONS } from "@/lib/api-types";
import type { CdrQuery } from "@/lib/cdr-filters";
import { hasCdrFilters } from "@/lib/cdr-filters";
import { humanize } from "@/lib/format";
import { SelectField, TextField } from "@/components/ui/form-field";
import { CampaignOptions, ClearFiltersButton } from "@/components/ui/table-filters";

const SEARCH_DELAY_MS = 350;

export function CdrFilterBar({
  query,
  campaigns,
  rangeError,
  onChange,
  onClear,
}: {
  query: CdrQuery;
  campaigns: Campaign[] | undefined;
  rangeError: string | null;
  onChange: (patch: Partial<CdrQuery>) => void;
  onClear: () => void;
}) {
  const [search, setSearch] = useState(query.search ?? "");
  const applied = query.search ?? "";

  const applySearch = useEffectEvent((value: string) => onChange({ search: value || undefined }));

  // Typing is applied after a pause, so the list is not refetched on every key.
  useEffect(() => {
    if (search.trim() === applied) return;
    const timer = setTimeout(() => applySearch(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, applied]);

  const selectedCampaignMissing = query.campaign_id !== undefined && campaigns && !campaigns.some((c) => c.id === query.campaign_id);
  const rangeErrors = rangeError ? [rangeError] : undefined;

  return (
    <form
      role="search"
      aria-label="Filter call records"
      className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_minmax(0,1.5fr)_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ search: search.trim() || undefined });
      }}
    >
      <SelectField id="cdr-campaign" label="Campaign" value={query.campaign_id ?? ""} onChange={(e) => onChange({ campaign_id: e.target.value ? Number(e.target.value) : undefined })}>
        <option value="">All campaigns</option>
        {selectedCampaignMissing && <option value={query.campaign_id}>Campaign #{query.campaign_id} (deleted)</option>}
        <CampaignOptions campaigns={campaigns} />
      </SelectField>
      <SelectField id="cdr-disposition" label="Disposition" value={query.disposition ?? ""} onChange={(e) => onChange({ disposition: CDR_DISPOSITIONS.find((d) => d === e.target.value) })}>
        <option value="">All dispositions</option>
        {CDR_DISPOSITIONS.map((d) => (
          <option key={d} value={d}>
            {humanize(d)}
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
      <TextField id="cdr-search" label="Search" hint="Number, caller ID or agent" type="search" maxLength={100} placeholder="e.g. 2025550" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="flex items-start pt-6">
        <ClearFiltersButton
          className="btn-secondary w-full"
          disabled={!hasCdrFilters(query) && search === ""}
          onClick={() => {
            setSearch("");
            onClear();
          }}
        />
      </div>
    </form>
  );
}
