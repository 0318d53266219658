"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useCampaignNumbers, useDeleteNumber } from "@/hooks/use-campaigns";
import type { CampaignNumber, CampaignStats, NumberStatus } from "@/lib/api-types";
import { NUMBER_STATUSES } from "@/lib/api-types";
import { formatCount, humanize } from "@/lib/format";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { MutationConfirmDialog } from "@/components/ui/mutation-confirm-dialog";
import { ErrorState } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { describeSkipReason } from "@/lib/campaign-rules";
import { NumberStatusBadge, numberStatusLabel } from "./number-status";

/** Lead data arrives as a JSON string; shown as `key: value` pairs, name first. */
function describeData(data: string | null): string | null {
  if (!data) return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return data;
    const entries = Object.entries(parsed as Record<string, unknown>).sort(([a], [b]) => (a === "name" ? -1 : b === "name" ? 1 : 0));
    if (entries.length === 0) return null;
    return entries.map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join(", ");
  } catch {
    return data;
  }
}

/** Where the number is, for calling hours: shown on the skip reason it explains. */
function skipTitle(n: CampaignNumber): string | undefined {
  if (!n.skip_reason) return undefined;
  const where = [n.timezone, n.state, n.zip].filter(Boolean).join(" · ");
  return where ? `${describeSkipReason(n.skip_reason)} (${where})` : undefined;
}

export function CampaignNumbers({ campaignId, stats }: { campaignId: number; stats: CampaignStats }) {
  const filterId = useId();
  const [status, setStatus] = useState<NumberStatus | undefined>();
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState<number>(PER_PAGE_OPTIONS[0]);
  const { data, isPending, isFetching, isPlaceholderData, error, refetch } = useCampaignNumbers(campaignId, { status, page, perPage });
  const [deleting, setDeleting] = useState<CampaignNumber | null>(null);
  const deleteNumber = useDeleteNumber();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const lastPage = data?.pagination.total_pages;
  useEffect(() => {
    // Deleting the last row of the last page (or a live status change) can leave us past the end.
    if (lastPage !== undefined && page > lastPage) setPage(lastPage);
  }, [page, lastPage]);

  return (
    <section aria-labelledby="numbers-heading" className="card">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div>
          <h2 ref={headingRef} tabIndex={-1} id="numbers-heading" className="font-semibold focus:outline-none">
            Numbers
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">The people this campaign calls, in the order they were added.</p>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="text-sm text-slate-600 dark:text-slate-400">
            Status filter
          </label>
          <select
            id={filterId}
            className="input w-auto"
            value={status ?? ""}
            onChange={(e) => {
              setStatus((e.target.value || undefined) as NumberStatus | undefined);
              setPage(1);
            }}
          >
            <option value="">All statuses ({formatCount(stats.total)})</option>
            {NUMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {numberStatusLabel(s) ?? humanize(s)} ({formatCount(stats[s])})
              </option>
            ))}
          </select>
        </div>
      </div>

      {error && !data ? (
        <div className="p-4">
          <ErrorState title="Could not load the numbers" error={error} onRetry={() => refetch()} />
        </div>
      ) : isPending ? (
        <TableSkeleton columns={10} rows={6} label="Loading numbers" />
      ) : data.rows.length === 0 && data.pagination.total === 0 ? (
        <div className="p-4">
          {status ? (
            <EmptyState
              compact
              title={status === "dnc" ? "No numbers on the do-not-call list" : `No ${humanize(status).toLowerCase()} numbers`}
              description="Choose another status to see more."
            />
          ) : (
            <EmptyState
              compact
              title="This campaign has no numbers yet"
              description="Add a number, or paste a whole list, in Add numbers below. The campaign dials them once it is started."
            />
          )}
        </div>
      ) : (
        <>
          <div className={`relative overflow-x-auto transition-opacity ${isPlaceholderData ? "opacity-60" : ""}`} aria-busy={isFetching}>
            <table className="data-table">
              <caption className="sr-only">Numbers of this campaign</caption>
              <thead className="bg-slate-50 dark:bg-slate-900/60">
                <tr>
                  <th scope="col">Phone number</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="text-right!">
                    Attempts
                  </th>
                  <th scope="col">Last attempt</th>
                  <th scope="col">Next attempt</th>
                  <th scope="col">Skip reason</th>
                  <th scope="col">Disposition</th>
                  <th scope="col">Data</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {data.rows.map((n) => {
                  const details = describeData(n.data);
                  return (
                    <tr key={n.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                      <td className="font-mono text-[13px]">{n.phone_number}</td>
                      <td>
                        <NumberStatusBadge status={n.status} />
                      </td>
                      <td className="text-right tabular-nums">{n.attempts}</td>
                      <td>
                        <DateTime value={n.last_attempt} empty="Never" />
                      </td>
                      <td>
                        <DateTime value={n.next_attempt_at} />
                      </td>
                      <td className="text-slate-600 dark:text-slate-300" title={skipTitle(n)}>
                        {describeSkipReason(n.skip_reason) ?? <span className="text-slate-400 dark:text-slate-500">—</span>}
                      </td>
                      <td>
                        {n.disposition ? (
                          <span className="font-mono text-[13px]">{n.disposition}</span>
                        ) : (
                          <span className="text-slate-400 dark:text-slate-500">—</span>
                        )}
                      </td>
                      <td className="max-w-72 truncate text-slate-600 dark:text-slate-300" title={details ?? undefined}>
                        {details ?? <span className="text-slate-400 dark:text-slate-500">—</span>}
                      </td>
                      <td>
                        <DateTime value={n.created_at} />
                      </td>
                      <td className="text-right">
                        <button
                          type="button"
                          className="btn-secondary px-2 py-1 text-xs"
                          disabled={n.status === "calling"}
                          title={n.status === "calling" ? "This number is on a call right now" : undefined}
                          aria-label={`Delete ${n.phone_number}`}
                          onClick={() => setDeleting(n)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })}
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
        mutation={deleteNumber}
        variablesFor={(n) => n.id}
        title={(n) => `Delete ${n.phone_number}?`}
        confirmLabel="Delete number"
        pendingLabel="Deleting…"
        successMessage={(n) => `${n.phone_number} deleted.`}
        onClose={() => setDeleting(null)}
        fallbackFocus={headingRef}
      >
        {() => <p>It is removed from this campaign and will not be called. Call records already made for it are kept.</p>}
      </MutationConfirmDialog>
    </section>
  );
}
