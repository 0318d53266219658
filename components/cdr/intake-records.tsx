"use client";

import { useIntakeRecords } from "@/hooks/use-cdr";
import { useTableFilter } from "@/hooks/use-table-filter";
import { useTableState } from "@/hooks/use-table-state";
import type { IntakeRecord } from "@/lib/api-types";
import { formatDuration } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/panel";
import { EMPTY_CELL, type Column } from "@/components/ui/resource-table";
import { Badge } from "@/components/ui/status-badge";
import { ClearFiltersButton } from "@/components/ui/table-filters";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";

type Matched = "" | "1" | "0";

const COLUMNS: Column<IntakeRecord>[] = [
  { header: "Call", rowHeader: true, className: "max-w-48 truncate font-mono text-[13px]", title: (r) => r.uuid, cell: (r) => r.uuid },
  {
    header: "Pacer call",
    cell: (r) => (r.attempt_id === null ? <Badge tone="slate">External</Badge> : <Badge tone="green">{r.cdr_id === null ? `Attempt #${r.attempt_id}` : `CDR #${r.cdr_id}`}</Badge>),
  },
  { header: "From", className: "font-mono text-[13px]", cell: (r) => r.caller_id_number ?? EMPTY_CELL },
  { header: "To", className: "font-mono text-[13px]", cell: (r) => r.destination_number ?? EMPTY_CELL },
  { header: "Started", cell: (r) => (r.start_time ? <DateTime value={r.start_time} /> : EMPTY_CELL) },
  { header: "Billed", align: "right", className: "tabular-nums", cell: (r) => (r.billsec === null ? EMPTY_CELL : formatDuration(r.billsec)) },
  {
    header: "Hang-up",
    className: "text-slate-600 dark:text-slate-300",
    cell: (r) => (r.hangup_cause ? `${r.hangup_cause}${r.sip_code !== null ? ` (SIP ${r.sip_code})` : ""}` : EMPTY_CELL),
  },
  { header: "Switch", className: "text-slate-600 dark:text-slate-300", cell: (r) => r.switch_name ?? EMPTY_CELL },
  { header: "Received", cell: (r) => <DateTime value={r.received_at} /> },
];

const INTAKE_TABLE: TablePanelSpec<IntakeRecord> = {
  title: "Records posted by the PBX",
  description: "FreeSWITCH's own record of each call (CDR intake), newest first. Calls Pacer placed fill what its records lack; any other call is kept here as external.",
  caption: "Call records posted by the PBX",
  noun: "posted records",
  search: "Call uuid or number",
  filterLabel: "Filter records posted by the PBX",
  columns: COLUMNS,
  skeletonRows: 4,
};

export function IntakeRecords() {
  const table = useTableState();
  const [matched, setMatched] = useTableFilter<Matched>(table, "");
  const query = useIntakeRecords({ matched: matched === "" ? undefined : matched === "1", search: table.search, page: table.page, perPage: table.perPage });
  const filtered = matched !== "" || table.search !== undefined;
  const clear = () => {
    setMatched("");
    table.clearSearch();
  };

  return (
    <TablePanel
      spec={INTAKE_TABLE}
      query={query}
      table={table}
      filters={
        <FilterSelect label="Calls" value={matched} onChange={(v) => setMatched(v as Matched)}>
          <option value="">All calls</option>
          <option value="1">Placed by Pacer</option>
          <option value="0">External only</option>
        </FilterSelect>
      }
      filterActions={<ClearFiltersButton disabled={!filtered && table.searchText === ""} onClick={clear} />}
      empty={
        filtered ? (
          <EmptyState compact title="No posted records match these filters" action={<ClearFiltersButton onClick={clear} />} />
        ) : (
          <EmptyState
            compact
            title="The PBX has not posted any records"
            description="Point FreeSWITCH's mod_json_cdr at /api/cdr/intake with a token that has the cdr_intake/post permission (the setup is under PBX servers)."
          />
        )
      }
    />
  );
}
