"use client";

import { useEffect, useId } from "react";
import type { Pagination as PageInfo } from "@/lib/api-client";
import { formatCount } from "@/lib/format";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";

/**
 * The one pager under every paged table: where the rows shown are, rows per page, previous and
 * next. A page past the end (its last row was deleted, or a filter shrank the list) moves back to
 * the last page.
 */
export function Pager({
  pagination,
  noun,
  onPageChange,
  onPerPageChange,
  busy = false,
}: {
  pagination: PageInfo;
  /** Plural of what is listed, e.g. "numbers". */
  noun: string;
  onPageChange: (page: number) => void;
  onPerPageChange: (perPage: number) => void;
  busy?: boolean;
}) {
  const perPageId = useId();
  const { current_page: page, total_pages: pages, total, from, to, per_page: perPage } = pagination;
  useEffect(() => {
    if (pages > 0 && page > pages) onPageChange(pages);
  }, [page, pages, onPageChange]);
  return (
    <nav
      aria-label={`Pages of ${noun}`}
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2 border-t border-slate-200 px-3 py-2.5 text-sm dark:border-slate-800"
    >
      <p className="text-slate-600 dark:text-slate-400" aria-live="polite">
        {from !== null && to !== null ? (
          <>
            Showing <span className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{formatCount(from)}</span>–
            <span className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{formatCount(to)}</span> of{" "}
            <span className="font-medium tabular-nums text-slate-900 dark:text-slate-100">{formatCount(total)}</span> {noun}
          </>
        ) : (
          <>
            {formatCount(total)} {noun}
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={perPageId} className="text-slate-600 dark:text-slate-400">
            Per page
          </label>
          <select
            id={perPageId}
            className="input w-auto py-1"
            value={perPage}
            onChange={(e) => onPerPageChange(Number(e.target.value))}
          >
            {PER_PAGE_OPTIONS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <span className="tabular-nums text-slate-600 dark:text-slate-400">
          Page {page} of {pages}
        </span>
        <div className="flex gap-1">
          <button type="button" className="btn-secondary" onClick={() => onPageChange(page - 1)} disabled={busy || page <= 1}>
            <span aria-hidden="true">←</span> Previous
          </button>
          <button type="button" className="btn-secondary" onClick={() => onPageChange(page + 1)} disabled={busy || page >= pages}>
            Next <span aria-hidden="true">→</span>
          </button>
        </div>
      </div>
    </nav>
  );
}
