"use client";

import { useCreateWebhook, useUpdateWebhook, type WebhookInput } from "@/hooks/use-webhooks";
import type { Webhook, WebhookWithSecret } from "@/lib/api-types";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import type { FieldErrors } from "@/lib/form-errors";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhook-events";
import { CheckboxField, FieldError, FormButtons, TextField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";

const LABELS = { name: "Name", url: "URL", event_types: "Events", is_active: "Active" };

type Values = { name: string; url: string; event_types: WebhookEventType[]; is_active: boolean };

const fromWebhook = (w?: Webhook): Values => ({ name: w?.name ?? "", url: w?.url ?? "", event_types: w?.event_types ?? [], is_active: w ? w.is_active === 1 : true });

/** What the browser can tell before asking the server; the server checks everything again. */
function check(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = ["Name is required."];
  let url: URL | null = null;
  try {
    url = new URL(v.url.trim());
  } catch {
    /* reported below */
  }
  if (!v.url.trim()) errors.url = ["URL is required."];
  else if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) errors.url = ["URL must be an http:// or https:// address, e.g. https://crm.example.com/hooks/pacer."];
  if (v.event_types.length === 0) errors.event_types = ["Choose at least one event."];
  return errors;
}

const toInput = (v: Values): WebhookInput => ({ name: v.name.trim(), url: v.url.trim(), event_types: v.event_types, is_active: v.is_active });

/**
 * Create (no `webhook`) or edit a subscription. A new one's reply holds its signing secret, which
 * `onCreated` shows once.
 */
export function WebhookForm({ webhook, onSaved, onCreated, onCancel }: { webhook?: Webhook; onSaved?: (w: Webhook) => void; onCreated?: (w: WebhookWithSecret) => void; onCancel?: () => void }) {
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const saving = create.isPending || update.isPending;
  const prefix = webhook ? `webhook-${webhook.id}` : "new-webhook";
  const fieldId = (k: string) => (k === "event_types" ? `${prefix}-event-${WEBHOOK_EVENT_TYPES[0]}` : `${prefix}-${k}`);
  const { values, setValues, set, errors, formError, submit } = useCheckedForm({ initial: () => fromWebhook(webhook), labels: LABELS, fieldId, check });

  function toggleEvent(type: WebhookEventType, on: boolean) {
    set("event_types", on ? WEBHOOK_EVENT_TYPES.filter((t) => t === type || values.event_types.includes(t)) : values.event_types.filter((t) => t !== type));
  }

  function onSubmit(e: React.FormEvent) {
    submit(e, saving, (v, onError) => {
      if (webhook) update.mutate({ id: webhook.id, changes: toInput(v) }, { onSuccess: (w) => onSaved?.(w), onError });
      else
        create.mutate(toInput(v), {
          onSuccess: (w) => {
            setValues(fromWebhook());
            onCreated?.(w);
          },
          onError,
        });
    });
  }

  const eventsErrorId = `${prefix}-events-error`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={webhook ? `Edit webhook ${webhook.name}` : "New webhook"}>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id={fieldId("name")} label={LABELS.name} error={errors.name} autoComplete="off" maxLength={100} placeholder="e.g. CRM" value={values.name} onChange={(e) => set("name", e.target.value)} />
        <TextField
          id={fieldId("url")}
          label={LABELS.url}
          hint="Pacer POSTs each event here as JSON, signed with the subscription's secret."
          error={errors.url}
          className="sm:col-span-2"
          inputClassName="font-mono"
          type="url"
          autoComplete="off"
          maxLength={2000}
          placeholder="https://crm.example.com/hooks/pacer"
          value={values.url}
          onChange={(e) => set("url", e.target.value)}
        />
      </div>
      <fieldset aria-describedby={errors.event_types?.length ? eventsErrorId : undefined}>
        <legend className="label">{LABELS.event_types}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <div key={type} className="flex items-start gap-2 text-sm">
              <input
                id={`${prefix}-event-${type}`}
                type="checkbox"
                className="mt-0.5 h-4 w-4 accent-brand-600"
                checked={values.event_types.includes(type)}
                onChange={(e) => toggleEvent(type, e.target.checked)}
              />
              <label htmlFor={`${prefix}-event-${type}`}>
                <span className="font-mono text-[13px]">{type}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{WEBHOOK_EVENT_LABELS[type]}</span>
              </label>
            </div>
          ))}
        </div>
        <FieldError id={eventsErrorId} messages={errors.event_types} />
      </fieldset>
      <CheckboxField id={fieldId("is_active")} label="Active" hint="An inactive subscription gets no new deliveries." error={errors.is_active} checked={values.is_active} onChange={(v) => set("is_active", v)} />
      {formError && <Notice tone="error">{formError}</Notice>}
      <FormButtons pending={saving} submitLabel={webhook ? "Save webhook" : "Add webhook"} pendingLabel="Saving…" onCancel={onCancel} />
    </form>
  );
}
