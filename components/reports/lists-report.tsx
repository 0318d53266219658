"use client";

import type { ListsReport } from "@/lib/api-types";
import { formatCount } from "@/lib/format";
import { reportCsvHref, useReport, type ReportFilters } from "@/hooks/use-reports";
import type { ChartSeries } from "@/components/ui/chart-legend";
import type { TableSpec } from "@/components/ui/resource-table";
import { rateText, ReportSection, SeriesBars } from "./report-section";

type Row = ListsReport["rows"][number];

/** A list's leads split three ways (dialed overlaps them, so it is in the table only). */
const SPLIT: ChartSeries[] = [
  { key: "exhausted", label: "Exhausted", fill: "#94a3b8" },
  { key: "remaining", label: "Remaining", fill: "#3b82f6" },
];

const SPEC: TableSpec<Row> = {
  caption: "Leads dialed, remaining, exhausted and callbacks due per list",
  noun: "lists",
  columns: [
    { header: "List", cell: (r) => `${r.list}${r.active ? "" : " (inactive)"}`, rowHeader: true, sortValue: (r) => r.list.toLowerCase() },
    { header: "Leads", cell: (r) => formatCount(r.leads), align: "right", sortValue: (r) => r.leads },
    { header: "Dialed", cell: (r) => formatCount(r.dialed), align: "right", sortValue: (r) => r.dialed },
    { header: "Remaining", cell: (r) => formatCount(r.remaining), align: "right", sortValue: (r) => r.remaining },
    { header: "Exhausted", cell: (r) => formatCount(r.exhausted), align: "right", sortValue: (r) => r.exhausted },
    { header: "Callbacks due", cell: (r) => formatCount(r.callbacks_due), align: "right", sortValue: (r) => r.callbacks_due },
    { header: "Penetration", cell: (r) => rateText(r.penetration), align: "right", sortValue: (r) => r.penetration },
  ],
};

export function ListsReportSection({ filters }: { filters: ReportFilters }) {
  const q = useReport("lists", filters);
  return (
    <ReportSection
      title="List penetration"
      description="Each list's leads as they stand now (not limited to the date range)"
      csvHref={reportCsvHref("lists", filters)}
      query={{ ...q, rows: q.data?.rows }}
      spec={SPEC}
      rowKey={(r) => r.list_id}
      emptyTitle="No lists yet"
      chart={(rows) => (
        <SeriesBars rows={rows} xKey="list" series={SPLIT} stacked label="Remaining and exhausted leads per list, stacked" />
      )}
    />
  );
}
