"use client";

import { useState } from "react";
import { useUpdateAgentLeadPhones } from "@/hooks/use-agents";
import type { AgentCall } from "@/lib/api-types";
import { LeadPhonesForm } from "@/components/lists/lead-phones-form";
import { useToast } from "@/components/ui/toaster";
import { Kbd, useShortcuts } from "./shortcuts";

/**
 * The lead's numbers, and the lists' editor for them (E), on the agent's own lead. While the lead
 * is being called its numbers stay as dialed (the API says 409), so the editor opens after the call.
 */
export function LeadNumbers({ agentId, call }: { agentId: number; call: AgentCall }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateAgentLeadPhones(agentId);
  const toast = useToast();
  const numbers = call.lead.phones?.length ? call.lead.phones.map((p) => p.phone_number) : [call.lead.phone_number];
  // Until the call's end is written the lead is still `calling` (and the API would say 409).
  const editable = Boolean(call.ended_at || call.state === "ended") && call.lead.status !== "calling";

  useShortcuts({ e: () => (editable && !editing ? setEditing(true) : false) });

  return (
    <section aria-labelledby={`lead-numbers-${call.lead.id}`} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`lead-numbers-${call.lead.id}`} className="text-sm font-semibold">
          Numbers
        </h3>
        {!editing && (
          <button type="button" className="btn-secondary px-2.5 py-1 text-xs" aria-keyshortcuts="E" disabled={!editable} onClick={() => setEditing(true)}>
            Edit numbers
            <Kbd>E</Kbd>
          </button>
        )}
      </div>
      {editing ? (
        <LeadPhonesForm
          lead={{ id: call.lead.id, phone_number: call.lead.phone_number, phones: numbers.map((phone_number) => ({ phone_number })) }}
          update={update}
          onCancel={() => setEditing(false)}
          onDone={(saved) => {
            toast("success", `Numbers of ${saved[0]} saved.`);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <ol className="flex flex-wrap gap-x-4 gap-y-1 font-mono text-sm" aria-label="The lead's numbers in dialing order">
            {numbers.map((n, i) => (
              <li key={n}>
                <span className="sr-only">Phone {i + 1}: </span>
                {n}
              </li>
            ))}
          </ol>
          {!editable && <p className="text-xs text-slate-500 dark:text-slate-400">The numbers can be edited once the call has ended.</p>}
        </>
      )}
    </section>
  );
}
