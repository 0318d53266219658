"use client";

import type { RetryOutcome } from "@/lib/api-types";
import { RETRY_OUTCOMES } from "@/lib/api-types";
import {
  CAMPAIGN_LIMITS,
  RETRY_OUTCOME_LABELS,
  defaultRetryRule,
  retryErrorKey,
  type CampaignFormValues,
  type RetryRuleFormValues,
} from "@/lib/campaign-validation";
import { formatDelay } from "@/lib/format";
import { CellInput, FieldError } from "@/components/ui/form-field";
import { ACTION_BUTTON, ResourceTable } from "@/components/ui/resource-table";

const OUTCOME_HINTS: Record<RetryOutcome, string> = {
  BUSY: "The line was busy.",
  NOANSWER: "Rang out with no answer.",
  CONGESTION: "The network or trunk was congested.",
  FAILED: "The call could not be placed.",
  VOICEMAIL: "An answering machine picked up (with AMD on).",
  ABANDONED: "Answered, but no agent was free in time.",
};

type RuleCell = {
  field: keyof RetryRuleFormValues;
  /** The API's name for the field, which its errors carry: it takes the cooldown in seconds, the form in minutes. */
  errorPart: Parameters<typeof retryErrorKey>[1];
  header: string;
  label: string;
  inputClassName: string;
  inputMode: "decimal" | "numeric";
  limits: { min: number; max: number };
  step: "any" | number;
};

/** The two inputs of a rule, a column each. */
const RULE_CELLS: RuleCell[] = [
  { field: "cooldown_min", errorPart: "cooldown_sec", header: "Cooldown (minutes)", label: "cooldown (minutes)", inputClassName: "w-28", inputMode: "decimal", limits: CAMPAIGN_LIMITS.retry_cooldown_min, step: "any" },
  { field: "max_attempts", errorPart: "max_attempts", header: "Max attempts in all", label: "max attempts", inputClassName: "w-24", inputMode: "numeric", limits: CAMPAIGN_LIMITS.retry_max_attempts, step: 1 },
];

/**
 * A retry rule per call outcome: wait so many minutes, then retry until so many attempts in all.
 * A row left blank follows the default rule (Retries and Retry delay above); a half-filled row
 * takes the other half from it, shown as the greyed placeholder.
 */
export function RetryRulesEditor({
  values,
  onChange,
  errorOf,
  idOf,
}: {
  values: Pick<CampaignFormValues, "retry_rules" | "retry_times" | "retry_delay">;
  onChange: (next: CampaignFormValues["retry_rules"]) => void;
  errorOf: (key: string) => string[] | undefined;
  idOf: (key: string) => string;
}) {
  const fallback = defaultRetryRule(values);
  const times = Number(values.retry_times);
  const delay = Number(values.retry_delay);
  const defaultText =
    Number.isInteger(times) && times >= 0 && Number.isInteger(delay) && delay >= 0
      ? times === 0
        ? "Default rule: no retries."
        : `Default rule: ${times} ${times === 1 ? "retry" : "retries"}, ${formatDelay(delay)} apart (${times + 1} attempts in all).`
      : "Default rule: Retries and Retry delay above.";

  function setCell(outcome: RetryOutcome, patch: Partial<RetryRuleFormValues>) {
    onChange({ ...values.retry_rules, [outcome]: { ...values.retry_rules[outcome], ...patch } });
  }

  return (
    <div className="sm:col-span-2">
      <p className="label" id="campaign-retry-rules-heading">
        Retry rules by outcome
      </p>
      <p id={idOf("retry_rules")} tabIndex={-1} className="mb-2 text-xs text-slate-500 focus:outline-none dark:text-slate-400">
        Leave a row blank to use the default rule. {defaultText}
      </p>
      <FieldError id={`${idOf("retry_rules")}-error`} messages={errorOf("retry_rules")} />
      <div className="rounded-lg border border-slate-200 dark:border-slate-700">
        <ResourceTable
          spec={{
            caption: "Retry rules by outcome",
            noun: "retry rules",
            columns: [
            {
              header: "Outcome",
              rowHeader: true,
              className: "align-top",
              cell: (outcome) => (
                <>
                  {RETRY_OUTCOME_LABELS[outcome]}
                  <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{OUTCOME_HINTS[outcome]}</span>
                </>
              ),
            },
            ...RULE_CELLS.map(({ field, errorPart, header, label, inputClassName, inputMode, limits, step }) => ({
              header,
              className: "align-top",
              cell: (outcome: RetryOutcome) => {
                const key = retryErrorKey(outcome, errorPart);
                return (
                  <CellInput
                    id={idOf(key)}
                    label={`${RETRY_OUTCOME_LABELS[outcome]} ${label}`}
                    error={errorOf(key)}
                    inputClassName={inputClassName}
                    type="number"
                    inputMode={inputMode}
                    min={limits.min}
                    max={limits.max}
                    step={step}
                    placeholder={fallback[field]}
                    value={values.retry_rules[outcome][field]}
                    onChange={(e) => setCell(outcome, { [field]: e.target.value })}
                  />
                );
              },
            })),
            ],
          }}
          rows={RETRY_OUTCOMES}
          rowKey={(outcome) => outcome}
          empty={null}
          rowClassName={() => "align-top"}
          rowActions={(outcome) => {
            const row = values.retry_rules[outcome];
            if (row.cooldown_min.trim() === "" && row.max_attempts.trim() === "") return null;
            return (
              <button
                type="button"
                className={ACTION_BUTTON}
                aria-label={`Clear the ${RETRY_OUTCOME_LABELS[outcome].toLowerCase()} rule`}
                onClick={() => {
                  setCell(outcome, { cooldown_min: "", max_attempts: "" });
                  // The button goes with the rule; the focus stays in the row.
                  document.getElementById(idOf(retryErrorKey(outcome, "cooldown_sec")))?.focus();
                }}
              >
                Clear
              </button>
            );
          }}
        />
      </div>
    </div>
  );
}
