"use client";

import { useState } from "react";
import { WEEKDAY_NAMES, describeDays } from "@/lib/campaign-rules";
import { scheduleErrorKey, validDate, type SchedulePart, type ScheduleFormValues } from "@/lib/campaign-validation";
import { describedBy, FieldError, TextField } from "@/components/ui/form-field";

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];

type WindowPart = "start" | "end" | "from" | "until";

/** The daily window and the date range: four inputs alike but for their type and wording. */
const WINDOW_FIELDS: { part: WindowPart; label: string; hint: string; type: "time" | "date" }[] = [
  { part: "start", label: "Daily from", hint: "Blank: from midnight.", type: "time" },
  { part: "end", label: "Daily until", hint: "Blank: until midnight. Earlier than the start runs past midnight.", type: "time" },
  { part: "from", label: "First day", hint: "Optional.", type: "date" },
  { part: "until", label: "Last day", hint: "Optional; the campaign completes once it is past.", type: "date" },
];

/**
 * The campaign's own dialing schedule, in the campaign's time zone: weekdays, a daily window, a
 * date range and dates off. Off means no schedule: the campaign dials whenever it runs (calling
 * hours still apply).
 */
export function ScheduleEditor({
  value,
  onChange,
  timezone,
  errorOf,
  idOf,
}: {
  value: ScheduleFormValues;
  onChange: (next: ScheduleFormValues) => void;
  timezone: string;
  errorOf: (key: string) => string[] | undefined;
  idOf: (key: string) => string;
}) {
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const set = (patch: Partial<ScheduleFormValues>) => onChange({ ...value, ...patch });
  const partId = (part: SchedulePart) => idOf(scheduleErrorKey(part));
  const partError = (part: SchedulePart) => errorOf(scheduleErrorKey(part));
  const toggleId = idOf("schedule");

  function toggleDay(day: number, on: boolean) {
    const days = on ? [...new Set([...value.days, day])] : value.days.filter((d) => d !== day);
    set({ days: days.sort((a, b) => a - b) });
  }

  function addException() {
    if (!draft) {
      setDraftError("Pick a date to add.");
      return;
    }
    if (!validDate(draft)) {
      setDraftError("That is not a date.");
      return;
    }
    setDraftError(null);
    if (!value.exceptions.includes(draft)) set({ exceptions: [...value.exceptions, draft].sort() });
    setDraft("");
  }

  // The date range cannot be picked inside out.
  const bounds: Partial<Record<WindowPart, { min?: string; max?: string }>> = {
    from: { max: value.until || undefined },
    until: { min: value.from || undefined },
  };
  const exceptionsError = partError("exceptions") ?? (draftError ? [draftError] : undefined);

  return (
    <div className="space-y-4 sm:col-span-2">
      <div className="flex items-start gap-2">
        <input
          {...describedBy(toggleId, { hint: true, error: errorOf("schedule") })}
          type="checkbox"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600"
          checked={value.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        <div>
          <label htmlFor={toggleId} className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Limit dialing to a schedule
          </label>
          <p id={`${toggleId}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
            {value.enabled
              ? `The campaign dials only inside this schedule, read in its time zone (${timezone}). Calling hours still apply to each person.`
              : "Off: the campaign dials whenever it runs, within each person's calling hours."}
          </p>
          <FieldError id={`${toggleId}-error`} messages={errorOf("schedule")} />
        </div>
      </div>

      {value.enabled && (
        <div className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700" role="group" aria-label="Schedule">
          <fieldset aria-describedby={`${partId("days")}-summary${partError("days") ? ` ${partId("days")}-error` : ""}`}>
            <legend className="label">Days</legend>
            <div className="flex flex-wrap items-center gap-1.5">
              {ALL_DAYS.map((day) => (
                <label
                  key={day}
                  title={WEEKDAY_NAMES[day - 1]}
                  className="relative cursor-pointer rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-600 select-none has-checked:border-brand-600 has-checked:bg-brand-600 has-checked:text-white has-focus-visible:ring-2 has-focus-visible:ring-brand-500 has-focus-visible:ring-offset-1 dark:border-slate-600 dark:text-slate-300"
                >
                  <input
                    type="checkbox"
                    id={day === 1 ? partId("days") : undefined}
                    aria-label={WEEKDAY_NAMES[day - 1]}
                    aria-invalid={partError("days") ? true : undefined}
                    className="absolute inset-0 cursor-pointer appearance-none rounded-md focus:outline-none"
                    checked={value.days.includes(day)}
                    onChange={(e) => toggleDay(day, e.target.checked)}
                  />
                  <span aria-hidden="true">{WEEKDAY_NAMES[day - 1].slice(0, 3)}</span>
                </label>
              ))}
              <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
              <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => set({ days: WEEKDAYS })}>
                Mon–Fri
              </button>
              <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => set({ days: ALL_DAYS })}>
                Every day
              </button>
            </div>
            <p id={`${partId("days")}-summary`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {describeDays(value.days)}
            </p>
            <FieldError id={`${partId("days")}-error`} messages={partError("days")} />
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            {WINDOW_FIELDS.map(({ part, label, hint, type }) => (
              <TextField
                key={part}
                id={partId(part)}
                label={label}
                hint={hint}
                error={partError(part)}
                type={type}
                value={value[part]}
                {...bounds[part]}
                onChange={(e) => set({ [part]: e.target.value })}
              />
            ))}
          </div>

          <div>
            <label htmlFor={partId("exceptions")} className="label">
              Days off
            </label>
            <div className="flex gap-2">
              <input
                {...describedBy(partId("exceptions"), { hint: true, error: exceptionsError })}
                type="date"
                className="input max-w-48"
                value={draft}
                onChange={(e) => {
                  setDraft(e.target.value);
                  setDraftError(null);
                }}
                onKeyDown={(e) => {
                  // Enter adds the date instead of submitting the whole form.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    addException();
                  }
                }}
              />
              <button type="button" className="btn-secondary" onClick={addException}>
                Add day off
              </button>
            </div>
            <p id={`${partId("exceptions")}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              Dates on which the campaign does not dial, such as public holidays.
            </p>
            <FieldError id={`${partId("exceptions")}-error`} messages={exceptionsError} />
            {value.exceptions.length > 0 && (
              <ul aria-label="Days off" className="mt-2 flex flex-wrap gap-1.5">
                {value.exceptions.map((date) => (
                  <li
                    key={date}
                    className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs font-medium tabular-nums text-slate-700 dark:bg-slate-800 dark:text-slate-200"
                  >
                    {date}
                    <button
                      type="button"
                      className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:hover:bg-slate-700 dark:hover:text-slate-100 dark:text-slate-400"
                      aria-label={`Remove ${date}`}
                      onClick={() => set({ exceptions: value.exceptions.filter((d) => d !== date) })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
