"use client";

import { useCreateQueue, useUpdateQueue, type QueueInput } from "@/hooks/use-queues";
import type { Queue } from "@/lib/api-types";
import type { FieldErrors } from "@/lib/form-errors";
import { CheckboxField, FormButtons, SelectField, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { useCheckedForm } from "@/components/ui/use-checked-form";

export const STRATEGY_LABELS: Record<Queue["strategy"], string> = {
  "longest-idle-agent": "Longest idle agent",
  "round-robin": "Round robin (by position, in turn)",
  "fewest-calls": "Fewest calls",
  "ring-all": "Ring all (every level at once)",
  "top-down": "Top down (always the first position)",
};

const LABELS = {
  name: "Name",
  strategy: "Strategy",
  wrap_up_sec: "Wrap-up (s)",
  no_answer_delay_sec: "No-answer delay (s)",
  moh: "Music on hold",
  "tier_rules.apply": "Tier rules",
  "tier_rules.wait_second": "Wait before the next level (s)",
  "tier_rules.wait_multiply_level": "Multiply the wait by the level",
};

type Values = { name: string; strategy: Queue["strategy"]; moh: string; apply: boolean; wait: string; multiply: boolean; wrap: string; noAnswer: string };

const fromQueue = (q?: Queue): Values => ({
  name: q?.name ?? "",
  strategy: q?.strategy ?? "longest-idle-agent",
  moh: q?.moh ?? "",
  apply: q?.tier_rules.apply ?? false,
  wait: String(q?.tier_rules.wait_second ?? 0),
  multiply: q?.tier_rules.wait_multiply_level ?? false,
  wrap: String(q?.wrap_up_sec ?? 10),
  noAnswer: String(q?.no_answer_delay_sec ?? 0),
});

const seconds = (v: string) => /^\d{1,4}$/.test(v.trim()) && Number(v) <= 3600;

/** What the browser can tell before asking the server; the server checks everything again. */
function check(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = ["Name is required."];
  else if (!/^[A-Za-z0-9_.@-]+$/.test(v.name.trim())) errors.name = ["Name: letters, digits and _ . @ - only."];
  if (!seconds(v.wrap)) errors.wrap_up_sec = ["Wrap-up must be a whole number of seconds, 0 to 3600."];
  if (!seconds(v.noAnswer)) errors.no_answer_delay_sec = ["No-answer delay must be a whole number of seconds, 0 to 3600."];
  if (!seconds(v.wait)) errors["tier_rules.wait_second"] = ["The wait must be a whole number of seconds, 0 to 3600."];
  return errors;
}

const toInput = (v: Values): QueueInput => ({
  name: v.name.trim(),
  strategy: v.strategy,
  moh: v.moh.trim() || null,
  tier_rules: { apply: v.apply, wait_second: Number(v.wait), wait_multiply_level: v.multiply },
  wrap_up_sec: Number(v.wrap),
  no_answer_delay_sec: Number(v.noAnswer),
});

/** Create (no `queue`) or edit a queue's settings. */
export function QueueForm({ queue, onSaved, onCancel }: { queue?: Queue; onSaved?: (q: Queue) => void; onCancel?: () => void }) {
  const create = useCreateQueue();
  const update = useUpdateQueue();
  const saving = create.isPending || update.isPending;
  const prefix = queue ? `queue-${queue.id}` : "new-queue";
  const fieldId = (k: string) => `${prefix}-${k.replace(".", "-")}`;
  const { values, setValues, set, errors, formError, submit } = useCheckedForm({ initial: () => fromQueue(queue), labels: LABELS, fieldId, check });

  function onSubmit(e: React.FormEvent) {
    submit(e, saving, (v, onError) => {
      if (queue) update.mutate({ id: queue.id, changes: toInput(v) }, { onSuccess: (q) => onSaved?.(q), onError });
      else
        create.mutate(toInput(v), {
          onSuccess: (q) => {
            setValues(fromQueue());
            onSaved?.(q);
          },
          onError,
        });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={queue ? `Edit queue ${queue.name}` : "New queue"}>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id={fieldId("name")} label={LABELS.name} error={errors.name} autoComplete="off" maxLength={64} placeholder="e.g. sales" value={values.name} onChange={(e) => set("name", e.target.value)} />
        <SelectField id={fieldId("strategy")} label={LABELS.strategy} error={errors.strategy} value={values.strategy} onChange={(e) => set("strategy", e.target.value as Queue["strategy"])}>
          {Object.entries(STRATEGY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          id={fieldId("moh")}
          label={LABELS.moh}
          hint="A media URI or MOH class"
          error={errors.moh}
          inputClassName="font-mono"
          autoComplete="off"
          maxLength={255}
          placeholder="local_stream://moh"
          value={values.moh}
          onChange={(e) => set("moh", e.target.value)}
        />
        <TextField id={fieldId("wrap_up_sec")} label={LABELS.wrap_up_sec} hint="After each call, before the next" error={errors.wrap_up_sec} inputMode="numeric" value={values.wrap} onChange={(e) => set("wrap", e.target.value)} />
        <TextField
          id={fieldId("no_answer_delay_sec")}
          label={LABELS.no_answer_delay_sec}
          hint="An agent who does not take a call is passed over this long"
          error={errors.no_answer_delay_sec}
          inputMode="numeric"
          value={values.noAnswer}
          onChange={(e) => set("noAnswer", e.target.value)}
        />
        <TextField
          id={fieldId("tier_rules.wait_second")}
          label={LABELS["tier_rules.wait_second"]}
          hint="With tier rules on"
          error={errors["tier_rules.wait_second"]}
          inputMode="numeric"
          value={values.wait}
          onChange={(e) => set("wait", e.target.value)}
        />
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <CheckboxField id={fieldId("tier_rules.apply")} label={LABELS["tier_rules.apply"]} hint="Higher levels get a call only after the wait" error={errors["tier_rules.apply"]} checked={values.apply} onChange={(v) => set("apply", v)} />
        <CheckboxField id={fieldId("tier_rules.wait_multiply_level")} label={LABELS["tier_rules.wait_multiply_level"]} error={errors["tier_rules.wait_multiply_level"]} checked={values.multiply} onChange={(v) => set("multiply", v)} />
      </div>
      {formError && <Notice tone="error">{formError}</Notice>}
      <FormButtons pending={saving} submitLabel={queue ? "Save queue" : "Add queue"} pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
