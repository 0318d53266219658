"use client";

import { Fragment, useMemo, useState } from "react";
import type { RowEditor } from "@/hooks/use-row-editor";
import type { Pagination as PageInfo } from "@/lib/api-client";
import { ErrorState } from "./notice";
import { Pager } from "./pagination";
import { TableSkeleton } from "./skeleton";

/** One column: its header, what a row shows in it and, for a sortable column, the value it sorts by. */
export type Column<Row> = {
  header: string;
  cell: (row: Row) => React.ReactNode;
  align?: "right";
  /** Classes of the column's cells. */
  className?: string;
  /** A tooltip for the cell (the full text of a truncated one). */
  title?: (row: Row) => string | undefined;
  /** The cell names the row for a screen reader (a `th scope="row"`). */
  rowHeader?: boolean;
  /** Sorts the rows shown by this value when the header is clicked (tables that are not paged). */
  sortValue?: (row: Row) => string | number | null;
};

/** What a query hook gives the table: its state, and its data as a list or as one page of a list. */
export type TableQuery<Row> = {
  data?: Row[] | { rows: Row[]; pagination: PageInfo };
  isPending: boolean;
  error: unknown;
  refetch?: () => unknown;
  isFetching?: boolean;
  isPlaceholderData?: boolean;
};

export type PagerProps = { pagination: PageInfo; noun: string; onPageChange: (page: number) => void; onPerPageChange: (perPage: number) => void };
/** What moves the table to another page (the table state's `paging`, or the URL's). */
export type Paging = Pick<PagerProps, "onPageChange" | "onPerPageChange">;

/** What a table shows, fixed beside its columns: its caption, what it lists (for the loading, error and pager texts) and its columns. */
export type TableSpec<Row> = {
  /** Read to screen readers: what the table lists. */
  caption: string;
  /** Plural of what is listed, e.g. "numbers". */
  noun: string;
  columns: Column<Row>[];
  /** Placeholder rows while the first page loads. */
  skeletonRows?: number;
  /** More classes for the table, e.g. tighter cells for a wide one. */
  className?: string;
};

type Sort = { column: number; direction: "ascending" | "descending" };

export const ACTION_BUTTON = "btn-secondary px-2.5 py-1 text-xs aria-disabled:opacity-50";
export const DANGER_ACTION_BUTTON = `${ACTION_BUTTON} text-red-700 dark:text-red-400`;
/** A dash for an empty cell. */
/** A row's buttons stay in sight at the right edge while a wide table scrolls under them. */
const STICKY_ACTIONS = "sticky right-0 shadow-[-8px_0_8px_-8px_rgba(15,23,42,0.25)]";

export const EMPTY_CELL = <span className="text-slate-500 dark:text-slate-400">—</span>;

const EDITING_ROW = "bg-brand-50/60 dark:bg-slate-800/60";
const ROWS_AT_HAND = { isPending: false, error: null };
const idOf = (row: unknown): React.Key => (row as { id: number }).id;

export type ResourceTableProps<Row> = {
  spec: TableSpec<Row>;
  query?: TableQuery<Row>;
  rows?: readonly Row[];
  paging?: Paging;
  /** Rows are keyed by their `id` unless this says otherwise. */
  rowKey?: (row: Row) => React.Key;
  /** Shown instead of the table when there is nothing to list (on any page). */
  empty: React.ReactNode;
  /** The buttons at the end of a row. */
  rowActions?: (row: Row) => React.ReactNode;
  rowClassName?: (row: Row) => string | undefined;
  /** Greys out a row that is switched off (a disabled trunk, a revoked token); its editor still highlights it. */
  muted?: (row: Row) => boolean;
  /** An editor shown under the row, across the whole table; `id` lets the row's button control it. */
  expanded?: (row: Row) => { id?: string; content: React.ReactNode } | null;
};

/**
 * Every resource table of the dashboard: loading skeleton, error with a retry, empty state, the
 * rows with their actions (and an editor opened under a row), then the pager. Data shown while the
 * next page loads is dimmed, so the table never jumps. Rows come from the query (a list, or a page
 * of one with `paging`), or are given as `rows` when the caller has them at hand or filters them.
 */
