"use client";

import Link from "next/link";
import { useMemo } from "react";
import type { Campaign, CdrRecord } from "@/lib/api-types";
import { formatDuration } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { EMPTY_CELL as NONE, ResourceTable, type Column } from "@/components/ui/resource-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { RecordingControl } from "./recording-control";

function CampaignCell({ id, campaigns }: { id: number | null; campaigns: Campaign[] | undefined }) {
  if (id === null) return NONE;
  const campaign = campaigns?.find((c) => c.id === id);
  if (campaign) {
    return (
      <Link href={`/campaigns/${id}`} className="text-brand-700 hover:underline dark:text-brand-100">
        {campaign.name}
      </Link>
    );
  }
  // Call records outlive their campaign; without a match in a loaded list it was deleted.
  return <span className="text-slate-500 dark:text-slate-400">{campaigns ? `#${id} (deleted)` : `#${id}`}</span>;
}

function HangupCell({ record: r }: { record: CdrRecord }) {
  if (r.hangup_cause === null && !r.hangup_cause_text && r.sip_code === null) return NONE;
  return (
    <span className="text-slate-600 dark:text-slate-300">
      {r.hangup_cause_text ?? "Cause"}
      {r.hangup_cause !== null && <span className="tabular-nums"> ({r.hangup_cause})</span>}
      {r.sip_code !== null && (
        <span className="ml-1.5 rounded bg-slate-100 px-1 font-mono whitespace-nowrap dark:bg-slate-800">SIP {r.sip_code}</span>
      )}
    </span>
  );
}

/** The lead's number, and under it the number the trunk really dialed when its prefix rewriting changed it. */
function DestinationCell({ record: r }: { record: CdrRecord }) {
  if (r.destination === null) return NONE;
  if (!r.dialed_number || r.dialed_number === r.destination) return r.destination;
  return (
    <span className="flex flex-col">
      <span>{r.destination}</span>
      <span className="text-xs text-slate-600 dark:text-slate-300">dialed {r.dialed_number}</span>
    </span>
  );
}

function cdrColumns(campaigns: Campaign[] | undefined): Column<CdrRecord>[] {
  return [
    { header: "Start time", cell: (r) => <DateTime value={r.start_time} seconds /> },
    { header: "Campaign", className: "max-w-48 truncate", cell: (r) => <CampaignCell id={r.campaign_id} campaigns={campaigns} /> },
    { header: "Destination", className: "font-mono text-[13px]", cell: (r) => <DestinationCell record={r} /> },
    { header: "Caller ID", className: "max-w-44 truncate font-mono text-[13px]", title: (r) => r.callerid ?? undefined, cell: (r) => r.callerid ?? NONE },
    { header: "Agent", cell: (r) => r.agent ?? NONE },
    { header: "Disposition", cell: (r) => <StatusBadge status={r.disposition} /> },
    { header: "Duration", align: "right", cell: (r) => formatDuration(r.duration) },
    { header: "Billsec", align: "right", cell: (r) => formatDuration(r.billsec) },
    { header: "Hangup", className: "min-w-44 whitespace-normal! text-xs", cell: (r) => <HangupCell record={r} /> },
    { header: "Recording", className: "text-xs", cell: (r) => (r.recording_file ? <RecordingControl cdrId={r.id} file={r.recording_file} /> : NONE) },
  ];
}

/** Call records, newest first: the call records page and a campaign's recent calls. */
export function CdrTable({
  campaigns,
  skeletonRows,
  ...table
}: { campaigns: Campaign[] | undefined } & Pick<
  React.ComponentProps<typeof ResourceTable<CdrRecord>>,
  "query" | "paging" | "empty"
> & { skeletonRows: number }) {
  const spec = useMemo(
    () => ({
      caption: "Call records, newest first",
      noun: "call records",
      columns: cdrColumns(campaigns),
      skeletonRows,
      className: "[&_td]:px-2! [&_th]:px-2! [&_tr>*:first-child]:pl-3! [&_tr>*:last-child]:pr-3!",
    }),
    [campaigns, skeletonRows],
  );
  return <ResourceTable {...table} spec={spec} />;
}
