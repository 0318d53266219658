"use client";

import type { TableState } from "@/hooks/use-table-state";
import { FilterBar, Panel, SearchField } from "./panel";
import { ResourceTable, type ResourceTableProps, type TableSpec } from "./resource-table";

/** What a table in a card shows, fixed beside its columns: the card's title, and its search box. */
export type TablePanelSpec<Row> = TableSpec<Row> & {
  title: string;
  description?: string;
  /** The search box's placeholder; without it the table has no search. */
  search?: string;
  /** The search form's name, when not "Filter" and the noun of the table. */
  filterLabel?: string;
};

/**
 * A paged table in a titled card: its filters in the card's header, the table with its pager, then
 * what belongs with the table (its confirm dialog). The filters and the pager share one table state.
 * With a search box the filters sit in a search form, where Enter applies the search at once; a
 * table without one has only selects, which apply as they change and need no form.
 */
export function TablePanel<Row>({
  spec,
  headingRef,
  table,
  filters,
  filterActions,
  children,
  ...tableProps
}: {
  spec: TablePanelSpec<Row>;
  headingRef?: React.Ref<HTMLHeadingElement>;
  table: TableState;
  /** The filter selects, before the search box. */
  filters?: React.ReactNode;
  /** Buttons after the search box, e.g. Clear filters. */
  filterActions?: React.ReactNode;
  children?: React.ReactNode;
} & Omit<ResourceTableProps<Row>, "spec" | "paging">) {
  const tools =
    spec.search === undefined ? (
      filters
    ) : (
      <FilterBar label={spec.filterLabel ?? `Filter ${spec.noun}`} onSubmit={table.applySearch}>
        {filters}
        <SearchField placeholder={spec.search} value={table.searchText} onChange={table.setSearchText} />
        {filterActions}
      </FilterBar>
    );
  return (
    <Panel title={spec.title} description={spec.description} headingRef={headingRef} tools={tools}>
      <ResourceTable {...tableProps} spec={spec} paging={table.paging} />
      {children}
    </Panel>
  );
}
