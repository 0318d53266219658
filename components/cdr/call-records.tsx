"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useAgents } from "@/hooks/use-agents";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useCdrRecords, useCdrStats } from "@/hooks/use-cdr";
import { useTrunks } from "@/hooks/use-trunks";
import { cdrExportHref, cdrFiltersOf, cdrQueryString, hasCdrFilters, parseCdrQuery, type CdrQuery } from "@/lib/cdr-filters";
import { EmptyState } from "@/components/ui/empty-state";
import { ClearFiltersButton } from "@/components/ui/table-filters";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { CdrFilterBar } from "./cdr-filter-bar";
import { CdrSummary } from "./cdr-summary";
import { CdrTable } from "./cdr-table";
import { IntakeRecords } from "./intake-records";

/**
 * Call records with their filters in the URL (the source of truth), so a filtered view survives a
 * reload and can be sent to a colleague. The URL is rewritten in place: no server round trip.
 */
export function CallRecords() {
  const pathname = usePathname();
  const query = parseCdrQuery(new URLSearchParams(useSearchParams().toString()));
  const campaigns = useCampaigns();
  const trunks = useTrunks({ page: 1, perPage: 100 });
  const agents = useAgents({ live: false });

  const filters = cdrFiltersOf(query);
  const rangeValid = !query.start_date || !query.end_date || query.start_date <= query.end_date;
  const records = useCdrRecords(filters, query.page, query.per_page, rangeValid);
  const stats = useCdrStats(filters, rangeValid);
  const filtered = hasCdrFilters(query);

  function update(patch: Partial<CdrQuery>) {
    const next = { ...query, ...patch };
    // Any change of filter starts again from the first page; paging keeps the filters.
    if (!("page" in patch)) next.page = 1;
    window.history.replaceState(null, "", `${pathname}${cdrQueryString(next)}`);
  }

  function clearFilters() {
    window.history.replaceState(null, "", `${pathname}${cdrQueryString({ page: 1, per_page: query.per_page })}`);
  }

  return (
    <div className="space-y-5">
      <TablePageHeader
        title="Call records"
        actions={
          rangeValid ? (
            // A plain download: the browser streams the file to disk, however many records match.
            <a className="btn-secondary" href={cdrExportHref(filters)} download>
              Export CSV
            </a>
          ) : (
            <button type="button" className="btn-secondary" disabled title="Fix the date range first">
              Export CSV
            </button>
          )
        }
      >
        Every call attempt the dialer made, newest first. The export holds every record the filters match.
      </TablePageHeader>

      <CdrFilterBar
        query={query}
        campaigns={campaigns.data}
        trunks={trunks.data?.rows}
        agents={agents.data}
        rangeError={rangeValid ? null : "End date must not be before the start date."}
        onChange={update}
        onClear={clearFilters}
      />

      {rangeValid && (
        <CdrSummary stats={stats.data} error={stats.error} />
      )}

      <section aria-label="Call records" className="card">
        {!rangeValid ? (
          <div className="p-4">
            <EmptyState compact title="Fix the date range to see call records" />
          </div>
        ) : (
          <CdrTable
            campaigns={campaigns.data}
            query={records}
            skeletonRows={8}
            // A shared or reloaded link can point past the end once records have changed: the pager moves back.
            paging={{ onPageChange: (page) => update({ page }), onPerPageChange: (perPage) => update({ per_page: perPage }) }}
            empty={
              filtered ? (
                <EmptyState
                  compact
                  title="No call records match these filters"
                  description="Try a wider date range, another campaign or disposition, or a shorter search."
                  action={<ClearFiltersButton onClick={clearFilters} />}
                />
              ) : (
                <EmptyState compact title="No calls yet" description="A record appears here for every call attempt once a campaign is running." />
              )
            }
          />
        )}
      </section>

      <IntakeRecords />
    </div>
  );
}