export function ResourceTable<Row>({
  spec: { caption, noun, columns, skeletonRows = 5, className = "" },
  query = ROWS_AT_HAND,
  rows: givenRows,
  paging,
  rowKey = idOf,
  empty,
  rowActions,
  rowClassName,
  muted,
  expanded,
}: ResourceTableProps<Row>) {
  const page = query.data && !Array.isArray(query.data) ? (query.data as { rows: Row[]; pagination: PageInfo }) : undefined;
  const rows = givenRows ?? (page ? page.rows : (query.data as Row[] | undefined));
  const pager = page && paging ? { ...paging, pagination: page.pagination, noun } : undefined;
  const [sort, setSort] = useState<Sort | null>(null);
  const shown = useMemo(() => sortRows(rows ?? [], columns, sort), [rows, columns, sort]);
  const columnCount = columns.length + (rowActions ? 1 : 0);

  if (query.error && !rows) {
    return (
      <div className="p-4">
        <ErrorState title={`Could not load the ${noun}`} error={query.error} onRetry={query.refetch ? () => query.refetch?.() : undefined} />
      </div>
    );
  }
  if (!rows) return <TableSkeleton columns={columnCount} rows={skeletonRows} label={`Loading ${noun}`} />;
  if (rows.length === 0 && (pager?.pagination.total ?? 0) === 0) return <div className="p-4">{empty}</div>;

  return (
    <>
      {/* A focusable region: a table wider than its card scrolls with the arrow keys too. */}
      <div
        role="region"
        aria-label={caption}
        tabIndex={0}
        className={`relative overflow-x-auto transition-opacity focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-inset ${query.isPlaceholderData ? "opacity-60" : ""}`}
        aria-busy={query.isFetching || undefined}
      >
        <table className={`data-table ${className}`}>
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 dark:bg-slate-900/60 [&_th]:whitespace-nowrap">
            <tr>
              {columns.map((c, i) => (
                <th
                  key={c.header}
                  scope="col"
                  className={c.align === "right" ? "text-right!" : undefined}
                  aria-sort={sort?.column === i ? sort.direction : undefined}
                >
                  {c.sortValue ? <SortButton column={c} active={sort?.column === i ? sort.direction : null} onClick={() => setSort(nextSort(sort, i))} /> : c.header}
                </th>
              ))}
              {rowActions && (
                <th scope="col" className={`${STICKY_ACTIONS} bg-slate-50 dark:bg-slate-900`}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {shown.map((row) => {
              const editor = expanded?.(row) ?? null;
              return (
                <Fragment key={rowKey(row)}>
                  <tr className={rowClassName?.(row) ?? (editor ? EDITING_ROW : muted?.(row) ? "text-slate-500 dark:text-slate-400" : "hover:bg-slate-50 dark:hover:bg-slate-800/40")}>
                    {columns.map((c) => (
                      <Cell key={c.header} column={c} row={row} />
                    ))}
                    {rowActions && (
                      <td className={`${STICKY_ACTIONS} bg-white dark:bg-slate-900`}>
                        <div className="flex flex-wrap items-center justify-end gap-1.5">{rowActions(row)}</div>
                      </td>
                    )}
                  </tr>
                  {editor && (
                    <tr id={editor.id} className={EDITING_ROW}>
                      <td colSpan={columnCount} className="px-4! pt-1! pb-4! whitespace-normal!">
                        {editor.content}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {pager && <Pager {...pager} busy={query.isPlaceholderData} />}
    </>
  );
}

function Cell<Row>({ column: c, row }: { column: Column<Row>; row: Row }) {
  const className = [c.align === "right" ? "text-right tabular-nums" : "", c.className ?? ""].join(" ").trim() || undefined;
  if (c.rowHeader) {
    return (
      <th scope="row" className={`text-sm! font-medium! tracking-normal! text-slate-900! normal-case! dark:text-slate-100! ${className ?? ""}`}>
        {c.cell(row)}
      </th>
    );
  }
  return (
    <td className={className} title={c.title?.(row)}>
      {c.cell(row)}
    </td>
  );
}

function SortButton<Row>({ column, active, onClick }: { column: Column<Row>; active: Sort["direction"] | null; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:underline dark:hover:text-slate-100">
      {column.header}
      <span aria-hidden="true">{active === "ascending" ? "▲" : active === "descending" ? "▼" : "↕"}</span>
    </button>
  );
}

/** Ascending, then descending, then back to the order the server gave. */
function nextSort(sort: Sort | null, column: number): Sort | null {
  if (sort?.column !== column) return { column, direction: "ascending" };
  return sort.direction === "ascending" ? { column, direction: "descending" } : null;
}

function sortRows<Row>(rows: readonly Row[], columns: Column<Row>[], sort: Sort | null): Row[] {
  const value = sort && columns[sort.column]?.sortValue;
  if (!sort || !value) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  // Empty values go last whichever way the column is sorted.
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * sign;
  });
}

/** A row's Edit button: it opens the row's editor under the row, and reads Close while it is open. */
export function EditRowButton({ editor, rowId, label, disabled, title }: { editor: RowEditor; rowId: number; label: string; disabled?: boolean; title?: string }) {
  const open = editor.isEditing(rowId);
  return (
    <button
      id={editor.buttonId(rowId)}
      type="button"
      className={ACTION_BUTTON}
      aria-expanded={open}
      aria-controls={editor.panelId(rowId)}
      aria-label={label}
      disabled={disabled}
      title={title}
      onClick={() => editor.toggle(rowId)}
    >
      {open ? "Close" : "Edit"}
    </button>
  );
}
