"use client";

import { useCallback, useEffect, useState } from "react";
import { PER_PAGE_OPTIONS } from "@/lib/pagination";

const SEARCH_DELAY_MS = 350;

/**
 * What a paged, searchable table asks its query hook for: the page, rows per page and the search
 * (typing is applied after a pause, so the list is not refetched on every key). Any change of
 * filter goes back to page 1.
 */
export function useTableState() {
  const [page, setPage] = useState(1);
  const [perPage, setPerPageState] = useState<number>(PER_PAGE_OPTIONS[0]);
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");

  useEffect(() => {
    const value = searchText.trim();
    if (value === search) return;
    const timer = setTimeout(() => {
      setSearch(value);
      setPage(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const setPerPage = useCallback((n: number) => {
    setPerPageState(n);
    setPage(1);
  }, []);
  const firstPage = useCallback(() => setPage(1), []);

  return {
    page,
    perPage,
    /** The search applied, undefined when there is none (as the API wants it). */
    search: search || undefined,
    searchText,
    setSearchText,
    /** Enter in the search box: applied now, without the pause. */
    applySearch: () => {
      setSearch(searchText.trim());
      setPage(1);
    },
    clearSearch: () => {
      setSearchText("");
      setSearch("");
      setPage(1);
    },
    firstPage,
    /** What the table's pager calls. */
    paging: { onPageChange: setPage, onPerPageChange: setPerPage },
  };
}

export type TableState = ReturnType<typeof useTableState>;
