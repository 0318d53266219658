"use client";

import { useState } from "react";
import { useReplayDelivery, useWebhookDeliveries } from "@/hooks/use-webhooks";
import { useTableState } from "@/hooks/use-table-state";
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/panel";
import { ACTION_BUTTON, EMPTY_CELL, type Column } from "@/components/ui/resource-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { TablePanel, type TablePanelSpec } from "@/components/ui/table-panel";
import { useToast } from "@/components/ui/toaster";

const COLUMNS: Column<WebhookDelivery>[] = [
  {
    header: "Event",
    rowHeader: true,
    cell: (d) => (
      <>
        <span className="font-mono text-[13px]">{d.event_type}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">#{d.id}</span>
      </>
    ),
  },
  { header: "Status", cell: (d) => <StatusBadge status={d.status} /> },
  { header: "Attempts", align: "right", cell: (d) => d.attempts },
  { header: "Response", cell: (d) => d.response_code ?? EMPTY_CELL },
  { header: "Last error", className: "max-w-72 truncate", title: (d) => d.last_error ?? undefined, cell: (d) => d.last_error ?? EMPTY_CELL },
  { header: "Created", cell: (d) => <DateTime value={d.created_at} seconds /> },
  {
    header: "Last attempt",
    cell: (d) =>
      d.last_attempt_at ? (
        <>
          <DateTime value={d.last_attempt_at} seconds />
          {d.duration_ms !== null && <span className="block text-xs text-slate-500 dark:text-slate-400">{d.duration_ms} ms</span>}
        </>
      ) : (
        EMPTY_CELL
      ),
  },
  { header: "Next try", cell: (d) => <DateTime value={d.next_attempt_at} seconds /> },
];

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = { pending: "Pending", delivering: "Delivering", delivered: "Delivered", failed: "Failed" };
// "pending" lists the rows being sent as well.
const FILTERABLE: WebhookDeliveryStatus[] = ["pending", "delivered", "failed"];

/** A subscription's delivery log, newest first, with a Replay button on what is no longer queued. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const table = useTableState();
  const [status, setStatus] = useState<WebhookDeliveryStatus | "">("");
  const query = useWebhookDeliveries(webhook.id, { status: status || undefined, page: table.page, perPage: table.perPage });
  const spec: TablePanelSpec<WebhookDelivery> = {
    title: `Deliveries of ${webhook.name}`,
    description: "Every event sent to this subscription: failures are retried with growing delays until the last attempt.",
    caption: `Deliveries of webhook ${webhook.name}, newest first`,
    noun: "deliveries",
    columns: COLUMNS,
    skeletonRows: 3,
  };
  return (
    <TablePanel
      spec={spec}
      table={table}
      query={query}
      filters={
        <FilterSelect
          label="Status"
          value={status}
          onChange={(v) => {
            setStatus(v as WebhookDeliveryStatus | "");
            table.firstPage();
          }}
        >
          <option value="">All</option>
          {FILTERABLE.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </FilterSelect>
      }
      empty={
        <EmptyState
          compact
          title={status ? "No deliveries with this status" : "No deliveries yet"}
          description={status ? "Choose All to see every delivery." : "When one of the subscribed events happens, its delivery shows here."}
        />
      }
      rowActions={(d) => <ReplayButton delivery={d} />}
    />
  );
}

function ReplayButton({ delivery: d }: { delivery: WebhookDelivery }) {
  const replay = useReplayDelivery();
  const toast = useToast();
  const queued = d.status === "pending" || d.status === "delivering";
  return (
    <button
      type="button"
      className={ACTION_BUTTON}
      disabled={queued}
      title={queued ? "Already queued" : undefined}
      aria-disabled={replay.isPending}
      onClick={() => {
        if (replay.isPending) return;
        replay.mutate(
          { subscriptionId: d.subscription_id, id: d.id },
          { onSuccess: () => toast("success", `Delivery #${d.id} queued again.`), onError: (err) => toast("error", errorMessage(err)) },
        );
      }}
    >
      Replay<span className="sr-only"> delivery {d.id}</span>
    </button>
  );
}
