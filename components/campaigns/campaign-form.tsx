"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSaveCampaign } from "@/hooks/use-campaigns";
import { useIvrMenus } from "@/hooks/use-ivr";
import { useQueues } from "@/hooks/use-queues";
import { useSurveys } from "@/hooks/use-surveys";
import type { Campaign } from "@/lib/api-types";
import { DIAL_MODE_INFO, describeWindow, usesAgents } from "@/lib/campaign-rules";
import {
  CAMPAIGN_DEFAULTS,
  CAMPAIGN_ERROR_KEYS,
  CAMPAIGN_ERROR_LABELS,
  CAMPAIGN_FIELD_LABELS as LABELS,
  CAMPAIGN_LIMITS,
  campaignErrorKey,
  campaignToFormValues,
  toCampaignInput,
  validateCampaign,
  type CampaignField,
  type CampaignFormValues,
} from "@/lib/campaign-validation";
import { formatDelay } from "@/lib/format";
import { apiFormErrors, type FieldErrors } from "@/lib/form-errors";
import { describedBy, Field, FieldError, TextAreaField } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { DialModePicker } from "./dial-mode-picker";
import { RetryRulesEditor } from "./retry-rules-editor";
import { ScheduleEditor } from "./schedule-editor";
import { TimeZoneSelect, ZoneNow } from "./time-zone-select";

const TRUNK_HINTS: Record<Campaign["trunk_type"], string> = {
  pjsip: "The PJSIP endpoint of your carrier trunk, e.g. carrier-out.",
  sip: "The chan_sip peer of your carrier trunk, e.g. carrier-out.",
  custom: "For custom, a dial string containing ${EXTEN} where the number goes, e.g. PJSIP/${EXTEN}@carrier-out.",
};

const DESTINATION_HINTS: Record<Campaign["agent_dest_type"], string> = {
  exten: "The extension answered calls are sent to, e.g. 100.",
  ivr: "The IVR menu that answers the calls.",
  survey: "The survey that asks the person its questions.",
  custom: "A destination in your PBX's own terms, e.g. a dialplan context,extension,priority.",
};

/** A type's choices are shown as the values themselves: they are what the PBX calls them. */
const asIs = <V extends string>(values: V[]): [V, string][] => values.map((v) => [v, v]);

type TextField =
  | "name"
  | "trunk_value"
  | "callerid"
  | "agent_dest_value"
  | "concurrent_calls"
  | "frequency"
  | "call_max_duration"
  | "retry_times"
  | "retry_delay"
  | "dial_timeout"
  | "wrapup_sec"
  | "preview_timeout_sec"
  | "machine_message"
  | "abandon_cap"
  | "amd_false_positive_rate"
  | "abandon_message";
type NumberField = "concurrent_calls" | "frequency" | "call_max_duration" | "retry_times" | "retry_delay" | "dial_timeout" | "wrapup_sec" | "preview_timeout_sec";

/** The id of the control showing an error key: `retry_rules.BUSY.cooldown_sec` → `campaign-retry-rules-busy-cooldown-sec`. */
const fieldId = (key: string) => `campaign-${key.replace(/[._]/g, "-").toLowerCase()}`;

