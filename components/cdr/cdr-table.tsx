import Link from "next/link";
import type { Campaign, CdrRecord } from "@/lib/api-types";
import { formatDuration } from "@/lib/format";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { RecordingControl } from "./recording-control";

const NONE = <span className="text-slate-400 dark:text-slate-500">—</span>;

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

export function CdrTable({ records, campaigns, faded }: { records: CdrRecord[]; campaigns: Campaign[] | undefined; faded: boolean }) {
  return (
    <div className={`relative overflow-x-auto transition-opacity ${faded ? "opacity-60" : ""}`} aria-busy={faded}>
      <table className="data-table [&_td]:px-2! [&_th]:px-2! [&_tr>*:first-child]:pl-3! [&_tr>*:last-child]:pr-3!">
        <caption className="sr-only">Call records, newest first</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60 [&_th]:whitespace-nowrap">
          <tr>
            <th scope="col">Start time</th>
            <th scope="col">Campaign</th>
            <th scope="col">Destination</th>
            <th scope="col">Caller ID</th>
            <th scope="col">Agent</th>
            <th scope="col">Disposition</th>
            <th scope="col" className="text-right!">
              Duration
            </th>
            <th scope="col" className="text-right!">
              Billsec
            </th>
            <th scope="col">Hangup</th>
            <th scope="col">Recording</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {records.map((r) => {
            const recording = r.recording_file;
            return (
              <tr key={r.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                <td>
                  <DateTime value={r.start_time} seconds />
                </td>
                <td className="max-w-48 truncate">
                  <CampaignCell id={r.campaign_id} campaigns={campaigns} />
                </td>
                <td className="font-mono text-[13px]">{r.destination ?? NONE}</td>
                <td className="max-w-44 truncate font-mono text-[13px]" title={r.callerid ?? undefined}>
                  {r.callerid ?? NONE}
                </td>
                <td>{r.agent ?? NONE}</td>
                <td>
                  <StatusBadge status={r.disposition} />
                </td>
                <td className="text-right tabular-nums">{formatDuration(r.duration)}</td>
                <td className="text-right tabular-nums">{formatDuration(r.billsec)}</td>
                <td className="min-w-44 whitespace-normal! text-xs">
                  <HangupCell record={r} />
                </td>
                <td className="text-xs">{recording ? <RecordingControl cdrId={r.id} file={recording} /> : NONE}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
