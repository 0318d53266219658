"use client";

import type { DialMode } from "@/lib/api-types";
import { DIAL_MODES } from "@/lib/api-types";
import { DIAL_MODE_INFO } from "@/lib/campaign-rules";
import { FieldError } from "@/components/ui/form-field";

/**
 * The dial mode as radio cards: native radios (arrow keys move between them, Space picks), each
 * named by its title and described by its one-line explanation.
 */
export function DialModePicker({
  id,
  value,
  onChange,
  error,
}: {
  /** Goes on the checked radio, so focusing the field focuses the choice. */
  id: string;
  value: DialMode;
  onChange: (mode: DialMode) => void;
  error?: string[];
}) {
  return (
    <fieldset className="sm:col-span-2" aria-describedby={error?.length ? `${id}-error` : undefined}>
      <legend className="label">Dial mode</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {DIAL_MODES.map((mode) => {
          const info = DIAL_MODE_INFO[mode];
          const titleId = `${id}-${mode}-title`;
          const descId = `${id}-${mode}-description`;
          return (
            <label
              key={mode}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 transition-colors hover:bg-slate-50 has-checked:border-brand-500 has-checked:bg-brand-50 has-focus-visible:ring-2 has-focus-visible:ring-brand-500 dark:border-slate-700 dark:hover:bg-slate-800/60 dark:has-checked:border-brand-500 dark:has-checked:bg-brand-500/10"
            >
              <input
                type="radio"
                name="dial_mode"
                value={mode}
                id={mode === value ? id : undefined}
                checked={mode === value}
                onChange={() => onChange(mode)}
                aria-labelledby={titleId}
                aria-describedby={descId}
                aria-invalid={error?.length ? true : undefined}
                className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600 focus:outline-none"
              />
              <span className="min-w-0">
                <span id={titleId} className="block text-sm font-medium text-slate-900 dark:text-slate-100">
                  {info.label}
                </span>
                <span id={descId} className="block text-xs text-slate-600 dark:text-slate-400">
                  {info.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} messages={error} />
    </fieldset>
  );
}