/** The error keys a change makes stale: the field's own, those beneath it, and those whose meaning it changes. */
function staleKeys(field: CampaignField): (key: string) => boolean {
  const related: Partial<Record<CampaignField, CampaignField[]>> = {
    trunk_type: ["trunk_value"],
    agent_dest_type: ["agent_dest_value"],
    amd_enabled: ["machine_message"],
    machine_action: ["machine_message"],
    retry_times: ["retry_rules"],
    retry_delay: ["retry_rules"],
  };
  const fields = [field, ...(related[field] ?? [])];
  return (key) => fields.some((f) => key === f || key.startsWith(`${f}.`));
}

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
  const surveys = useSurveys(values.agent_dest_type === "survey");
  // Only the agent modes route to a queue.
  const queues = useQueues(usesAgents(values.dial_mode));
  const locked = disabled || save.isPending;

  const errorsOf = (key: string) => clientErrors[key] ?? serverErrors[key];

  function set<K extends CampaignField>(field: K, value: CampaignFormValues[K]) {
    const next = { ...values, [field]: value };
    // Changing a type changes what its value means, so the old value's server verdict no longer applies.
    if (field === "agent_dest_type" && (value !== values.agent_dest_type) && [value, values.agent_dest_type].some((t) => t === "ivr" || t === "survey")) next.agent_dest_value = "";
    setValues(next);
    const stale = staleKeys(field);
    setServerErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !stale(k))));
    if (submitted) setClientErrors(validateCampaign(next));
  }

  function focusFirst(errors: FieldErrors) {
    const first = CAMPAIGN_ERROR_KEYS.find((k) => errors[k]);
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
        const { fieldErrors, formError } = apiFormErrors(err, CAMPAIGN_ERROR_LABELS, campaignErrorKey);
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

  const number = (field: NumberField, hint: React.ReactNode) =>
    text(field, { type: "number", inputMode: "numeric", step: 1, min: CAMPAIGN_LIMITS[field].min, max: CAMPAIGN_LIMITS[field].max }, hint);

  const checkbox = (field: "record_calls" | "amd_enabled", hint: React.ReactNode, className = "sm:col-span-2") => (
    <div className={`flex items-start gap-2 ${className}`}>
      <input
        {...describedBy(fieldId(field), { hint: true, error: errorsOf(field) })}
        type="checkbox"
        name={field}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600"
        checked={values[field]}
        onChange={(e) => set(field, e.target.checked)}
      />
      <div>
        <label htmlFor={fieldId(field)} className="text-sm font-medium text-slate-700 dark:text-slate-300">
          {LABELS[field]}
        </label>
        <p id={`${fieldId(field)}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
        <FieldError id={`${fieldId(field)}-error`} messages={errorsOf(field)} />
      </div>
    </div>
  );

  const select = <F extends "trunk_type" | "agent_dest_type" | "machine_action" | "agent_drop_action" | "abandon_rule" | "preview_timeout_action">(field: F, options: [CampaignFormValues[F], string][], hint?: string) => (
    <Field id={fieldId(field)} label={LABELS[field]} hint={hint} error={errorsOf(field)}>
      <select
        {...describedBy(fieldId(field), { hint: Boolean(hint), error: errorsOf(field) })}
        name={field}
        className="input"
        value={values[field]}
        onChange={(e) => set(field, e.target.value as CampaignFormValues[F])}
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );

  /** A choice of one record by its id (an IVR menu, a survey, a queue); a stored id no longer among them is still shown. */
  const idSelect = (field: "agent_dest_value" | "queue_id", hint: string, placeholder: string, choices: { id: number; label: string }[], missing: string | null) => (
    <Field id={fieldId(field)} label={LABELS[field]} hint={hint} error={errorsOf(field)}>
      <select
        {...describedBy(fieldId(field), { hint: true, error: errorsOf(field) })}
        name={field}
        className="input"
        value={values[field]}
        onChange={(e) => set(field, e.target.value)}
      >
        <option value="">{placeholder}</option>
        {values[field] && missing && !choices.some((c) => String(c.id) === values[field]) && <option value={values[field]}>#{values[field]} ({missing})</option>}
        {choices.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );

  const agentMode = usesAgents(values.dial_mode);
  const hoursEqual = values.calling_hours_start !== "" && values.calling_hours_start === values.calling_hours_end;

  const retryDelay = Number(values.retry_delay);
  const bySurvey = values.agent_dest_type === "survey";
  const ivrChoices = (bySurvey ? surveys.data : values.agent_dest_type === "ivr" ? ivrMenus.data : undefined) ?? [];
  const destinationNoun = bySurvey ? "survey" : "IVR menu";
  const destinationAsSelect = ivrChoices.length > 0;

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
          <TextAreaField
            id={fieldId("description")}
            label={LABELS.description}
            error={errorsOf("description")}
            className="sm:col-span-2"
            name="description"
            rows={2}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
          />
        </Section>

        <Section title="Trunk" description="Which line the calls go out on, and the number they show.">
          {select("trunk_type", asIs(["pjsip", "sip", "custom"]))}
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
          {select("agent_dest_type", asIs(["exten", "ivr", "survey", "custom"]))}
          {destinationAsSelect ? (
            idSelect(
              "agent_dest_value",
              DESTINATION_HINTS[values.agent_dest_type],
              `Choose ${bySurvey ? "a survey" : "an IVR menu"}…`,
              ivrChoices.map((m) => ({ id: m.id, label: `#${m.id} ${m.name}` })),
              `no such ${destinationNoun}`,
            )
          ) : (
            text(
              "agent_dest_value",
              { autoComplete: "off", spellCheck: false },
              values.agent_dest_type === "ivr" && ivrMenus.isSuccess
                ? "No IVR menus exist yet: create one through the API first, then enter its id."
                : bySurvey && surveys.isSuccess
                ? "No surveys exist yet: create one on the Surveys page first, then enter its id."
                : DESTINATION_HINTS[values.agent_dest_type],
            )
          )}
        </Section>

        <Section title="Dialing" description="How the campaign dials: its mode, how long a number rings, answering machines and abandoned calls.">
          <DialModePicker
            id={fieldId("dial_mode")}
            value={values.dial_mode}
            onChange={(mode) => set("dial_mode", mode)}
            error={errorsOf("dial_mode")}
          />
          {number("dial_timeout", `How long a number rings before it counts as no answer, ${CAMPAIGN_LIMITS.dial_timeout.min} to ${CAMPAIGN_LIMITS.dial_timeout.max} s.`)}
          {number(
            "concurrent_calls",
            agentMode
              ? `Used in agentless mode only: ${DIAL_MODE_INFO[values.dial_mode].label.toLowerCase()} dials by the agents who are ready.`
              : `Calls placed at the same time, ${CAMPAIGN_LIMITS.concurrent_calls.min} to ${CAMPAIGN_LIMITS.concurrent_calls.max}.`,
          )}
          {number(
            "frequency",
            `Optional. Calls started per minute, spread evenly, by every dialer together; blank for no limit (up to ${CAMPAIGN_LIMITS.frequency.max.toLocaleString("en-US")}).`,
          )}
          {number("call_max_duration", `An answered call is hung up after this many seconds (0 for no limit, up to ${CAMPAIGN_LIMITS.call_max_duration.max.toLocaleString("en-US")}).`)}
          {agentMode && (
            <>
              {idSelect(
                "queue_id",
                queues.isSuccess && queues.data.length === 0
                  ? "No queues exist yet: without one, the agents logged in to this campaign take its calls, longest idle first."
                  : "The queue whose agents take the answered calls, by its strategy and tiers (its wrap-up and music on hold apply). None: the agents logged in to this campaign, longest idle first.",
                "None: the campaign's own agents",
                (queues.data ?? []).map((q) => ({ id: q.id, label: `${q.name} (${q.strategy})` })),
                queues.isSuccess ? "no such queue" : null,
              )}
              {number("wrapup_sec", `Time an agent gets after each call before the next one, 0 to ${CAMPAIGN_LIMITS.wrapup_sec.max} s${values.queue_id ? " (the queue's wrap-up applies instead)" : ""}.`)}
              {select(
                "agent_drop_action",
                [
                  ["requeue", "Requeue for the next agent"],
                  ["abandon", "Abandon: message, hang up"],
                ],
                "What happens to a connected person when the agent's phone drops.",
              )}
              {values.dial_mode === "preview" && (
                <>
                  {number("preview_timeout_sec", `How long an agent may look at a lead before deciding, 0 (no limit) to ${CAMPAIGN_LIMITS.preview_timeout_sec.max} s.`)}
                  {select(
                    "preview_timeout_action",
                    [
                      ["skip", "Skip it: back to the list for later"],
                      ["dial", "Dial it"],
                    ],
                    "A skipped lead returns after the retry delay and does not count as an attempt.",
                  )}
                </>
              )}
            </>
          )}
          {checkbox("amd_enabled", "Listen for an answering machine before the call goes on. Adds a short pause after people answer.")}
          {values.amd_enabled && (
            <>
              {select("machine_action", [
                ["hangup", "Hang up"],
                ["message", "Play a message, then hang up"],
              ])}
              {values.machine_action === "message" &&
                text(
                  "machine_message",
                  { autoComplete: "off", spellCheck: false, className: "input font-mono", maxLength: CAMPAIGN_LIMITS.media, placeholder: "custom/voicemail-message" },
                  "The sound or recording left on the machine, as your PBX names it.",
                )}
              {text(
                "amd_false_positive_rate",
                { type: "number", inputMode: "decimal", step: 0.1, min: CAMPAIGN_LIMITS.amd_false_positive_rate.min, max: CAMPAIGN_LIMITS.amd_false_positive_rate.max },
                "Your estimate of the share of people AMD takes for machines (and hangs up on). Under the UK rule they count as abandoned; when they alone would use half the allowance, Pacer turns AMD off and machines go to agents.",
              )}
            </>
          )}
          {text(
            "abandon_cap",
            { type: "number", inputMode: "decimal", step: 0.1, min: CAMPAIGN_LIMITS.abandon_cap.min, max: CAMPAIGN_LIMITS.abandon_cap.max },
            `Most answered calls that may find no free agent, over 30 days; predictive dialing slows down to stay under it. 3 % is the US limit. 0 to ${CAMPAIGN_LIMITS.abandon_cap.max} %.`,
          )}
          {select(
            "abandon_rule",
            [
              ["us", "US (FTC/FCC): people AMD hangs up on do not count"],
              ["uk", "UK (Ofcom): AMD's false positives count as abandoned"],
            ],
            "Which regulator's counting the cap follows.",
          )}
          {text(
            "abandon_message",
            { autoComplete: "off", spellCheck: false, className: "input font-mono", maxLength: CAMPAIGN_LIMITS.media },
            "Played to a person no agent could take, as your PBX names the sound.",
          )}
          {checkbox("record_calls", "Keep a recording of every answered call. Check your local consent rules.")}
        </Section>

        <Section title="Calling hours" description="When people may be called, in their own time, and the campaign's own schedule.">
          <Field
            id={fieldId("timezone")}
            label={LABELS.timezone}
            hint={
              <>
                The campaign&apos;s zone: its schedule runs on it, and it stands in for a number whose zone is not known.
                <ZoneNow zone={values.timezone} />
              </>
            }
            error={errorsOf("timezone")}
            className="sm:col-span-2"
          >
            <TimeZoneSelect
              id={fieldId("timezone")}
              value={values.timezone}
              onChange={(zone) => set("timezone", zone)}
              inputProps={{
                ...describedBy(fieldId("timezone"), { hint: true, error: errorsOf("timezone") }),
                name: "timezone",
              }}
            />
          </Field>
          {(["calling_hours_start", "calling_hours_end"] as const).map((field) => (
            <Field
              key={field}
              id={fieldId(field)}
              label={LABELS[field]}
              hint={
                field === "calling_hours_start"
                  ? "In each called person's local time (from the number, its state, ZIP or zone)."
                  : hoursEqual
                    ? "Same as the start: calls are allowed all day."
                    : `Calls go out ${describeWindow(values.calling_hours_start || undefined, values.calling_hours_end || undefined)}, local time.`
              }
              error={errorsOf(field)}
            >
              <input
                {...describedBy(fieldId(field), { hint: true, error: errorsOf(field) })}
                type="time"
                name={field}
                required
                className="input"
                value={values[field]}
                onChange={(e) => set(field, e.target.value)}
              />
            </Field>
          ))}
          <ScheduleEditor
            value={values.schedule}
            onChange={(next) => set("schedule", next)}
            timezone={values.timezone}
            errorOf={errorsOf}
            idOf={fieldId}
          />
        </Section>

        <Section title="Retries" description="When a number is tried again after a call that did not reach anyone.">
          {number("retry_times", "Extra attempts for a number that is busy, unanswered or failed. 0 = call once.")}
          {number(
            "retry_delay",
            Number.isInteger(retryDelay) && retryDelay > 0 ? `Wait between attempts: ${formatDelay(retryDelay)}.` : "Wait between attempts, in seconds.",
          )}
          <RetryRulesEditor values={values} onChange={(next) => set("retry_rules", next)} errorOf={errorsOf} idOf={fieldId} />
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
  const headingId = `campaign-section-${title.toLowerCase().replace(/\s+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="grid grid-cols-1 gap-x-6 gap-y-4 md:grid-cols-[14rem_minmax(0,1fr)]">
      <div>
        <h2 id={headingId} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </h2>
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>
      </div>
      <div className="grid min-w-0 grid-cols-1 content-start gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}
