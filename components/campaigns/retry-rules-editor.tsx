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
import { FieldError } from "@/components/ui/form-field";

const OUTCOME_HINTS: Record<RetryOutcome, string> = {
  BUSY: "The line was busy.",
  NOANSWER: "Rang out with no answer.",
  CONGESTION: "The network or trunk was congested.",
  FAILED: "The call could not be placed.",
  VOICEMAIL: "An answering machine picked up (with AMD on).",
  ABANDONED: "Answered, but no agent was free in time.",
};

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
      <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
        <table className="min-w-full text-sm" aria-labelledby="campaign-retry-rules-heading">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase dark:bg-slate-900/60 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Outcome
              </th>
              <th scope="col" className="px-3 py-2">
                Cooldown (minutes)
              </th>
              <th scope="col" className="px-3 py-2">
                Max attempts in all
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Clear</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {RETRY_OUTCOMES.map((outcome) => {
              const label = RETRY_OUTCOME_LABELS[outcome];
              const row = values.retry_rules[outcome];
              const cooldownKey = retryErrorKey(outcome, "cooldown_sec");
              const attemptsKey = retryErrorKey(outcome, "max_attempts");
              const cooldownError = errorOf(cooldownKey);
              const attemptsError = errorOf(attemptsKey);
              const blank = row.cooldown_min.trim() === "" && row.max_attempts.trim() === "";
              return (
                <tr key={outcome} className="align-top">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {label}
                    <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{OUTCOME_HINTS[outcome]}</span>
                  </th>
                  <td className="px-3 py-2">
                    <input
                      id={idOf(cooldownKey)}
                      type="number"
                      inputMode="decimal"
                      min={CAMPAIGN_LIMITS.retry_cooldown_min.min}
                      max={CAMPAIGN_LIMITS.retry_cooldown_min.max}
                      step="any"
                      className="input w-28"
                      aria-label={`${label} cooldown (minutes)`}
                      aria-invalid={cooldownError ? true : undefined}
                      aria-describedby={cooldownError ? `${idOf(cooldownKey)}-error` : undefined}
                      placeholder={fallback.cooldown_min}
                      value={row.cooldown_min}
                      onChange={(e) => setCell(outcome, { cooldown_min: e.target.value })}
                    />
                    <FieldError id={`${idOf(cooldownKey)}-error`} messages={cooldownError} />
                  </td>
                  <td className="px-3 py-2">
                    <input
                      id={idOf(attemptsKey)}
                      type="number"
                      inputMode="numeric"
                      min={CAMPAIGN_LIMITS.retry_max_attempts.min}
                      max={CAMPAIGN_LIMITS.retry_max_attempts.max}
                      step={1}
                      className="input w-24"
                      aria-label={`${label} max attempts`}
                      aria-invalid={attemptsError ? true : undefined}
                      aria-describedby={attemptsError ? `${idOf(attemptsKey)}-error` : undefined}
                      placeholder={fallback.max_attempts}
                      value={row.max_attempts}
                      onChange={(e) => setCell(outcome, { max_attempts: e.target.value })}
                    />
                    <FieldError id={`${idOf(attemptsKey)}-error`} messages={attemptsError} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    {!blank && (
                      <button
                        type="button"
                        className="btn-secondary px-2 py-1 text-xs"
                        aria-label={`Clear the ${label.toLowerCase()} rule`}
                        onClick={() => {
                          setCell(outcome, { cooldown_min: "", max_attempts: "" });
                          // The button goes with the rule; the focus stays in the row.
                          document.getElementById(idOf(cooldownKey))?.focus();
                        }}
                      >
                        Clear
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
