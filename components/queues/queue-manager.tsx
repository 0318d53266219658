"use client";

import { useRef, useState } from "react";
import { useDeleteQueue, useQueues } from "@/hooks/use-queues";
import { useRowEditor } from "@/hooks/use-row-editor";
import type { Queue } from "@/lib/api-types";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { ACTION_BUTTON, EMPTY_CELL, ResourceTable, type Column, type TableSpec } from "@/components/ui/resource-table";
import { TablePageHeader } from "@/components/ui/table-page-header";
import { DeleteRowButton, DeleteRowDialog } from "@/components/ui/table-row-actions";
import { useToast } from "@/components/ui/toaster";
import { QueueForm, STRATEGY_LABELS } from "./queue-form";
import { QueueTiers } from "./queue-tiers";

function tierRules(q: Queue) {
  if (!q.tier_rules.apply) return "Off";
  return `Next level after ${q.tier_rules.wait_second} s${q.tier_rules.wait_multiply_level ? " × level" : ""}`;
}

const COLUMNS: Column<Queue>[] = [
  { header: "Name", rowHeader: true, cell: (q) => <span className="font-medium">{q.name}</span> },
  { header: "Strategy", cell: (q) => STRATEGY_LABELS[q.strategy] },
  { header: "Tier rules", cell: tierRules },
  { header: "Wrap-up", cell: (q) => `${q.wrap_up_sec} s` },
  { header: "Agents", cell: (q) => q.tier_count },
  { header: "Campaigns", cell: (q) => (q.campaigns.length ? q.campaigns.map((c) => c.name).join(", ") : EMPTY_CELL) },
];
const SPEC: TableSpec<Queue> = { caption: "Queues", noun: "queues", columns: COLUMNS, skeletonRows: 2 };

export function QueueManager() {
  const query = useQueues();
  const editor = useRowEditor("edit-queue");
  const [deleting, setDeleting] = useState<Queue | null>(null);
  const deleteQueue = useDeleteQueue();
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);

  return (
    <div className="space-y-5">
      <TablePageHeader title="Queues">
        A queue decides which agent takes each answered call of the campaigns that use it: by its strategy, its agents&apos; levels and
        positions (tiers), and its tier rules. Its wrap-up replaces the campaign&apos;s, and pacing counts only the queue&apos;s agents.
      </TablePageHeader>

      <Panel title="All queues" headingRef={headingRef}>
        <ResourceTable
          spec={SPEC}
          query={query}
          empty={<EmptyState compact title="No queues yet" description="Add one below, then put agents in it and choose it on a campaign." />}
          expanded={(q) =>
            editor.panel(q.id, () => (
              <div className="space-y-6">
                <QueueForm
                  queue={q}
                  onSaved={(saved) => {
                    toast("success", `Queue ${saved.name} saved.`);
                    editor.close(q.id);
                  }}
                  onCancel={() => editor.close(q.id)}
                />
                <QueueTiers queue={q} />
              </div>
            ))
          }
          rowActions={(q) => (
            <>
              <button type="button" id={editor.buttonId(q.id)} className={ACTION_BUTTON} aria-expanded={editor.isEditing(q.id)} onClick={() => editor.toggle(q.id)}>
                {editor.isEditing(q.id) ? "Close" : "Edit"}
                <span className="sr-only"> queue {q.name}</span>
              </button>
              <DeleteRowButton
                label={`Delete queue ${q.name}`}
                blockedBy={q.campaigns.length ? `Used by ${q.campaigns.map((c) => c.name).join(", ")}` : undefined}
                onClick={() => setDeleting(q)}
              />
            </>
          )}
        />
      </Panel>

      <Panel title="Add a queue">
        <div className="p-4">
          <QueueForm onSaved={(q) => toast("success", `Queue ${q.name} added. Edit it to put agents in it.`)} />
        </div>
      </Panel>

      <DeleteRowDialog row={deleting} what={(q) => `queue ${q.name}`} confirmLabel="Delete queue" mutation={deleteQueue} onClose={() => setDeleting(null)} fallbackFocus={headingRef}>
        {() => <p>Its tiers go with it. The agents themselves stay.</p>}
      </DeleteRowDialog>
    </div>
  );
}
