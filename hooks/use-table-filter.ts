"use client";

import { useState } from "react";
import type { TableState } from "./use-table-state";

/** One filter of a paged table (a status, a campaign): changing it goes back to the first page. */
export function useTableFilter<Value>(table: TableState, initial: Value) {
  const [value, setValue] = useState<Value>(initial);
  const setFilter = (next: Value) => {
    setValue(next);
    table.firstPage();
  };
  return [value, setFilter] as const;
}
