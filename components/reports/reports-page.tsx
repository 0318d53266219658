"use client";

import { useMemo } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useLiveReports, type ReportFilters } from "@/hooks/use-reports";
import { queryString } from "@/lib/api-client";
import { validDate } from "@/lib/campaign-validation";
import { SelectField, TextField } from "@/components/ui/form-field";
import { CampaignOptions } from "@/components/ui/table-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { timeZones } from "@/components/campaigns/time-zone-select";
import { AgentsReportSection } from "./agents-report";
import { DispositionsReportSection } from "./dispositions-report";
import { ListsReportSection } from "./lists-report";
import { SummaryReportSection } from "./summary-report";
import { TrunksReportSection } from "./trunks-report";

/** The filters from the URL (the source of truth, so a report can be reloaded or sent on); anything unreadable is left out. */
function parseFilters(params: URLSearchParams): ReportFilters {
  const id = Number(params.get("campaign_id"));
  const date = (k: string) => {
    const v = params.get(k);
    return v && validDate(v) ? v : undefined;
  };
  return {
    campaign_id: Number.isInteger(id) && id > 0 ? id : undefined,
    from: date("from"),
    to: date("to"),
    tz: params.get("tz") || undefined,
    group: params.get("group") === "hour" ? "hour" : "day",
  };
}

/**
 * Reports for a campaign (or all) over a range of days in the campaign's zone: each chart with
 * its table beside it and a CSV download. Figures refresh as calls end, over the socket.
 */
export function ReportsPage() {
  const pathname = usePathname();
  const filters = parseFilters(new URLSearchParams(useSearchParams().toString()));
  const campaigns = useCampaigns();
  const zones = useMemo(() => timeZones(), []);
  useLiveReports();

  const rangeError = filters.from && filters.to && filters.from > filters.to ? "The last day must not be before the first." : null;
  const tooLong = filters.group === "hour" && filters.from && filters.to && Date.parse(filters.to) - Date.parse(filters.from) > 30 * 86_400_000 ? "By hour, a report covers at most 31 days." : null;
  const problem = rangeError ?? tooLong;

  function update(patch: Partial<ReportFilters>) {
    // From the URL as it is now, not as last rendered: two quick changes must not undo each other.
    const next = { ...parseFilters(new URLSearchParams(window.location.search)), ...patch };
    window.history.replaceState(null, "", `${pathname}${queryString({ ...next, group: next.group === "hour" ? "hour" : undefined })}`);
  }

  const campaign = campaigns.data?.find((c) => c.id === filters.campaign_id);
  return (
    <div className="space-y-5">
      <TablePageHeader title="Reports">Calls, dispositions, agents, trunks and lists, counted by SQL over the call records, live as calls end.</TablePageHeader>

      <form role="search" aria-label="Report filters" className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto]" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="report-campaign" label="Campaign" value={filters.campaign_id ?? ""} onChange={(e) => update({ campaign_id: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">All campaigns</option>
          <CampaignOptions campaigns={campaigns.data} />
        </SelectField>
        <TextField id="report-from" label="From" hint="First day, included" type="date" value={filters.from ?? ""} max={filters.to} onChange={(e) => update({ from: e.target.value || undefined })} />
        <TextField
          id="report-to"
          label="To"
          hint={problem ? undefined : "Last day, included (default: today)"}
          error={problem ? [problem] : undefined}
          type="date"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(e) => update({ to: e.target.value || undefined })}
        />
        <SelectField id="report-tz" label="Time zone" hint={campaign ? `Default: the campaign's (${campaign.timezone})` : "Default: UTC"} value={filters.tz ?? ""} onChange={(e) => update({ tz: e.target.value || undefined })}>
          <option value="">{campaign ? `Campaign's zone (${campaign.timezone})` : "UTC"}</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">Group by</legend>
          <div className="inline-flex rounded-md shadow-sm" role="group">
            {(["hour", "day"] as const).map((g) => (
              <button
                key={g}
                type="button"
                aria-pressed={filters.group === g}
                onClick={() => update({ group: g })}
                className={`border border-slate-300 px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md dark:border-slate-700 ${
                  filters.group === g ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
                }`}
              >
                By {g}
              </button>
            ))}
          </div>
        </fieldset>
      </form>

      {problem ? (
        <EmptyState title="Fix the date range to see the reports" />
      ) : (
        <>
          <SummaryReportSection filters={filters} />
          <DispositionsReportSection filters={filters} />
          <AgentsReportSection filters={filters} />
          <TrunksReportSection filters={filters} />
          <ListsReportSection filters={filters} />
        </>
      )}
    </div>
  );
}
