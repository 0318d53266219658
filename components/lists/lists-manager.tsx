"use client";

import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { useCampaigns } from "@/hooks/use-campaigns";
import { useCreateList, useLists } from "@/hooks/use-lists";
import { formatCount } from "@/lib/format";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";
import { Badge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { ListForm } from "./list-form";

const SEARCH_DELAY_MS = 350;

/** The lists page: every list with its counts, a filter by campaign, and a form for a new one. */
export function ListsManager() {
  const campaignFilterId = useId();
  const searchId = useId();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<number | undefined>();
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const { data, isPending, isPlaceholderData, error, refetch } = useLists({ campaignId, search: search || undefined, page, perPage });
  const create = useCreateList();
  const toast = useToast();
  const filtered = campaignId !== undefined || search !== "";

  useEffect(() => {
    const value = searchText.trim();
    if (value === search) return;
    const timer = setTimeout(() => {
      setSearch(value);
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Lists</h1>
        <p className="mt-0.5 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
          Leads, in lists. A campaign dials every active list it has; a lead may have up to 8 numbers, tried in order, each with its own attempts.
          Numbers added to a campaign directly go to its default list.
        </p>
      </div>

      <section aria-labelledby="lists-heading" className="card">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <h2 id="lists-heading" className="font-semibold">
            All lists
          </h2>
          <form role="search" aria-label="Filter lists" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor={campaignFilterId} className="label">
                Campaign
              </label>
              <select
                id={campaignFilterId}
                className="input w-auto"
                value={campaignId ?? ""}
                onChange={(e) => {
                  setCampaignId(e.target.value ? Number(e.target.value) : undefined);
                  setPage(1);
                }}
              >
                <option value="">All campaigns</option>
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
              <input id={searchId} type="search" className="input w-56" maxLength={100} placeholder="Name or description" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </div>
          </form>
        </div>
        {error && !data ? (
          <div className="p-4">
            <ErrorState title="Could not load the lists" error={error} onRetry={() => refetch()} />
          </div>
        ) : isPending ? (
          <TableSkeleton columns={7} rows={5} label="Loading lists" />
        ) : data.pagination.total === 0 ? (
          <div className="p-4">
            <EmptyState
              compact
              title={filtered ? "No lists match these filters" : "No lists yet"}
              description={filtered ? "Choose another campaign, or shorten the search." : "Create a list below, then import a CSV of leads into it."}
            />
          </div>
        ) : (
          <>
            <div className={`overflow-x-auto ${isPlaceholderData ? "opacity-60" : ""}`}>
              <table className="data-table">
                <caption className="sr-only">Lists</caption>
                <thead className="bg-slate-50 dark:bg-slate-900/60">
                  <tr>
                    <th scope="col">List</th>
                    <th scope="col">Campaign</th>
                    <th scope="col">Dialed</th>
                    <th scope="col" className="text-right">Leads</th>
                    <th scope="col" className="text-right">Pending</th>
                    <th scope="col" className="text-right">Answered</th>
                    <th scope="col" className="text-right">DNC</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {data.rows.map((l) => (
                    <tr key={l.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                      <td>
                        <Link href={`/lists/${l.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-400">
                          {l.name}
                        </Link>
                        {l.is_default === 1 && <span className="ml-2 text-xs text-slate-500">default</span>}
                      </td>
                      <td>
                        <Link href={`/campaigns/${l.campaign_id}`} className="hover:underline">
                          {l.campaign_name}
                        </Link>
                      </td>
                      <td>{l.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>}</td>
                      <td className="text-right tabular-nums">{formatCount(l.stats.total)}</td>
                      <td className="text-right tabular-nums">{formatCount(l.stats.pending + l.stats.calling)}</td>
                      <td className="text-right tabular-nums">{formatCount(l.stats.answered + l.stats.completed)}</td>
                      <td className="text-right tabular-nums">{formatCount(l.stats.dnc)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              pagination={data.pagination}
              noun="lists"
              busy={isPlaceholderData}
              onPageChange={setPage}
              onPerPageChange={(n) => {
                setPerPage(n);
                setPage(1);
              }}
            />
          </>
        )}
      </section>

      <section aria-labelledby="new-list-heading" className="card">
        <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <h2 id="new-list-heading" className="font-semibold">
            New list
          </h2>
        </div>
        <div className="p-4">
          {campaigns.data?.length === 0 ? (
            <EmptyState compact title="No campaigns yet" description={<>A list belongs to a campaign. <Link href="/campaigns/new" className="underline">Create a campaign</Link> first.</>} />
          ) : (
            <ListForm
              submitLabel="Create list"
              pendingLabel="Creating…"
              onSubmit={async (input) => {
                const l = await create.mutateAsync(input);
                toast("success", `List ${l.name} created.`);
              }}
            />
          )}
        </div>
      </section>
    </div>
  );
}
