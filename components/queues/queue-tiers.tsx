"use client";

import { useState } from "react";
import { useAgents } from "@/hooks/use-agents";
import { useAddTier, useQueue, useRemoveTier } from "@/hooks/use-queues";
import type { Queue, QueueTier } from "@/lib/api-types";
import { errorMessage } from "@/lib/form-errors";
import { SelectField, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { ACTION_BUTTON, DANGER_ACTION_BUTTON, ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toaster";

const STATE_WORDS: Record<QueueTier["agent_state"], string> = { logged_out: "Logged Out", available: "Available", on_call: "On Call", wrapup: "Wrapup", on_break: "On Break" };

const COLUMNS: Column<QueueTier>[] = [
  { header: "Agent", rowHeader: true, cell: (t) => <span className="font-medium">{t.agent_name}</span> },
  { header: "Level", cell: (t) => t.level },
  { header: "Position", cell: (t) => t.position },
  { header: "State", cell: (t) => STATE_WORDS[t.agent_state] },
];

/** A queue's tiers: its agents by level and position, with a form to add one and a button to take one out. */
export function QueueTiers({ queue }: { queue: Queue }) {
  const detail = useQueue(queue.id);
  const agents = useAgents({ live: false });
  const add = useAddTier(queue.id);
  const remove = useRemoveTier(queue.id);
  const toast = useToast();
  const [agent, setAgent] = useState("");
  const [level, setLevel] = useState("1");
  const [position, setPosition] = useState("1");
  const [error, setError] = useState<string | null>(null);
  const tiers = detail.data?.tiers ?? [];
  const inQueue = new Set(tiers.map((t) => t.agent_id));
  const candidates = (agents.data ?? []).filter((a) => !inQueue.has(a.id));
  const spec: TableSpec<QueueTier> = { caption: `Agents of queue ${queue.name}`, noun: "agents", columns: COLUMNS, skeletonRows: 2 };
  const prefix = `queue-${queue.id}-tier`;

  function onAdd(e: React.FormEvent) {
    e.preventDefault();
    if (add.isPending) return;
    setError(null);
    if (!agent) return setError("Choose an agent to add.");
    if (!/^\d{1,3}$/.test(level) || Number(level) < 1 || Number(level) > 100) return setError("Level must be a whole number from 1 to 100.");
    if (!/^\d{1,4}$/.test(position) || Number(position) < 1 || Number(position) > 1000) return setError("Position must be a whole number from 1 to 1000.");
    add.mutate(
      { agent: Number(agent), level: Number(level), position: Number(position) },
      {
        onSuccess: (t) => {
          toast("success", `${t.agent_name} added to queue ${queue.name}.`);
          setAgent("");
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  }

  return (
    <section aria-label={`Tiers of queue ${queue.name}`} className="space-y-3">
      <h3 className="text-sm font-semibold">Agents (tiers)</h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Lower levels are offered calls first; with tier rules on, a higher level only after the wait. Only these agents may log in to the campaigns
        that use this queue.
      </p>
      <ResourceTable
        spec={spec}
        query={detail.isPending ? { isPending: true, error: null } : { isPending: false, error: detail.error }}
        rows={tiers}
        empty={<EmptyState compact title="No agents in this queue" description="Add one below: its level and position decide when it is offered calls." />}
        rowActions={(t) => (
          <button
            type="button"
            className={DANGER_ACTION_BUTTON}
            aria-disabled={remove.isPending}
            onClick={() =>
              !remove.isPending &&
              remove.mutate(t.agent_id, { onSuccess: () => toast("success", `${t.agent_name} taken out of queue ${queue.name}.`), onError: (err) => toast("error", errorMessage(err)) })
            }
          >
            Remove<span className="sr-only"> {t.agent_name} from queue {queue.name}</span>
          </button>
        )}
      />
      <form onSubmit={onAdd} noValidate aria-label={`Add an agent to queue ${queue.name}`} className="grid items-end gap-3 sm:grid-cols-4">
        <SelectField id={`${prefix}-agent`} label="Agent" value={agent} onChange={(e) => setAgent(e.target.value)}>
          <option value="">Choose an agent…</option>
          {candidates.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <TextField id={`${prefix}-level`} label="Level" inputMode="numeric" value={level} onChange={(e) => setLevel(e.target.value)} />
        <TextField id={`${prefix}-position`} label="Position" inputMode="numeric" value={position} onChange={(e) => setPosition(e.target.value)} />
        <button type="submit" className={`${ACTION_BUTTON} h-9`} disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add agent"}
        </button>
      </form>
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}
