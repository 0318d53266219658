"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSaveCampaign } from "@/hooks/use-campaigns";
import { useIvrMenus } from "@/hooks/use-ivr";
import type { Campaign } from "@/lib/api-types";
import {
  CAMPAIGN_DEFAULTS,
  CAMPAIGN_FIELDS,
  CAMPAIGN_FIELD_LABELS as LABELS,
  CAMPAIGN_LIMITS,
  campaignToFormValues,
  toCampaignInput,
  validateCampaign,
  type CampaignField,
  type CampaignFormValues,
} from "@/lib/campaign-validation";
import { formatDelay } from "@/lib/format";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { describedBy, Field, FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";

const TRUNK_HINTS: Record<Campaign["trunk_type"], string> = {
  pjsip: "The PJSIP endpoint of your carrier trunk, e.g. carrier-out.",
  sip: "The chan_sip peer of your carrier trunk, e.g. carrier-out.",
  custom: "For custom, a dial string containing ${EXTEN} where the number goes, e.g. PJSIP/${EXTEN}@carrier-out.",
};

const DESTINATION_HINTS: Record<Campaign["agent_dest_type"], string> = {
  exten: "The extension answered calls are sent to, e.g. 100.",
  ivr: "The IVR menu that answers the calls.",
  custom: "A destination in your PBX's own terms, e.g. a dialplan context,extension,priority.",
};

type TextField = "name" | "trunk_value" | "callerid" | "agent_dest_value" | "concurrent_calls" | "retry_times" | "retry_delay";

const fieldId = (field: CampaignField) => `campaign-${field.replace(/_/g, "-")}`;

/**
 * Creates a campaign, or edits one. The server's rules are checked as you submit and again after
 * each change once you have tried to submit; errors the server still finds land on the same fields.
 */
export function CampaignForm({ campaign, disabled = false }: { campaign?: Campaign; disabled?: boolean }) {
  const router = useRouter();
  const save = useSaveCampaign(campaign?.id);
  const [values, setValues] = useState<CampaignFormValues>(() => (campaign ? campaignToFormValues(campaign) : CAMPAIGN_DEFAULTS));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const ivrMenus = useIvrMenus(values.agent_dest_type === "ivr");
  const locked = disabled || save.isPending;

  const errorsOf = (field: CampaignField) => clientErrors[field] ?? serverErrors[field];

  function set<K extends CampaignField>(field: K, value: CampaignFormValues[K]) {
    const next = { ...values, [field]: value };
    // Changing a type changes what its value means, so the old value's server verdict no longer applies.
    const stale: CampaignField[] =
      field === "trunk_type" ? [field, "trunk_value"] : field === "agent_dest_type" ? [field, "agent_dest_value"] : [field];
    if (field === "agent_dest_type" && (value === "ivr" || values.agent_dest_type === "ivr")) next.agent_dest_value = "";
    setValues(next);
    setServerErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !stale.includes(k as CampaignField))));
    if (submitted) setClientErrors(validateCampaign(next));
  }

  function focusFirst(errors: FieldErrors) {
    const first = CAMPAIGN_FIELDS.find((f) => errors[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (locked) return;
    setSubmitted(true);
    setFormError(null);
    setServerErrors({});
    const errors = validateCampaign(values);
    setClientErrors(errors);
    if (Object.keys(errors).length) {
      focusFirst(errors);
      return;
    }
    save.mutate(toCampaignInput(values), {
      onSuccess: (saved) => router.push(`/campaigns/${saved.id}`),
      onError: (err) => {
        const { fieldErrors, formError } = apiFormErrors(err, LABELS);
        setServerErrors(fieldErrors);
        setFormError(formError);
        focusFirst(fieldErrors);
      },
    });
  }

  const text = (
    field: TextField,
    extra: React.InputHTMLAttributes<HTMLInputElement> = {},
    hint?: React.ReactNode,
    wrapperClassName?: string,
  ) => (
    <Field id={fieldId(field)} label={LABELS[field]} hint={hint} error={errorsOf(field)} className={wrapperClassName}>
      <input
        {...describedBy(fieldId(field), { hint: Boolean(hint), error: errorsOf(field) })}
        name={field}
        className="input"
        value={values[field]}
        onChange={(e) => set(field, e.target.value)}
        {...extra}
      />
    </Field>
  );

  const number = (field: "concurrent_calls" | "retry_times" | "retry_delay", hint: React.ReactNode) =>
    text(field, { type: "number", inputMode: "numeric", step: 1, min: CAMPAIGN_LIMITS[field].min, max: CAMPAIGN_LIMITS[field].max }, hint);

  const retryDelay = Number(values.retry_delay);
  const ivrChoices = ivrMenus.data ?? [];
  const destinationAsSelect = values.agent_dest_type === "ivr" && ivrChoices.length > 0;

  return (
    <form onSubmit={onSubmit} noValidate className="card divide-y divide-slate-200 dark:divide-slate-800" aria-label={campaign ? "Edit campaign" : "New campaign"}>
      <fieldset disabled={locked} className={`min-w-0 space-y-8 p-5 sm:p-6 ${disabled ? "cursor-not-allowed opacity-60" : ""}`}>
        {formError && (
          <Notice tone="error" title={campaign ? "The campaign was not saved" : "The campaign was not created"}>
            {formError}
          </Notice>
        )}

        <Section title="Campaign" description="How supervisors will recognise it.">
          {text("name", { autoComplete: "off", maxLength: CAMPAIGN_LIMITS.name, required: true }, undefined, "sm:col-span-2")}
          <Field
            id={fieldId("description")}
            label={LABELS.description}
            error={errorsOf("description")}
            className="sm:col-span-2"
          >
            <textarea
              {...describedBy(fieldId("description"), { error: errorsOf("description") })}
              name="description"
              rows={2}
              className="input"
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
            />
          </Field>
        </Section>

        <Section title="Trunk" description="Which line the calls go out on, and the number they show.">
          <Field id={fieldId("trunk_type")} label={LABELS.trunk_type} error={errorsOf("trunk_type")}>
            <select
              {...describedBy(fieldId("trunk_type"), { error: errorsOf("trunk_type") })}
              name="trunk_type"
              className="input"
              value={values.trunk_type}
              onChange={(e) => set("trunk_type", e.target.value as Campaign["trunk_type"])}
            >
              <option value="pjsip">pjsip</option>
              <option value="sip">sip</option>
              <option value="custom">custom</option>
            </select>
          </Field>
          {text(
            "trunk_value",
            { autoComplete: "off", spellCheck: false, className: "input font-mono" },
            TRUNK_HINTS[values.trunk_type],
          )}
          {text(
            "callerid",
            { autoComplete: "off" },
            'Optional. Digits, e.g. 2025550100, or a name and number: "Sales" <2025550100>.',
          )}
        </Section>

        <Section title="Destination" description="Where a call goes once the person answers.">
          <Field id={fieldId("agent_dest_type")} label={LABELS.agent_dest_type} error={errorsOf("agent_dest_type")}>
            <select
              {...describedBy(fieldId("agent_dest_type"), { error: errorsOf("agent_dest_type") })}
              name="agent_dest_type"
              className="input"
              value={values.agent_dest_type}
              onChange={(e) => set("agent_dest_type", e.target.value as Campaign["agent_dest_type"])}
            >
              <option value="exten">exten</option>
              <option value="ivr">ivr</option>
              <option value="custom">custom</option>
            </select>
          </Field>
          {destinationAsSelect ? (
            <Field id={fieldId("agent_dest_value")} label={LABELS.agent_dest_value} hint={DESTINATION_HINTS.ivr} error={errorsOf("agent_dest_value")}>
              <select
                {...describedBy(fieldId("agent_dest_value"), { hint: true, error: errorsOf("agent_dest_value") })}
                name="agent_dest_value"
                className="input"
                value={values.agent_dest_value}
                onChange={(e) => set("agent_dest_value", e.target.value)}
              >
                <option value="">Choose an IVR menu…</option>
                {values.agent_dest_value && !ivrChoices.some((m) => String(m.id) === values.agent_dest_value) && (
                  <option value={values.agent_dest_value}>#{values.agent_dest_value} (no such menu)</option>
                )}
                {ivrChoices.map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    #{m.id} {m.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : (
            text(
              "agent_dest_value",
              { autoComplete: "off", spellCheck: false },
              values.agent_dest_type === "ivr" && ivrMenus.isSuccess
                ? "No IVR menus exist yet: create one through the API first, then enter its id."
                : DESTINATION_HINTS[values.agent_dest_type],
            )
          )}
        </Section>

        <Section title="Pacing" description="How hard the campaign dials, and how it retries.">
          {number("concurrent_calls", `Calls placed at the same time, ${CAMPAIGN_LIMITS.concurrent_calls.min} to ${CAMPAIGN_LIMITS.concurrent_calls.max}.`)}
          {number("retry_times", "Extra attempts for a number that is busy, unanswered or failed. 0 = call once.")}
          {number(
            "retry_delay",
            Number.isInteger(retryDelay) && retryDelay > 0 ? `Wait between attempts: ${formatDelay(retryDelay)}.` : "Wait between attempts, in seconds.",
          )}
          <div className="flex items-start gap-2 sm:col-span-2">
            <input
              {...describedBy(fieldId("record_calls"), { hint: true, error: errorsOf("record_calls") })}
              type="checkbox"
              name="record_calls"
              className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600"
              checked={values.record_calls}
              onChange={(e) => set("record_calls", e.target.checked)}
            />
            <div>
              <label htmlFor={fieldId("record_calls")} className="text-sm font-medium text-slate-700 dark:text-slate-300">
                {LABELS.record_calls}
              </label>
              <p id={`${fieldId("record_calls")}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
                Keep a recording of every answered call. Check your local consent rules.
              </p>
              <FieldError id={`${fieldId("record_calls")}-error`} messages={errorsOf("record_calls")} />
            </div>
          </div>
        </Section>
      </fieldset>

      <div className="flex items-center justify-end gap-2 px-5 py-4 sm:px-6">
        <Link href={campaign ? `/campaigns/${campaign.id}` : "/campaigns"} className="btn-secondary">
          Cancel
        </Link>
        <button type="submit" className="btn-primary" disabled={locked}>
          {save.isPending ? (campaign ? "Saving…" : "Creating…") : campaign ? "Save changes" : "Create campaign"}
        </button>
      </div>
    </form>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  const headingId = `campaign-section-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="grid gap-x-6 gap-y-4 md:grid-cols-[14rem_1fr]">
      <div>
        <h2 id={headingId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </h2>
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>
      </div>
      <div className="grid content-start gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}
