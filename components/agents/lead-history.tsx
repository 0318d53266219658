"use client";

import { useLeadHistory } from "@/hooks/use-agents";
import type { AgentCall } from "@/lib/api-types";
import { formatDuration, humanize } from "@/lib/format";
import { clockIn } from "@/lib/zone-time";
import { DateTime } from "@/components/ui/date-time";
import { ErrorState } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { useNow } from "@/hooks/use-now";

const ZONE_SOURCES: Record<NonNullable<AgentCall["lead"]["time_zone"]>["source"], string> = {
  lead: "set on the lead",
  state: "from its state",
  zip: "from its ZIP code",
  area_code: "from its area code",
  country: "from its country code",
  fallback: "the campaign's zone",
};

/** The lead's own clock, in the zone its calling hours (and callbacks) are judged in. */
export function LeadClock({ zone }: { zone: NonNullable<AgentCall["lead"]["time_zone"]> }) {
  const now = useNow();
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="lead-clock">
      Their time: <span className="font-medium text-slate-900 tabular-nums dark:text-slate-100">{clockIn(zone.zone, now)}</span>{" "}
      <span className="text-slate-500 dark:text-slate-400">
        · {zone.zone} ({ZONE_SOURCES[zone.source]})
      </span>
    </p>
  );
}

/**
 * The calls placed to this lead, newest first: when, which number, how it ended, the agent's word
 * and notes. It is fetched again when the call on screen moves on (ends, is written, is
 * dispositioned), so the table follows it without polling.
 */
export function LeadHistory({ agentId, call }: { agentId: number; call: AgentCall }) {
  // The lead's status moves on in the same write that closes the call's attempt: with it, the history has the outcome.
  const history = useLeadHistory(agentId, call.lead.id, [call.attempt_id, call.ended_at ? "ended" : call.state, call.lead.status ?? "", call.lead.disposition ?? ""].join(":"));
  return (
    <section aria-labelledby={`lead-history-${call.lead.id}`} className="space-y-2">
      <h3 id={`lead-history-${call.lead.id}`} className="text-sm font-semibold">
        Calls to this lead
      </h3>
      {history.error ? (
        <ErrorState title="Could not load the lead's calls" error={history.error} onRetry={() => history.refetch()} />
      ) : history.isPending ? (
        <Skeleton className="h-16" />
      ) : history.data.attempts.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No calls yet: this is the first.</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="data-table">
            <caption className="sr-only">Calls to this lead, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Number</th>
                <th scope="col">Outcome</th>
                <th scope="col">Disposition</th>
                <th scope="col">Talk</th>
                <th scope="col">Agent</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {history.data.attempts.map((a) => (
                <tr key={a.attempt_id}>
                  <td>
                    <DateTime value={a.started_at} />
                  </td>
                  <td className="font-mono text-[13px]">{a.phone_number}</td>
                  <td>{a.outcome ? humanize(a.outcome) : a.ended_at ? "—" : "On the line"}</td>
                  <td>
                    {a.disposition ?? "—"}
                    {a.callback_at && (
                      <span className="block text-xs text-slate-500 dark:text-slate-400">
                        back at <DateTime value={a.callback_at} />
                      </span>
                    )}
                  </td>
                  <td className="tabular-nums">{a.talk_sec === null ? "—" : formatDuration(a.talk_sec)}</td>
                  <td>{a.agent ?? "—"}</td>
                  <td className="max-w-64 whitespace-normal! break-words">{a.notes ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
