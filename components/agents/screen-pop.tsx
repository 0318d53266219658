"use client";

import type { AgentCall } from "@/lib/api-types";
import { humanize } from "@/lib/format";
import { Elapsed } from "./agent-state-badge";
import { LeadClock, LeadHistory } from "./lead-history";
import { LeadNumbers } from "./lead-numbers";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * The lead on the line: its number, the call's timer, its clock, the lead's own data as a key/value
 * table, and (given the agent) its numbers and earlier calls.
 */
export function ScreenPop({ call, agentId }: { call: AgentCall; agentId?: number }) {
  const entries = Object.entries(call.lead.data ?? {});
  const ended = Boolean(call.ended_at);
  const preview = Boolean(call.preview);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{preview ? "Next lead · not dialed yet" : ended ? "Call ended" : "On the line"}</p>
          <p className="font-mono text-3xl font-semibold tracking-tight" data-testid="screen-pop-number">
            {call.lead.phone_number}
          </p>
          {call.lead.time_zone && <LeadClock zone={call.lead.time_zone} />}
          {call.lead.attempts > 0 && (
            <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
              Attempt {call.lead.attempts}
              {call.lead.disposition && <> · last disposition {call.lead.disposition}</>}
            </p>
          )}
        </div>
        <div className="text-right">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{preview ? "Shown for" : "Call time"}</p>
          <p className="text-3xl font-semibold" role="timer" aria-label={preview ? "Shown for" : "Call time"}>
            <Elapsed since={call.answered_at ?? call.started_at} until={call.ended_at} />
          </p>
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No details were uploaded with this number.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="data-table">
            <caption className="sr-only">Lead details</caption>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {entries.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className="w-1/3 bg-slate-50 normal-case! tracking-normal! dark:bg-slate-900/60">
                    {humanize(key)}
                  </th>
                  <td className="whitespace-normal! break-words">{show(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {agentId !== undefined && call.lead.id > 0 && (
        <>
          {!call.preview && <LeadNumbers agentId={agentId} call={call} />}
          <LeadHistory agentId={agentId} call={call} />
        </>
      )}
    </div>
  );
}
