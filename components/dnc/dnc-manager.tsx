"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useDeleteDncNumber, useDncNumbers, type DncScope } from "@/hooks/use-dnc";
import type { DncEntry } from "@/lib/api-types";
import { humanize } from "@/lib/format";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";
import { Badge } from "@/components/ui/status-badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { AddDncForm } from "./add-dnc-form";
import { listLabel } from "./dnc-list-select";
import { PasteDncForm } from "./paste-dnc-form";

const SEARCH_DELAY_MS = 350;

const scopeValue = (scope: DncScope) => (scope === undefined ? "" : String(scope));
const parseScope = (value: string): DncScope => (value === "" ? undefined : value === "global" ? "global" : Number(value));

export function DncManager() {
  const scopeId = useId();
  const searchId = useId();
  const campaigns = useCampaigns();
  const [scope, setScope] = useState<DncScope>();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const { data, isPending, isFetching, isPlaceholderData, error, refetch } = useDncNumbers({ scope, search: search || undefined, page, perPage });
  const [deleting, setDeleting] = useState<DncEntry | null>(null);
  const deleteEntry = useDeleteDncNumber();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filtered = scope !== undefined || search !== "";

  // Typing is applied after a pause, so the list is not refetched on every key.
  useEffect(() => {
    const value = searchText.trim();
    if (value === search) return;
    const timer = setTimeout(() => {
      setSearch(value);
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const lastPage = data?.pagination.total_pages;
  useEffect(() => {
    // Deleting the last row of the last page can leave us past the end.
    if (lastPage !== undefined && page > lastPage) setPage(lastPage);
  }, [page, lastPage]);

  // A campaign deleted meanwhile cannot be filtered on (the API answers 400): show every list again.
  const campaignGone = typeof scope === "number" && campaigns.data !== undefined && !campaigns.data.some((c) => c.id === scope);
  useEffect(() => {
    if (campaignGone) setScope(undefined);
  }, [campaignGone]);

  function clearFilters() {
    setScope(undefined);
    setSearchText("");
    setSearch("");
    setPage(1);
  }

  // The forms start on the list being looked at; each keeps its own choice afterwards.
  const defaultList = typeof scope === "number" ? scope : "global";

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Do not call</h1>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
          Numbers the dialer never calls. A number on the system-wide list is skipped by every campaign; a number on a campaign&apos;s list only by
          that campaign.
        </p>
      </div>

      <section aria-labelledby="dnc-heading" className="card">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <div>
            <h2 ref={headingRef} tabIndex={-1} id="dnc-heading" className="font-semibold focus:outline-none">
              Listed numbers
            </h2>
            <p className="text-xs text-slate-500 dark:text-slate-400">Newest first.</p>
          </div>
          <form
            role="search"
            aria-label="Filter do-not-call numbers"
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              setSearch(searchText.trim());
              setPage(1);
            }}
          >
            <div>
              <label htmlFor={scopeId} className="label">
                List
              </label>
              <select
                id={scopeId}
                className="input w-auto"
                value={scopeValue(scope)}
                onChange={(e) => {
                  setScope(parseScope(e.target.value));
                  setPage(1);
                }}
              >
                <option value="">All lists</option>
                <option value="global">System-wide only</option>
                {campaigns.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={searchId} className="label">
                Search
              </label>
              <input
                id={searchId}
                type="search"
                className="input w-56"
                maxLength={100}
                placeholder="Number or note"
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
              />
            </div>
            <button type="button" className="btn-secondary" disabled={!filtered && searchText === ""} onClick={clearFilters}>
              Clear filters
            </button>
          </form>
        </div>

        {error && !data ? (
          <div className="p-4">
            <ErrorState title="Could not load the do-not-call numbers" error={error} onRetry={() => refetch()} />
          </div>
        ) : isPending ? (
          <TableSkeleton columns={6} rows={6} label="Loading do-not-call numbers" />
        ) : data.pagination.total === 0 ? (
          <div className="p-4">
            {filtered ? (
              <EmptyState
                compact
                title="No numbers match these filters"
                description="Choose another list, or shorten the search."
                action={
                  <button type="button" className="btn-secondary" onClick={clearFilters}>
                    Clear filters
                  </button>
                }
              />
            ) : (
              <EmptyState
                compact
                title="No numbers on the do-not-call lists yet"
                description="Add a number, or paste a whole list, in Add numbers below. Campaigns skip listed numbers when they dial."
              />
            )}
          </div>
        ) : (
          <>
            <div className={`relative overflow-x-auto transition-opacity ${isPlaceholderData ? "opacity-60" : ""}`} aria-busy={isFetching}>
              <table className="data-table">
                <caption className="sr-only">Do-not-call numbers</caption>
                <thead className="bg-slate-50 dark:bg-slate-900/60">
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Scope</th>
                    <th scope="col">Source</th>
                    <th scope="col">Note</th>
                    <th scope="col">Added at</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {data.rows.map((n) => (
                    <tr key={n.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                      <td className="font-mono text-[13px]">{n.phone_number}</td>
                      <td>
                        {n.campaign_id === null ? <Badge tone="red">All campaigns</Badge> : <span>{listLabel(n.campaign_id, n.campaign_name)}</span>}
                      </td>
                      <td className="text-slate-600 dark:text-slate-300">{humanize(n.source)}</td>
                      <td className="max-w-72 truncate text-slate-600 dark:text-slate-300" title={n.note ?? undefined}>
                        {n.note ?? <span className="text-slate-400 dark:text-slate-500">—</span>}
                      </td>
                      <td>
                        <DateTime value={n.created_at} />
                      </td>
                      <td className="text-right">
                        <button
                          type="button"
                          className="btn-secondary px-2 py-1 text-xs"
                          aria-label={`Remove ${n.phone_number} from ${n.campaign_id === null ? "the system-wide list" : `the list of ${listLabel(n.campaign_id, n.campaign_name)}`}`}
                          onClick={() => setDeleting(n)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              pagination={data.pagination}
              noun="numbers"
              busy={isPlaceholderData}
              onPageChange={setPage}
              onPerPageChange={(n) => {
                setPerPage(n);
                setPage(1);
              }}
            />
          </>
        )}
        <MutationConfirmDialog
          item={deleting}
          mutation={deleteEntry}
          variablesFor={(n) => n.id}
          title={(n) => `Remove ${n.phone_number} from the do-not-call list?`}
          confirmLabel="Remove number"
          pendingLabel="Removing…"
          successMessage={(n) => `${n.phone_number} removed from the do-not-call list.`}
          onClose={() => setDeleting(null)}
          fallbackFocus={headingRef}
        >
          {(n) =>
            n.campaign_id === null ? (
              <p>Every campaign may call this number again, unless it is also on a campaign&apos;s own list.</p>
            ) : (
              <p>
                {listLabel(n.campaign_id, n.campaign_name)} may call this number again, unless it is also on the system-wide list.
              </p>
            )
          }
        </MutationConfirmDialog>
      </section>

      <section aria-labelledby="add-dnc-numbers-heading" className="card">
        <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <h2 id="add-dnc-numbers-heading" className="font-semibold">
            Add numbers
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Add to the system-wide list to stop every campaign calling a number, or to one campaign&apos;s list.
          </p>
        </div>
        <div className="grid gap-8 p-4 lg:grid-cols-2">
          <AddDncForm campaigns={campaigns.data} defaultList={defaultList} />
          <PasteDncForm campaigns={campaigns.data} defaultList={defaultList} />
        </div>
      </section>
    </div>
  );
}
